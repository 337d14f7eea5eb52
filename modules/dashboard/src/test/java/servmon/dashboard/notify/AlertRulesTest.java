package servmon.dashboard.notify;

import org.junit.jupiter.api.Test;
import servmon.events.CommandId;
import servmon.events.MetricReport;
import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules as pure logic, on a clock the test moves. */
class AlertRulesTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final ServerId DB1 = ServerId.of("db1-key-0123456789");
    private static final ServerId WEB1 = ServerId.of("web1-key-0123456789");

    private final MovableClock clock = new MovableClock(START);

    private AlertRules rules(NotifyProperties.Threshold cpuOver, NotifyProperties.Threshold powerOver) {
        return new AlertRules(new NotifyProperties.Rules(Duration.ofSeconds(30), true, cpuOver, powerOver, true), clock);
    }

    private AlertRules rules() {
        return rules(null, null);
    }

    @Test
    void the_reports_are_read_only_for_a_cpu_or_power_rule() {
        NotifyProperties.Threshold over = new NotifyProperties.Threshold(90, Duration.ofMinutes(10));
        assertThat(rules().needReports()).as("OFF, wake and key-conflict rules come from states and results")
                .isFalse();
        assertThat(rules(over, null).needReports()).isTrue();
        assertThat(rules(null, over).needReports()).isTrue();
    }

    @Test
    void an_off_is_raised_once_when_it_has_lasted_off_for() {
        AlertRules rules = rules();
        clock.advance(Duration.ofSeconds(5));
        Instant offAt = clock.instant();
        assertThat(rules.onState(DB1, state(ServerState.OFF, offAt))).isEmpty();

        clock.advance(Duration.ofSeconds(29));
        assertThat(rules.dueOffs()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        List<Trigger> due = rules.dueOffs();
        assertThat(due).singleElement().satisfies(trigger -> {
            assertThat(trigger.rule()).isEqualTo(NotifyRule.SERVER_OFF);
            assertThat(trigger.server()).isEqualTo(DB1);
            assertThat(trigger.incident()).isEqualTo(offAt.toString());
            assertThat(trigger.detail()).startsWith("OFF for 30 s");
        });
        clock.advance(Duration.ofMinutes(5));
        assertThat(rules.dueOffs()).as("once per OFF").isEmpty();
        rules.onState(DB1, state(ServerState.OFF, clock.instant()));
        clock.advance(Duration.ofMinutes(5));
        assertThat(rules.dueOffs()).as("OFF again while OFF is the same OFF").isEmpty();

        rules.onState(DB1, state(ServerState.ON, clock.instant()));
        rules.onState(DB1, state(ServerState.OFF, clock.instant()));
        clock.advance(Duration.ofSeconds(30));
        assertThat(rules.dueOffs()).as("a new OFF after ON").hasSize(1);
    }

    @Test
    void an_off_that_ends_before_off_for_raises_nothing() {
        AlertRules rules = rules();
        clock.advance(Duration.ofSeconds(1));
        rules.onState(DB1, state(ServerState.OFF, clock.instant()));
        clock.advance(Duration.ofSeconds(20));
        rules.onState(DB1, state(ServerState.ON, clock.instant()));
        clock.advance(Duration.ofMinutes(2));
        assertThat(rules.dueOffs()).isEmpty();
    }

    @Test
    void asleep_is_never_off_and_silences_cpu_and_power() {
        AlertRules rules = rules(new NotifyProperties.Threshold(90, Duration.ofMinutes(1)),
                new NotifyProperties.Threshold(300, Duration.ofMinutes(1)));
        clock.advance(Duration.ofSeconds(1));
        rules.onState(DB1, state(ServerState.ASLEEP, clock.instant()));
        clock.advance(Duration.ofHours(1));
        assertThat(rules.dueOffs()).isEmpty();
        for (int i = 0; i <= 20; i++) {  // a late backlog of hot reports from before it slept
            assertThat(rules.onReport(report(DB1, START.plusSeconds(8L * i), 99.0, 500.0))).isEmpty();
        }
    }

    @Test
    void a_state_record_read_again_at_start_is_not_a_new_off() {
        // servmon restarts: the state topic is read again; db-1 went OFF an hour ago (told then, or long past telling)
        AlertRules rules = rules();
        assertThat(rules.onState(DB1, state(ServerState.OFF, START.minus(Duration.ofHours(1))))).isEmpty();
        // web-1 went OFF 10 s before the restart: its 30 s are not over, so it is still watched
        rules.onState(WEB1, state(ServerState.OFF, START.minusSeconds(10)));

        clock.advance(Duration.ofSeconds(19));
        assertThat(rules.dueOffs()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(rules.dueOffs()).extracting(Trigger::server).containsExactly(WEB1);
    }

    @Test
    void a_key_conflict_is_raised_once_and_not_when_read_again_at_start() {
        AlertRules rules = rules();
        // already in conflict before the start: history
        assertThat(rules.onState(WEB1, conflict(START.minusSeconds(60)))).isEmpty();

        clock.advance(Duration.ofSeconds(10));
        List<Trigger> raised = rules.onState(DB1, conflict(clock.instant()));
        assertThat(raised).singleElement().satisfies(trigger -> {
            assertThat(trigger.rule()).isEqualTo(NotifyRule.KEY_CONFLICT);
            assertThat(trigger.detail()).contains("two agents");
        });
        clock.advance(Duration.ofSeconds(10));
        assertThat(rules.onState(DB1, conflict(clock.instant()))).as("the same conflict goes on").isEmpty();
        rules.onState(DB1, state(ServerState.ON, clock.instant()));
        clock.advance(Duration.ofSeconds(10));
        assertThat(rules.onState(DB1, conflict(clock.instant()))).as("a new conflict").hasSize(1);
    }

    @Test
    void cpu_over_the_threshold_for_n_minutes_is_raised_once_per_episode() {
        AlertRules rules = rules(new NotifyProperties.Threshold(90, Duration.ofMinutes(2)), null);
        Instant t = START;
        // 2 minutes of 8-second samples above 90 %: the sample at +120 s completes them
        for (int i = 0; i < 15; i++) {
            assertThat(rules.onReport(report(DB1, t, 95.0, null))).as("sample %d", i).isEmpty();
            t = t.plusSeconds(8);
        }
        List<Trigger> raised = rules.onReport(report(DB1, t, 97.5, null));
        assertThat(raised).singleElement().satisfies(trigger -> {
            assertThat(trigger.rule()).isEqualTo(NotifyRule.CPU_OVER);
            assertThat(trigger.happenedAt()).isEqualTo(START);
            assertThat(trigger.detail()).isEqualTo("CPU above 90 % for 120 s (now 97.5 %)");
        });
        assertThat(rules.onReport(report(DB1, t.plusSeconds(8), 99.0, null))).as("once per episode").isEmpty();

        // a dip ends the episode; the next one needs its own 2 minutes
        Instant dip = t.plusSeconds(16);
        rules.onReport(report(DB1, dip, 40.0, null));
        assertThat(rules.onReport(report(DB1, dip.plusSeconds(8), 95.0, null))).isEmpty();
        assertThat(rules.onReport(report(DB1, dip.plusSeconds(120), 95.0, null))).as("a gap is no proof").isEmpty();
    }

    @Test
    void cpu_at_the_threshold_or_for_less_than_n_minutes_raises_nothing() {
        AlertRules rules = rules(new NotifyProperties.Threshold(90, Duration.ofMinutes(2)), null);
        for (int i = 0; i <= 30; i++) {
            assertThat(rules.onReport(report(DB1, START.plusSeconds(8L * i), 90.0, null))).isEmpty();
        }
        for (int i = 0; i < 15; i++) {
            assertThat(rules.onReport(report(WEB1, START.plusSeconds(8L * i), 99.0, null))).isEmpty();
        }
    }

    @Test
    void power_over_the_threshold_is_its_own_rule() {
        AlertRules rules = rules(null, new NotifyProperties.Threshold(300, Duration.ofMinutes(1)));
        List<Trigger> raised = List.of();
        for (int i = 0; i <= 8 && raised.isEmpty(); i++) {
            raised = rules.onReport(report(DB1, START.plusSeconds(8L * i), 10.0, 350.0));
        }
        assertThat(raised).extracting(Trigger::rule).containsExactly(NotifyRule.POWER_OVER);
    }

    @Test
    void a_timed_out_wake_is_raised_and_other_steps_are_not() {
        AlertRules rules = rules();
        CommandId command = CommandId.random();
        assertThat(rules.onWakeResult(wake(command, WakeStatus.SENT))).isEmpty();
        assertThat(rules.onWakeResult(wake(command, WakeStatus.TIMED_OUT))).hasValueSatisfying(trigger -> {
            assertThat(trigger.rule()).isEqualTo(NotifyRule.WAKE_TIMED_OUT);
            assertThat(trigger.incident()).isEqualTo(command.value());
        });
    }

    private static ServerStateChanged state(ServerState state, Instant since) {
        return new ServerStateChanged(1, DB1, state, null, since, since, "boot", 8, List.of());
    }

    private static ServerStateChanged conflict(Instant since) {
        return new ServerStateChanged(1, DB1, ServerState.ON, ServerState.ON, since, since, "boot", 8, List.of(), null,
                "two agents report with this key (boot ids a and b)");
    }

    private static MetricReport report(ServerId key, Instant at, double cpuPct, Double powerW) {
        return new MetricReport(1, key, at, 1L, 8, "boot", "host", cpuPct, powerW, null, 0, null, null, null, null,
                null, null, null, null, null, List.of());
    }

    private WakeResult wake(CommandId command, WakeStatus status) {
        return new WakeResult(1, DB1, command, status, "no new boot id within 120 s", 3, clock.instant());
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
