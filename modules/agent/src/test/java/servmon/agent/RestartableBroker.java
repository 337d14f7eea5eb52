package servmon.agent;

import servmon.embedded.EmbeddedKafkaBroker;
import servmon.embedded.FreePorts;
import servmon.events.TopicProvisioner;

import java.nio.file.Path;

/** A real broker of its own that a test can stop and start again on the same ports and data, as an outage would. */
final class RestartableBroker implements AutoCloseable {

    private final Path dataDir;
    private final int port = FreePorts.find();
    private final int controllerPort = FreePorts.find();
    private EmbeddedKafkaBroker broker;

    private RestartableBroker(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts it and creates servmon's topics. */
    static RestartableBroker start(Path dataDir) {
        RestartableBroker restartable = new RestartableBroker(dataDir);
        restartable.restart();
        TopicProvisioner.ensureTopics(restartable.bootstrapServers(), (short) 1);
        return restartable;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    boolean isRunning() {
        return broker != null;
    }

    void stop() {
        broker.close();
        broker = null;
    }

    void restart() {
        broker = EmbeddedKafkaBroker.start(dataDir, port, controllerPort);
    }

    @Override
    public void close() {
        if (broker != null) {
            stop();
        }
    }
}
