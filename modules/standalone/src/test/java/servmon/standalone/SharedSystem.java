package servmon.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One whole servmon on the embedded default (in-process Kafka, MariaDB, all services) per test JVM, shared by the
 * end-to-end and browser tests because starting it is the slow part. Magic packets go to a loopback socket.
 */
final class SharedSystem {

    static final String ADMIN_PASSWORD = "e2e-admin-secret";

    private static Standalone system;
    private static DatagramSocket wakeListener;
    private static AlertWebhook alerts;
    private static int simulatorWolPort;
    private static Path home;

    private SharedSystem() {
    }

    static synchronized Standalone get() {
        if (system == null) {
            try {
                System.setProperty("servmon.dashboard.admin-password", ADMIN_PASSWORD);
                // every alert of the dashboard goes to a webhook on loopback, soon after a server goes OFF
                alerts = new AlertWebhook();
                System.setProperty("servmon.notify.webhooks[0].name", "e2e");
                System.setProperty("servmon.notify.webhooks[0].url", alerts.url());
                System.setProperty("servmon.notify.rules.off-for", "2s");
                wakeListener = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                // where a simulated fleet (agent simulate mode) listens for its magic packets
                simulatorWolPort = servmon.embedded.FreePorts.find();
                StandaloneOptions options = StandaloneOptions.defaults(Map.of())
                        .withHome(home = Files.createTempDirectory("servmon-e2e-"))
                        .withPorts(0, 0)
                        .withLocalAgent(false)
                        .withWolDestinations(List.of("127.0.0.1:" + wakeListener.getLocalPort(),
                                "127.0.0.1:" + simulatorWolPort));
                system = Standalone.start(options);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                system.close();
                wakeListener.close();
                alerts.close();
            }, "e2e-shutdown"));
        }
        return system;
    }

    static synchronized int simulatorWolPort() {
        get();
        return simulatorWolPort;
    }

    /** The system's data folder (e.g. for its policies.yml). */
    static synchronized Path home() {
        get();
        return home;
    }

    /** The webhook that receives the dashboard's alerts. */
    static synchronized AlertWebhook alerts() {
        get();
        return alerts;
    }

    static synchronized DatagramSocket wakeListener() {
        get();
        return wakeListener;
    }
}
