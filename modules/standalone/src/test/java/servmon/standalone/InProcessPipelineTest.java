package servmon.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The end-to-end scenarios on the embedded default: a real in-process Kafka broker and a real MariaDB. */
class InProcessPipelineTest extends PipelineScenarios {

    private static Standalone system;
    private static DatagramSocket wakeListener;

    @BeforeAll
    static void startEverything() throws Exception {
        System.setProperty("servmon.dashboard.admin-password", ADMIN_PASSWORD);
        wakeListener = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Path home = Files.createTempDirectory("servmon-e2e-");
        StandaloneOptions options = StandaloneOptions.defaults(Map.of())
                .withHome(home)
                .withPorts(0, 0)
                .withLocalAgent(false)
                .withWolDestinations(List.of("127.0.0.1:" + wakeListener.getLocalPort()));
        system = Standalone.start(options);
    }

    @AfterAll
    static void stopEverything() {
        if (system != null) {
            system.close();
        }
        if (wakeListener != null) {
            wakeListener.close();
        }
    }

    @Override
    Standalone system() {
        return system;
    }

    @Override
    DatagramSocket wakeListener() {
        return wakeListener;
    }

    @Override
    String dbUser() {
        return "root";
    }

    @Override
    String dbPassword() {
        return "";
    }
}
