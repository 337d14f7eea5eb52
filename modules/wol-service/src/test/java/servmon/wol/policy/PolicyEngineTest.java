package servmon.wol.policy;

import org.junit.jupiter.api.Test;
import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.policy.PowerPolicy;
import servmon.wol.policy.PolicyDecision.Action;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy engine on a fake clock: each rule of the power policies, one at a time. */
class PolicyEngineTest {

    /** A Tuesday, 10:00 UTC. */
    private static final Instant TUESDAY_10 = Instant.parse("2026-12-01T10:00:00Z");
    private static final PowerPolicy.IdleSleep IDLE_10_PCT_15_MIN =
            new PowerPolicy.IdleSleep(10, Duration.ofMinutes(15), 2);

    private Instant now = TUESDAY_10;

    @Test
    void servers_idle_long_enough_sleep_down_to_the_spares_at_most_the_rate_per_minute() {
        PolicyEngine engine = engine(policy(2, IDLE_10_PCT_15_MIN, null, List.of(), false));
        List<ServerView> fleet = fleet(6, ServerState.ON, 3.0, 0);

        assertThat(engine.decide(now, fleet)).as("idle, but not for 15 minutes yet").isEmpty();
        now = now.plus(Duration.ofMinutes(15));
        List<PolicyDecision> first = engine.decide(now, fleet);
        assertThat(first).hasSize(2).allMatch(d -> d.action() == Action.SLEEP);
        assertThat(first.getFirst().reason()).isEqualTo("idle 15 min under 10 % CPU, nobody logged in; "
                + "5 stay awake in group web");
        assertThat(engine.decide(now.plusSeconds(10), fleet)).as("2 per minute").isEmpty();

        List<ServerView> after = asleep(fleet, first);
        now = now.plus(Duration.ofMinutes(1));
        List<PolicyDecision> second = engine.decide(now, after);
        assertThat(second).hasSize(2);
        now = now.plus(Duration.ofMinutes(1));
        assertThat(engine.decide(now, asleep(after, second))).as("2 spares stay awake").isEmpty();
    }

    @Test
    void a_server_with_users_or_busy_or_refusing_sleep_is_never_put_to_sleep() {
        PolicyEngine engine = engine(policy(0, IDLE_10_PCT_15_MIN, null, List.of(), false));
        ServerView withUser = server(0, ServerState.ON, 1.0, 1, true);
        ServerView busy = server(1, ServerState.ON, 50.0, 0, true);
        ServerView notArmed = server(2, ServerState.ON, 1.0, 0, false);
        ServerView idle = server(3, ServerState.ON, 1.0, 0, true);
        List<ServerView> fleet = List.of(withUser, busy, notArmed, idle);

        engine.decide(now, fleet);
        now = now.plus(Duration.ofMinutes(20));
        assertThat(engine.decide(now, fleet)).extracting(PolicyDecision::server).containsExactly(idle.key());
    }

    @Test
    void sleeping_stops_before_the_load_left_would_make_the_group_busy() {
        // 4 servers at 9 % each: 36 % of one server's worth; with demand wake above 20 %, two may sleep (18 % each
        // for the two left), not three (36 % for the last)
        PolicyEngine engine = engine(policy(0, IDLE_10_PCT_15_MIN, new PowerPolicy.DemandWake(20), List.of(), false));
        List<ServerView> fleet = fleet(4, ServerState.ON, 9.0, 0);
        engine.decide(now, fleet);
        now = now.plus(Duration.ofMinutes(15));
        assertThat(engine.decide(now, fleet)).hasSize(2);
        now = now.plus(Duration.ofMinutes(1));
        assertThat(engine.decide(now, fleet)).as("the load of the two going to sleep stays counted").isEmpty();
    }

