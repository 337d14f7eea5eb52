package servmon.agent.simulate;

import org.junit.jupiter.api.Test;
import servmon.events.MetricReport;
import servmon.events.ServerKey;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualServerTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long BOOT_DELAY = 20 * SECOND;

    private final VirtualServer server = new VirtualServer(0,
            new ServerIdentity("sim-0001", ServerKey.of("abcdEFGH1234")), 0x02_5E_00_00_00_01L, true, 0);

    @Test
    void asleep_it_reports_nothing_until_a_magic_packet_and_the_boot_delay() {
        assertThat(report(0).seq()).isZero();
        String firstBoot = report(SECOND).bootId();
        assertThat(report(2 * SECOND).seq()).isEqualTo(2L);

        assertThat(server.sleep()).isEqualTo(VirtualServer.SleepOutcome.ACCEPTED);
        assertThat(report(3 * SECOND)).isNull();
        assertThat(server.wake(4 * SECOND, BOOT_DELAY)).isTrue();
        assertThat(server.wake(5 * SECOND, BOOT_DELAY)).as("a second packet while booting").isFalse();
        assertThat(report(4 * SECOND + BOOT_DELAY - 1)).isNull();

        MetricReport back = report(4 * SECOND + BOOT_DELAY);
        assertThat(back.seq()).isZero();
        assertThat(back.bootId()).isNotEqualTo(firstBoot);
        assertThat(back.uptimeS()).isZero();
        assertThat(report(5 * SECOND + BOOT_DELAY).seq()).isEqualTo(1L);
    }

    @Test
    void a_server_that_is_up_ignores_magic_packets_and_a_second_sleep_order() {
        report(0);
        assertThat(server.wake(SECOND, BOOT_DELAY)).isFalse();
        assertThat(server.sleep()).isEqualTo(VirtualServer.SleepOutcome.ACCEPTED);
        assertThat(server.sleep()).isEqualTo(VirtualServer.SleepOutcome.NOT_AWAKE);
    }

    @Test
    void a_removed_server_stays_removed_when_the_refusal_of_its_last_report_follows() {
        report(0);
        assertThat(server.sleep()).isEqualTo(VirtualServer.SleepOutcome.ACCEPTED);

        assertThat(server.removed()).as("asleep or not").isTrue();
        assertThat(server.removed()).as("once").isFalse();
        // the ingestor refuses the report that was on its way: the server is removed, not merely refused
        assertThat(server.refused()).isFalse();
        assertThat(server.state()).isEqualTo(VirtualServer.State.REMOVED);
        assertThat(server.wake(SECOND, 0)).isFalse();
        assertThat(report(2 * SECOND)).isNull();
    }

    @Test
    void a_stopped_server_says_when_it_last_reported_and_ignores_orders_and_packets() {
        Instant last = Instant.parse("2026-05-01T12:00:01Z");
        server.nextReport(Instant.parse("2026-05-01T12:00:00Z"), 0, 40, 0, 1);
        server.nextReport(last, SECOND, 40, 0, 1);

        assertThat(server.stop()).isEqualTo(last);
        assertThat(report(2 * SECOND)).isNull();
        assertThat(server.sleep()).isEqualTo(VirtualServer.SleepOutcome.NOT_AWAKE);
        assertThat(server.wake(3 * SECOND, 0)).isFalse();
        assertThat(report(4 * SECOND)).isNull();
    }

    @Test
    void disarmed_server_refuses_sleep_and_stays_up() {
        VirtualServer disarmed = new VirtualServer(1, new ServerIdentity("sim-0002", ServerKey.of("abcdEFGH5678")),
                0x02_5E_00_00_00_02L, false, 0);

        assertThat(disarmed.sleep()).isEqualTo(VirtualServer.SleepOutcome.NOT_ARMED);
        assertThat(disarmed.state()).isEqualTo(VirtualServer.State.AWAKE);
    }

    @Test
    void watts_follow_the_load_through_the_agents_power_model() {
        MetricReport idle = server.nextReport(Instant.now(), 0, 0, 0, 1);
        MetricReport busy = server.nextReport(Instant.now(), SECOND, 100, 0, 1);

        assertThat(busy.powerW()).isGreaterThan(idle.powerW());
        assertThat(server.lastPowerW()).isEqualTo(busy.powerW());
    }

    @Test
    void ten_thousand_servers_get_ten_thousand_addresses() {
        Set<String> addresses = new HashSet<>();
        IntStream.range(0, 10_000).forEach(i -> addresses.add(VirtualServer.ipv4(i)));

        assertThat(addresses).hasSize(10_000);
        assertThat(VirtualServer.ipv4(0)).isEqualTo("192.0.2.1");
        assertThat(VirtualServer.ipv4(254)).isEqualTo("198.51.100.1");
        assertThat(VirtualServer.ipv4(761)).isEqualTo("203.0.113.254");
        assertThat(VirtualServer.ipv4(762)).isEqualTo("127.1.0.1");
    }

    private MetricReport report(long nowNanos) {
        return server.nextReport(Instant.now(), nowNanos, 40, 0, 1);
    }
}
