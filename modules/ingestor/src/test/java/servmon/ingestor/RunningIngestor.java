package servmon.ingestor;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.embedded.EmbeddedMariaDb;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * One ingestor per test JVM, started the way the standalone module starts it ({@link IngestorApplication#builder()}
 * with command-line settings) on the shared embedded broker and database; test classes share it.
 */
final class RunningIngestor {

    /** Counts batches that failed and are being retried, so a test can see an outage being ridden out. */
    static final AtomicInteger FAILED_BATCHES = new AtomicInteger();

    private static ConfigurableApplicationContext context;

    private RunningIngestor() {
    }

    static synchronized ConfigurableApplicationContext context() {
        if (context == null) {
            EmbeddedMariaDb db = EmbeddedMariaDb.shared();
            RetryListener failureCounter = new RetryListener() {
                @Override
                public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                    FAILED_BATCHES.incrementAndGet();
                }

                @Override
                public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                    FAILED_BATCHES.incrementAndGet();
                }
            };
            context = IngestorApplication.builder()
                    .initializers(ctx -> ctx.getBeanFactory().registerSingleton("failureCounter", failureCounter))
                    .run("--spring.kafka.bootstrap-servers=" + EmbeddedKafkaBroker.shared().bootstrapServers(),
                            "--spring.datasource.url=" + db.jdbcUrl(),
                            "--spring.datasource.username=" + db.username(),
                            "--spring.datasource.password=" + db.password(),
                            "--servmon.ingestor.retry.initial-interval=100ms",
                            "--servmon.ingestor.retry.max-interval=500ms");
            KafkaListenerEndpointRegistry listeners = context.getBean(KafkaListenerEndpointRegistry.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> listeners.getListenerContainers().stream()
                    .allMatch(RunningIngestor::hasPartitions));
        }
        return context;
    }

    static JdbcTemplate jdbc() {
        return context().getBean(JdbcTemplate.class);
    }

    private static boolean hasPartitions(MessageListenerContainer container) {
        var assigned = container.getAssignedPartitions();
        return assigned != null && !assigned.isEmpty();
    }
}