    @Test
    void a_busy_group_wakes_as_many_as_bring_it_under_the_threshold_counting_those_waking() {
        PolicyEngine engine = engine(policy(1, IDLE_10_PCT_15_MIN, new PowerPolicy.DemandWake(70), List.of(), false));
        List<ServerView> fleet = new ArrayList<>(fleet(2, ServerState.ON, 80.0, 3));
        fleet.addAll(List.of(server(2, ServerState.ASLEEP, null, null, true), server(3, ServerState.ASLEEP, null, null,
                true)));

        List<PolicyDecision> wakes = engine.decide(now, fleet);
        assertThat(wakes).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(Action.WAKE);
            assertThat(d.reason()).isEqualTo("group web averages 80 % CPU over 2 awake (above 70 %)");
        });
        assertThat(engine.decide(now.plusSeconds(10), fleet)).as("the first wake is under way").isEmpty();

        // a burst: three servers flat out need two more to be under 70 % (300 / 5 = 60 %; 300 / 4 = 75 % is not)
        PolicyEngine burst = engine(policy(1, IDLE_10_PCT_15_MIN, new PowerPolicy.DemandWake(70), List.of(), false));
        List<ServerView> busy = new ArrayList<>(fleet(3, ServerState.ON, 100.0, 3));
        IntStream.range(3, 7).forEach(i -> busy.add(server(i, ServerState.ASLEEP, null, null, true)));
        assertThat(burst.decide(now, busy)).hasSize(2).allMatch(d -> d.action() == Action.WAKE);
    }

    @Test
    void fewer_awake_than_the_spares_wakes_one() {
        PolicyEngine engine = engine(policy(2, IDLE_10_PCT_15_MIN, null, List.of(), false));
        List<ServerView> fleet = List.of(server(0, ServerState.ON, 5.0, 0, true),
                server(1, ServerState.OFF, null, null, true), server(2, ServerState.ASLEEP, null, null, true));
        assertThat(engine.decide(now, fleet)).singleElement().satisfies(d -> {
            assertThat(d.server()).isEqualTo(key(2));
            assertThat(d.reason()).isEqualTo("1 awake in group web, 2 wanted");
        });
    }

    @Test
    void a_schedule_wakes_servers_ahead_by_their_wake_time_and_sleeps_them_after() {
        PolicyEngine engine = engine(policy(0, null, null, List.of("Mon-Fri 11:00-12:00"), false));
        ServerView slow = new ServerView(key(0), "web-0", "web", ServerState.ASLEEP, null, null,
                Duration.ofMinutes(4), true);
        ServerView quick = new ServerView(key(1), "web-1", "web", ServerState.ASLEEP, null, null,
                Duration.ofSeconds(40), true);

        now = Instant.parse("2026-12-01T10:56:30Z");
        assertThat(engine.decide(now, List.of(slow, quick))).singleElement().satisfies(d -> {
            assertThat(d.server()).isEqualTo(slow.key());
            assertThat(d.reason()).isEqualTo("schedule Mon,Tue,Wed,Thu,Fri 11:00-12:00 starts at 11:00; waking takes "
                    + "about 240 s");
        });
        now = Instant.parse("2026-12-01T10:59:30Z");
        assertThat(engine.decide(now, List.of(slow, quick))).extracting(PolicyDecision::server)
                .containsExactly(quick.key());

        ServerView spare = new ServerView(key(2), "web-2", "web", ServerState.ON, 1.0, 0, null, true);
        assertThat(engine.decide(now, List.of(slow, quick, spare))).as("no sleep just before a window")
                .noneMatch(d -> d.action() == Action.SLEEP);

        now = Instant.parse("2026-12-01T11:30:00Z");
        List<ServerView> on = List.of(on(slow), on(quick));
        assertThat(engine.decide(now, on)).as("inside the window nothing sleeps").isEmpty();
        now = Instant.parse("2026-12-01T12:00:10Z");
        assertThat(engine.decide(now, on)).extracting(PolicyDecision::action).containsOnly(Action.SLEEP).hasSize(2);
    }

    @Test
    void a_dry_run_reports_each_decision_once_and_sends_nothing() {
        PolicyEngine engine = engine(policy(1, IDLE_10_PCT_15_MIN, null, List.of(), true));
        List<ServerView> fleet = fleet(2, ServerState.ON, 1.0, 0);
        engine.decide(now, fleet);
        now = now.plus(Duration.ofMinutes(15));
        List<PolicyDecision> decisions = engine.decide(now, fleet);
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.dryRun()).isTrue();
            assertThat(d.toString()).startsWith("[dry run] would have slept web-");
        });
        assertThat(engine.decide(now.plusSeconds(10), fleet)).as("already reported").isEmpty();
    }

    @Test
    void policies_are_refused_with_their_reason() {
        assertThatThrownBy(() -> policy(0, IDLE_10_PCT_15_MIN, new PowerPolicy.DemandWake(5), List.of(), false))
                .hasMessageContaining("must be higher than idle-sleep below 10.0 %");
        assertThatThrownBy(() -> policy(0, null, null, List.of("weekdays 08:00-20:00"), false))
                .hasMessageContaining("'weekdays' is not a day");
        assertThatThrownBy(() -> new PowerPolicy("p", " ", false, 0, null, null, null))
                .hasMessageContaining("steers one group");
    }

    private PolicyEngine engine(PowerPolicy policy) {
        return new PolicyEngine(List.of(policy), ZoneOffset.UTC, Duration.ofMinutes(2), Duration.ofMinutes(5));
    }

    private static PowerPolicy policy(int keepAwake, PowerPolicy.IdleSleep idle, PowerPolicy.DemandWake demand,
                                      List<String> schedule, boolean dryRun) {
        return new PowerPolicy("web-saver", "web", dryRun, keepAwake, idle, demand, schedule);
    }

    private static List<ServerView> fleet(int n, ServerState state, Double cpu, Integer users) {
        return IntStream.range(0, n).mapToObj(i -> server(i, state, cpu, users, true)).toList();
    }

    private static ServerView server(int i, ServerState state, Double cpu, Integer users, boolean sleepable) {
        return new ServerView(key(i), "web-" + i, "web", state, cpu, users, null, sleepable);
    }

    private static ServerView on(ServerView server) {
        return new ServerView(server.key(), server.name(), server.group(), ServerState.ON, 2.0, 0, server.wakeTime(),
                true);
    }

    private static List<ServerView> asleep(List<ServerView> fleet, List<PolicyDecision> slept) {
        return fleet.stream().map(s -> slept.stream().anyMatch(d -> d.server().equals(s.key()))
                ? new ServerView(s.key(), s.name(), s.group(), ServerState.ASLEEP, null, null, null, true) : s).toList();
    }

    private static ServerId key(int i) {
        return ServerId.of(String.format("policytestkey%011d", i));
    }
}
