package servmon.statemonitor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.EventCodec;
import servmon.events.ServerId;
import servmon.events.Topics;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The transition counter as the topology drives it: one count per published change, by the state entered. */
class StateTransitionsTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void every_published_change_is_counted_by_the_state_entered(@TempDir Path stateDir) {
        var config = StateMonitorStreams.config(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "state-transitions-test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()), StateMonitorTopologyTest.DEFAULTS);
        ServerId server = ServerId.random();
        try (var driver = new TopologyTestDriver(StateMonitorTopology.buildTopology(StateMonitorTopologyTest.DEFAULTS,
                new StateTransitions(registry)), config, StateMonitorTopologyTest.T0)) {
            TestInputTopic<String, byte[]> servers = driver.createInputTopic(Topics.SERVERS.name(),
                    new StringSerializer(), new ByteArraySerializer());
            TestInputTopic<String, byte[]> metrics = driver.createInputTopic(Topics.METRICS.name(),
                    new StringSerializer(), new ByteArraySerializer());

            servers.pipeInput(server.value(), EventCodec.encode(Events.registration(server)));
            metrics.pipeInput(Events.signed(server.value(), EventCodec.encode(Events.report(server, 8, "boot-1"))));
            metrics.pipeInput(Events.signed(server.value(), EventCodec.encode(Events.report(server, 8, "boot-1"))));
            TestInputTopic<String, byte[]> ticks = driver.createInputTopic(Topics.MONITOR_TICKS.name(),
                    new StringSerializer(), new ByteArraySerializer());
            Instant now = StateMonitorTopologyTest.T0;
            for (int i = 0; i < 20; i++) {
                now = now.plusSeconds(1);
                ticks.pipeInput("tick", TickDecoder.encode(now.toEpochMilli()), now);  // the input flows
                driver.advanceWallClockTime(Duration.ofSeconds(1));  // 2 x 8 s + 1 s of silence: OFF
            }
        }

        assertThat(count("empty")).isEqualTo(1);
        assertThat(count("on")).isEqualTo(1);
        assertThat(count("off")).isEqualTo(1);
        assertThat(count("waking")).isZero();
        assertThat(count("asleep")).isZero();
    }

    private double count(String state) {
        return registry.get("servmon.state.transitions").tag("state", state).counter().count();
    }
}
