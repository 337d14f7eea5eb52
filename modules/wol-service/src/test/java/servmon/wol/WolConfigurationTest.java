package servmon.wol;

import org.junit.jupiter.api.Test;
import servmon.embedded.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad settings stop the start with a message that says what is wrong; nothing is sent. */
class WolConfigurationTest {

    @Test
    void destination_without_port_stops_start_with_a_clear_message() {
        assertThatThrownBy(() -> start("--servmon.wol.destinations=255.255.255.255:9,192.168.1.255"))
                .hasStackTraceContaining("destination '192.168.1.255' is not host:port");
    }

    @Test
    void destination_port_out_of_range_stops_start_with_a_clear_message() {
        assertThatThrownBy(() -> start("--servmon.wol.destinations=127.0.0.1:70000"))
                .hasStackTraceContaining("destination port must be 1 to 65535 (got 70000 for 127.0.0.1)");
    }

    @Test
    void zero_repeat_stops_start() {
        assertThatThrownBy(() -> start("--servmon.wol.repeat=0"))
                .hasStackTraceContaining("servmon.wol.repeat");
    }

    private static void start(String setting) {
        WolApplication.builder()
                .run("--spring.kafka.bootstrap-servers=" + EmbeddedKafkaBroker.shared().bootstrapServers(),
                        "--servmon.wol.use-reported-broadcast=false", setting)
                .close();
    }
}
