package servmon.wol.wake;

import org.junit.jupiter.api.Test;
import servmon.events.NetInterface;
import servmon.events.ServerId;
import servmon.events.ServerRegistered;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WakeTargetTest {

    private static final ServerId KEY = ServerId.of("key-of-server-1");
    private static final NetInterface LOOPBACK = new NetInterface("lo", "00:00:00:00:00:00", "127.0.0.1", null, null);
    private static final NetInterface ETH0 =
            new NetInterface("eth0", "52:54:00:00:00:01", "10.0.0.5", "10.0.0.255", false);
    private static final NetInterface ETH1 =
            new NetInterface("eth1", "52:54:00:00:00:02", "10.1.0.5", "10.1.0.255", true);
    private static final NetInterface NO_MAC = new NetInterface("wg0", null, "10.9.0.1", null, null);

    @Test
    void unregistered_server_is_not_wakeable() {
        assertThat(WakeTarget.choose(null, state(ETH1)))
                .isEqualTo(new WakeTarget.Unwakeable("server is not registered"));
    }

    @Test
    void mac_set_in_the_dashboard_wins_over_reported_interfaces() {
        WakeTarget target = WakeTarget.choose(registered("AA-BB-CC-00-00-01"), state(ETH0, ETH1));

        assertThat(target).isInstanceOfSatisfying(WakeTarget.Reachable.class, reachable -> {
            assertThat(reachable.packet().mac()).isEqualTo("aa:bb:cc:00:00:01");
            assertThat(reachable.macSource()).isEqualTo("set in the dashboard");
            assertThat(reachable.broadcast()).isNull();
        });
    }

    @Test
    void registered_mac_takes_the_broadcast_of_the_interface_reporting_it() {
        WakeTarget target = WakeTarget.choose(registered("5254.0000.0001"), state(ETH1, ETH0));

        assertThat(target).isInstanceOfSatisfying(WakeTarget.Reachable.class,
                reachable -> assertThat(reachable.broadcast()).isEqualTo("10.0.0.255"));
    }

    @Test
    void unusable_registered_mac_is_not_wakeable_with_the_reason() {
        WakeTarget target = WakeTarget.choose(registered("aa:bb:cc"), state(ETH1));

        assertThat(target).isInstanceOfSatisfying(WakeTarget.Unwakeable.class, unwakeable -> assertThat(
                unwakeable.reason()).startsWith("the MAC set in the dashboard is not usable: 'aa:bb:cc' is not a MAC"));
    }

    @Test
    void interface_armed_for_wake_on_lan_is_preferred() {
        WakeTarget target = WakeTarget.choose(registered(null), state(LOOPBACK, ETH0, ETH1));

        assertThat(target).isInstanceOfSatisfying(WakeTarget.Reachable.class, reachable -> {
            assertThat(reachable.packet().mac()).isEqualTo("52:54:00:00:00:02");
            assertThat(reachable.macSource()).isEqualTo("reported by the agent for eth1 (Wake-on: g)");
            assertThat(reachable.broadcast()).isEqualTo("10.1.0.255");
        });
    }

    @Test
    void without_an_armed_interface_the_first_with_a_usable_mac_is_chosen() {
        WakeTarget target = WakeTarget.choose(registered(" "), state(NO_MAC, LOOPBACK, ETH0));

        assertThat(target).isInstanceOfSatisfying(WakeTarget.Reachable.class, reachable -> {
            assertThat(reachable.packet().mac()).isEqualTo("52:54:00:00:00:01");
            assertThat(reachable.macSource()).isEqualTo("reported by the agent for eth0");
        });
    }

    @Test
    void no_mac_anywhere_is_not_wakeable_with_advice() {
        String advice = "no MAC address known: start the agent on that server once, or set the MAC in the dashboard";

        assertThat(WakeTarget.choose(registered(null), null)).isEqualTo(new WakeTarget.Unwakeable(advice));
        assertThat(WakeTarget.choose(registered(null), state(LOOPBACK, NO_MAC)))
                .isEqualTo(new WakeTarget.Unwakeable(advice));
    }

    private static ServerRegistered registered(String mac) {
        return new ServerRegistered(ServmonEvent.VERSION, KEY, 1, "server 1", mac, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static ServerStateChanged state(NetInterface... interfaces) {
        return new ServerStateChanged(ServmonEvent.VERSION, KEY, ServerState.OFF, ServerState.ON,
                Instant.parse("2026-01-01T01:00:00Z"), Instant.parse("2026-01-01T00:59:00Z"), "boot-1", 8,
                List.of(interfaces));
    }
}
