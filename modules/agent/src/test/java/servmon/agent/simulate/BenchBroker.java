package servmon.agent.simulate;

import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.TopicProvisioner;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bare Kafka broker with servmon's topics for bench/simulate-footprint.sh: nothing consumes, so the figures are the
 * simulator's alone. Prints {@code BOOTSTRAP host:port} once ready and runs until killed.
 */
public final class BenchBroker {

    private BenchBroker() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("servmon-bench-kafka-");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-shutdown"));
        TopicProvisioner.ensureTopics(broker.bootstrapServers(), (short) 1);
        System.out.println("BOOTSTRAP " + broker.bootstrapServers());
        Thread.currentThread().join();
    }
}
