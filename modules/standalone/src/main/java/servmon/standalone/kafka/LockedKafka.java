package servmon.standalone.kafka;

import org.apache.kafka.clients.admin.Admin;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.TopicProvisioner;
import servmon.events.Topics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The embedded broker as {@code ./servmon run} starts it: no client gets in without a login, and each login may do
 * only what its role needs. Logins are made on the first start and kept under the data folder
 * ({@link KafkaCredentials}); on every start the servmon topics, each login's SCRAM user and its ACLs are created
 * when missing, so logins an admin added while the broker was down take effect then.
 */
public final class LockedKafka implements AutoCloseable {

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafkaBroker broker;
    private final KafkaCredentials credentials;

    private LockedKafka(EmbeddedKafkaBroker broker, KafkaCredentials credentials) {
        this.broker = broker;
        this.credentials = credentials;
    }

    /**
     * @param home           {@code ./servmon run}'s data folder: the broker's log goes to {@code kafka/}, the logins
     *                       to {@link KafkaCredentials#FOLDER}
     * @param port           client port on 127.0.0.1, 0 for a free one
     * @param controllerPort KRaft controller port on 127.0.0.1, 0 for a free one
     */
    public static LockedKafka start(Path home, int port, int controllerPort) {
        KafkaCredentials credentials = KafkaCredentials.open(home.resolve(KafkaCredentials.FOLDER));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startSecured(home.resolve("kafka"), port, controllerPort,
                credentials.adminPassword());
        try {
            try (Admin admin = Admin.create(broker.adminProperties())) {
                TopicProvisioner.ensureTopics(admin, Topics.ALL, (short) 1);
            }
            KafkaAccess.grant(broker.adminProperties(), credentials.logins(), SETUP_TIMEOUT);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return new LockedKafka(broker, credentials);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public KafkaCredentials credentials() {
        return credentials;
    }

    /** Bootstrap servers and the super user's login. */
    public Map<String, Object> adminProperties() {
        return broker.adminProperties();
    }

    @Override
    public void close() {
        broker.close();
    }
}
