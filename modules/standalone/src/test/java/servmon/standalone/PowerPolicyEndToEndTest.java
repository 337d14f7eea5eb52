package servmon.standalone;

import org.junit.jupiter.api.Test;
import servmon.agent.simulate.LoadCurve;
import servmon.agent.simulate.ServerIdentity;
import servmon.agent.simulate.SimulatedFleet;
import servmon.agent.simulate.SimulationConfig;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import tools.jackson.databind.JsonNode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A power policy on the whole system with a simulated fleet: an idle group sleeps down to its spare, its schedule
 * window wakes it ahead of time, every step is in the servers' power logs with its reason, and the kWh its sleep
 * saved is what it drew before sleeping times the time it slept.
 */
class PowerPolicyEndToEndTest {

    @Test
    void an_idle_group_sleeps_down_to_its_spare_and_its_schedule_wakes_it_confirmed() throws Exception {
        Standalone system = SharedSystem.get();
        DashboardApiClient api = new DashboardApiClient(system.httpPort(), "admin", SharedSystem.ADMIN_PASSWORD);
        String group = "pool-" + UUID.randomUUID().toString().substring(0, 6);
        List<ServerIdentity> fleet = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "policy-" + UUID.randomUUID().toString().substring(0, 8);
            JsonNode created = api.createServer(name, null, group);
            ids.add(created.get("id").asLong());
            fleet.add(new ServerIdentity(name, ServerKey.of(created.get("key").asString())));
        }
        Path policies = SharedSystem.home().resolve("policies.yml");
        // a night: nothing to do, nobody logged in
        LoadCurve idle = LoadCurve.parse(List.of("00:00,0"), "idle", "cpuPct", 100);
        try (SimulatedFleet simulated = SimulatedFleet.start(new SimulationConfig(system.kafkaBootstrap(), fleet,
                Duration.ofSeconds(1), idle, Duration.ofSeconds(2), SharedSystem.simulatorWolPort(), 0,
                Duration.ZERO, system.agentKafkaProperties()), new PrintStream(OutputStream.nullOutputStream()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> "ON".equals(state(api, id))));

            // the group's window starts a minute or two from now: long enough to sleep first
            ZonedDateTime start = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(70).truncatedTo(ChronoUnit.MINUTES)
                    .plusMinutes(1);
            LocalTime from = start.toLocalTime();
            Files.writeString(policies, """
                    servmon.wol.policy:
                      evaluate-every: 1s
                      default-wake-time: 20s
                      zone: UTC
                      policies:
                        - name: e2e-pool
                          group: %s
                          keep-awake: 1
                          idle-sleep: {cpu-below-pct: 50, idle-for: 3s, max-per-minute: 10}
                          schedule: ["daily %s-%s"]
                    """.formatted(group, from, from.plusMinutes(30)));

            await().atMost(Duration.ofSeconds(45)).until(() ->
                    ids.stream().filter(id -> "ASLEEP".equals(state(api, id))).count() == 2);
            assertThat(ids.stream().filter(id -> "ON".equals(state(api, id))).count()).as("the spare").isEqualTo(1);
            long slept = ids.stream().filter(id -> "ASLEEP".equals(state(api, id))).findFirst().orElseThrow();
            assertThat(log(api, slept)).contains("POLICY_DECIDED", "SLEEP_SENT", "SLEEP_ACCEPTED");
            assertThat(detail(api, slept, "POLICY_DECIDED")).contains("policy e2e-pool", "idle", "awake in group " + group);

            // woken ahead of the window (the default 20 s, as no wake of theirs was measured yet), confirmed
            long untilWindow = Duration.between(ZonedDateTime.now(ZoneOffset.UTC), start).toSeconds();
            await().atMost(Duration.ofSeconds(untilWindow + 60)).until(() -> log(api, slept).contains("CONFIRMED"));
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> "ON".equals(state(api, id))));
            assertThat(detail(api, slept, "POLICY_DECIDED")).contains("schedule");

            // what its sleep saved: the power it drew before, less the 2 W of a suspended server, for the time asleep
            Instant asleepAt = at(api, slept, "SLEEP_ACCEPTED");
            Instant wokenAt = at(api, slept, "SENT");
            double drewW = Double.parseDouble(detail(api, slept, "SLEEP_ACCEPTED").replaceAll(".*drawing ([0-9.]+) W.*", "$1"));
            double expectedKWh = (drewW - 2) * Duration.between(asleepAt, wokenAt).toMillis() / 3_600_000_000.0;
            double savedKWh = api.energy(slept, asleepAt.minusSeconds(600), Instant.now().plusSeconds(60))
                    .get("saved").get("kWh").asDouble();
            // the steps' times and the state changes' times differ by the monitor's reaction: a few seconds
            assertThat(savedKWh).isPositive().isCloseTo(expectedKWh, org.assertj.core.data.Offset.offset(
                    (drewW - 2) * 5 / 3_600_000));
        } finally {
            Files.deleteIfExists(policies);  // the shared system runs other tests after this one
        }
    }

    /** When the newest step of this status happened. */
    private static Instant at(DashboardApiClient api, long id, String status) throws Exception {
        for (JsonNode step : api.powerLog(id)) {
            if (status.equals(step.get("status").asString())) {
                return Instant.parse(step.get("at").asString());
            }
        }
        throw new AssertionError("no " + status + " in the power log of " + id);
    }

    private static String state(DashboardApiClient api, long id) {
        try {
            return api.state(id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> log(DashboardApiClient api, long id) throws Exception {
        List<String> steps = new ArrayList<>();
        api.powerLog(id).forEach(step -> steps.add(step.get("status").asString()));
        return steps;
    }

    /** The newest step of this status (the log lists the newest first). */
    private static String detail(DashboardApiClient api, long id, String status) throws Exception {
        for (JsonNode step : api.powerLog(id)) {
            if (status.equals(step.get("status").asString())) {
                return step.get("detail").asString();
            }
        }
        return "";
    }
}
