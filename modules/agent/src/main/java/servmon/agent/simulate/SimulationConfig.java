package servmon.agent.simulate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a simulated fleet runs; {@link SimulateCommand} builds it from the command line, tests directly.
 *
 * @param wolPort          UDP port on 127.0.0.1 where magic packets for the fleet arrive; 0 for any free one
 * @param wolDisarmedEvery every K-th server reports Wake-on-LAN disarmed and refuses sleep orders; 0 for none
 * @param statsEvery       how often the footprint line is printed; zero for never
 * @param kafkaProperties  more Kafka client settings, above all the agents' login to a secured broker; null for none
 */
public record SimulationConfig(String bootstrapServers, List<ServerIdentity> servers, Duration interval,
                               LoadCurve curve, Duration bootDelay, int wolPort, int wolDisarmedEvery,
                               Duration statsEvery, Map<String, String> kafkaProperties) {

    public SimulationConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is required");
        }
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one server");
        }
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.toNanosPart() != 0) {
            throw new IllegalArgumentException("interval must be whole seconds, at least 1 (got " + interval + ")");
        }
        Objects.requireNonNull(curve, "curve");
        if (bootDelay == null || bootDelay.isNegative()) {
            throw new IllegalArgumentException("bootDelay must be zero or more");
        }
        if (wolPort < 0 || wolPort > 65_535) {
            throw new IllegalArgumentException("wolPort must be 0..65535 (got " + wolPort + ")");
        }
        if (wolDisarmedEvery < 0) {
            throw new IllegalArgumentException("wolDisarmedEvery must be 0 or more");
        }
        statsEvery = statsEvery == null ? Duration.ZERO : statsEvery;
        kafkaProperties = kafkaProperties == null ? Map.of() : Map.copyOf(kafkaProperties);
    }

    int intervalSeconds() {
        return Math.toIntExact(interval.toSeconds());
    }
}
