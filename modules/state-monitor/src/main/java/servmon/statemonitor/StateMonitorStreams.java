package servmon.statemonitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Runs the monitor's {@link KafkaStreams} with the application context. As a lifecycle bean it starts after every
 * singleton is ready, so after KafkaAdmin created the missing topics, and stops first, closing the streams cleanly
 * (store flushed, offsets committed) so that a restart does not reprocess much.
 */
final class StateMonitorStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StateMonitorStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Topology topology;
    private final Properties config;
    private final MeterRegistry registry;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    /** @param registry where the streams' own metrics (consumer lag, process rates, store latencies) are shown */
    StateMonitorStreams(Topology topology, Properties config, MeterRegistry registry) {
        this.topology = topology;
        this.config = config;
        this.registry = registry;
    }

    /**
     * The Streams configuration: Boot's {@code spring.kafka.streams.*} (and {@code spring.kafka.bootstrap-servers})
     * plus the error handling the monitor relies on, which is not left to configuration.
     */
    static Properties config(Map<String, Object> bootStreamsProperties, StateMonitorProperties props) {
        Properties config = new Properties();
        config.putAll(bootStreamsProperties);
        if (config.get(StreamsConfig.APPLICATION_ID_CONFIG) == null) {
            throw new IllegalStateException("spring.kafka.streams.application-id is not set");
        }
        config.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, props.topicReplicas());
        // A bad record or a failed send is logged and skipped; it never stops the stream thread.
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);  // Kafka 5's default
        config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProductionExceptionHandler.class);
        return config;
    }

    @Override
    public synchronized void start() {
        if (streams != null) {
            return;
        }
        KafkaStreams starting = new KafkaStreams(topology, config);
        starting.setStateListener((now, before) -> log.info("State monitor streams {} -> {}", before, now));
        starting.setUncaughtExceptionHandler(exception -> {
            log.error("State monitor stream thread died; starting a new one", exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streamsMetrics = new KafkaStreamsMetrics(starting);
        streamsMetrics.bindTo(registry);
        starting.start();
        streams = starting;
    }

    @Override
    public synchronized void stop() {
        if (streams == null) {
            return;
        }
        if (!streams.close(CLOSE_TIMEOUT)) {
            log.warn("State monitor streams did not close within {}", CLOSE_TIMEOUT);
        }
        streamsMetrics.close();
        streams = null;
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** The streams' state, or null when stopped; for health checks and tests. */
    KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? null : current.state();
    }
}
