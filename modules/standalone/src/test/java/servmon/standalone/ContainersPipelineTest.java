package servmon.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mysql.MySQLContainer;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same end-to-end scenarios on the production kind of infrastructure: Kafka and MySQL in containers.
 * Runs where Docker is present; elsewhere it is skipped and says why.
 */
class ContainersPipelineTest extends PipelineScenarios {

    private static KafkaContainer kafka;
    private static MySQLContainer mysql;
    private static Standalone system;
    private static DatagramSocket wakeListener;

    private static final boolean DOCKER = DockerClientFactory.instance().isDockerAvailable();

    /** Each scenario is skipped on its own (so the skips show in the counts), with the reason printed. */
    @BeforeEach
    void requireDockerAndStartOnce() throws Exception {
        if (!DOCKER) {
            System.out.println("[servmon] SKIPPED a ContainersPipelineTest scenario: no Docker engine on this machine; "
                    + "the same scenarios run against the in-process broker and MariaDB in InProcessPipelineTest");
        }
        assumeTrue(DOCKER, "no Docker engine: Testcontainers end-to-end tests skipped");
        if (system == null) {
            startContainersAndServices();
        }
    }

    private static void startContainersAndServices() throws Exception {
        kafka = new KafkaContainer("apache/kafka-native:4.1.0");
        mysql = new MySQLContainer("mysql:8.4").withDatabaseName("servmon");
        kafka.start();
        mysql.start();
        System.setProperty("servmon.dashboard.admin-password", ADMIN_PASSWORD);
        wakeListener = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        String url = mysql.getJdbcUrl() + "?sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + "&rewriteBatchedStatements=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
        StandaloneOptions options = StandaloneOptions.defaults(Map.of())
                .withHome(Files.createTempDirectory("servmon-tc-"))
                .withPorts(0, 0)
                .withKafkaBootstrap(kafka.getBootstrapServers())
                .withJdbc(url, mysql.getUsername(), mysql.getPassword())
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
        if (kafka != null) {
            kafka.stop();
        }
        if (mysql != null) {
            mysql.stop();
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
        return mysql.getUsername();
    }

    @Override
    String dbPassword() {
        return mysql.getPassword();
    }
}
