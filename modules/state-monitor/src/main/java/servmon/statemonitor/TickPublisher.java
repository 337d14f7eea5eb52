package servmon.statemonitor;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import servmon.events.Topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends the monitor's heartbeat through the broker: a tick to every partition of {@link Topics#MONITOR_TICKS} each
 * tick interval. The stream tasks judge silence only up to the newest tick they processed, so a stalled broker or a
 * paused consumer can never make a reporting server look silent.
 */
final class TickPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TickPublisher.class);

    private final Map<String, Object> producerConfig;
    private final Duration interval;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile ScheduledExecutorService timer;

    TickPublisher(Map<String, Object> producerConfig, Duration interval) {
        this.producerConfig = new HashMap<>(producerConfig);
        // a tick is worth nothing late: no retries, no lingering, and never block the timer for long
        this.producerConfig.put(ProducerConfig.ACKS_CONFIG, "1");
        this.producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        this.producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        this.producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "servmon-state-monitor-ticks");
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("monitor-ticks").daemon()
                .factory());
        timer.scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            int partitions = producer.partitionsFor(Topics.MONITOR_TICKS.name()).size();
            for (int partition = 0; partition < partitions; partition++) {
                producer.send(new ProducerRecord<>(Topics.MONITOR_TICKS.name(), partition, now, "tick",
                        TickDecoder.encode(now)));
            }
        } catch (RuntimeException e) {
            // the broker is away: no tick is exactly what tells the monitor so
            log.debug("No tick sent: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            producer.close(Duration.ofSeconds(5));
            timer = null;
            producer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
