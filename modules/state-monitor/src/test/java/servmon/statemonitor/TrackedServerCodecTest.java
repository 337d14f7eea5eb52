package servmon.statemonitor;

import org.junit.jupiter.api.Test;
import servmon.events.NetInterface;
import servmon.events.ServerState;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackedServerCodecTest {

    @Test
    void stored_server_reads_back_exactly_with_and_without_optional_fields() {
        var full = new TrackedServer(ServerState.WAKING, ServerState.OFF, 1_772_366_400_123L, 1_772_366_300_456L, 8,
                "0f1e2d3c-boot", List.of(
                        new NetInterface("eth0", "52:54:00:12:34:56", "10.0.0.7", "10.0.0.255", true),
                        new NetInterface("wlan0", "52:54:00:ab:cd:ef", null, null, null),
                        new NetInterface("eth1", "52:54:00:00:00:01", "192.168.1.9", "192.168.1.255", false)),
                87.5, "0e0e-previous-boot", 1_772_366_460_000L, 1_772_366_455_000L);
        var bare = TrackedServer.registered(1_772_366_400_000L);

        var asleep = bare.asleep(1_772_366_500_000L, 120.0, 1_772_366_499_000L);

        for (TrackedServer server : List.of(full, bare, asleep)) {
            byte[] stored = TrackedServerCodec.encode(server);
            assertThat(TrackedServerCodec.decode(stored)).isEqualTo(server);
        }
    }

    @Test
    void entry_of_an_unknown_format_is_refused_with_a_reason() {
        byte[] stored = TrackedServerCodec.encode(TrackedServer.registered(1L));
        stored[0] = 9;

        assertThatThrownBy(() -> TrackedServerCodec.decode(stored))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown format 9");
    }
}
