package servmon.wol.wake;

import org.junit.jupiter.api.Test;
import servmon.wol.WolProperties;
import servmon.wol.packet.Destination;

import java.time.Duration;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WakeDestinationsTest {

    private static final Destination LIMITED = Destination.of("255.255.255.255:9");
    private static final Destination SUBNET_ECHO = Destination.of("10.0.0.255:7");

    private static WakeDestinations destinations(List<Destination> configured, boolean useReportedBroadcast) {
        return new WakeDestinations(new WolProperties(configured, useReportedBroadcast, 3, Duration.ofMillis(100), 1,
                Duration.ofSeconds(60), Duration.ofSeconds(30), 20, new WolProperties.Confirm(3, Duration.ofSeconds(30),
                2.0, Duration.ofMinutes(3), Duration.ofMinutes(3), Duration.ofMillis(250)), List.of()));
    }

    @Test
    void reported_broadcast_is_added_on_port_9() {
        WakeDestinations destinations = destinations(List.of(LIMITED, SUBNET_ECHO), true);

        assertThat(destinations.forTarget("10.0.0.255"))
                .containsExactly(LIMITED, SUBNET_ECHO, new Destination("10.0.0.255", 9));
    }

    @Test
    void reported_broadcast_equal_to_a_configured_destination_is_not_sent_twice() {
        WakeDestinations destinations = destinations(List.of(LIMITED, Destination.of("10.0.0.255:9")), true);

        assertThat(destinations.forTarget("10.0.0.255")).containsExactly(LIMITED, Destination.of("10.0.0.255:9"));
    }

    @Test
    void reported_broadcast_is_ignored_when_disabled() {
        WakeDestinations destinations = destinations(List.of(LIMITED), false);

        assertThat(destinations.forTarget("10.0.0.255")).containsExactly(LIMITED);
    }

    @Test
    void reported_broadcast_that_is_not_an_ipv4_literal_is_ignored() {
        WakeDestinations destinations = destinations(List.of(LIMITED), true);

        assertThat(destinations.forTarget("printer.example")).containsExactly(LIMITED);
        assertThat(destinations.forTarget("10.0.0.256")).containsExactly(LIMITED);
        assertThat(destinations.forTarget(null)).containsExactly(LIMITED);
    }
}
