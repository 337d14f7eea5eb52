package servmon.statemonitor;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health "streams", part of readiness: UP while the monitor's streams run or rebalance, DOWN once they stopped or
 * failed, so that a supervisor sees a monitor that no longer decides any state.
 */
@Component
class StreamsHealthIndicator implements HealthIndicator {

    private final StateMonitorStreams streams;

    StreamsHealthIndicator(StateMonitorStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        Health.Builder health = state != null && state.isRunningOrRebalancing() ? Health.up() : Health.down();
        return health.withDetail("state", state == null ? "NOT_STARTED" : state.name()).build();
    }
}
