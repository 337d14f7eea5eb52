package servmon.wol.packet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DestinationTest {

    @Test
    void host_and_port_are_parsed() {
        assertThat(Destination.of("255.255.255.255:9")).isEqualTo(new Destination("255.255.255.255", 9));
        assertThat(Destination.of(" wol-gw.example:7 ")).isEqualTo(new Destination("wol-gw.example", 7));
    }

    @Test
    void bracketed_ipv6_host_is_accepted() {
        Destination destination = Destination.of("[ff02::1]:9");

        assertThat(destination.host()).isEqualTo("ff02::1");
        assertThat(destination).hasToString("[ff02::1]:9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"255.255.255.255", "255.255.255.255:", ":9", "", "ff02::1:9"})
    void destination_without_host_and_port_is_refused(String text) {
        assertThatThrownBy(() -> Destination.of(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.255:0", "192.168.1.255:65536", "192.168.1.255:-1"})
    void port_outside_1_to_65535_is_refused(String text) {
        assertThatThrownBy(() -> Destination.of(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port must be 1 to 65535");
    }

    @Test
    void non_numeric_port_is_refused() {
        assertThatThrownBy(() -> Destination.of("192.168.1.255:discard"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no numeric port");
    }
}
