package servmon.ingestor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servmon.events.CommandId;
import servmon.events.EventCodec;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;
import servmon.events.Topics;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StateAndWakeTest {

    @BeforeAll
    static void startIngestor() {
        RunningIngestor.context();
    }

    @Test
    void state_change_is_stored() {
        Fleet.Server server = Fleet.register();
        Instant since = Fleet.recent(40);
        Instant lastSeen = Fleet.recent(100);
        Fleet.send(Topics.SERVER_STATE, server.key(), null);  // a tombstone is skipped, not a failure
        Fleet.send(Topics.SERVER_STATE, server.key(), new ServerStateChanged(ServmonEvent.VERSION, server.key(),
                ServerState.OFF, ServerState.ON, since, lastSeen, "boot-1", 8, List.of()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(server))
                .containsEntry("state", "OFF")
                .containsEntry("state_since", utc(since))
                .containsEntry("last_seen", utc(lastSeen)));
    }

    @Test
    void an_older_state_does_not_overwrite_a_newer_one() {
        Fleet.Server server = Fleet.register();
        Fleet.Server marker = Fleet.register();
        Instant asleepSince = Fleet.recent(10);
        var asleep = Fleet.send(Topics.SERVER_STATE, server.key(), new ServerStateChanged(ServmonEvent.VERSION,
                server.key(), ServerState.ASLEEP, ServerState.ON, asleepSince, null, "boot-1", 8, List.of()));
        Fleet.send(Topics.SERVER_STATE, server.key(), new ServerStateChanged(ServmonEvent.VERSION, server.key(),
                ServerState.ON, ServerState.EMPTY, Fleet.recent(300), null, "boot-1", 8, List.of()));
        // behind them on the same partition: once the marker is stored, both were processed
        Fleet.send(Topics.SERVER_STATE.name(), asleep.partition(), marker.key().value().getBytes(StandardCharsets.UTF_8),
                EventCodec.encode(new ServerStateChanged(ServmonEvent.VERSION, marker.key(), ServerState.ON,
                        ServerState.EMPTY, Fleet.recent(1), null, "boot-1", 8, List.of())));

        await().atMost(Duration.ofSeconds(30)).until(() -> "ON".equals(status(marker).get("state")));
        assertThat(status(server)).containsEntry("state", "ASLEEP").containsEntry("state_since", utc(asleepSince));
    }

    @Test
    void asleep_keeps_the_power_drawn_before_sleeping_until_the_server_is_back() {
        Fleet.Server server = Fleet.register();
        Fleet.send(Topics.SERVER_STATE, server.key(), new ServerStateChanged(ServmonEvent.VERSION, server.key(),
                ServerState.ASLEEP, ServerState.ON, Fleet.recent(60), null, "boot-1", 8, List.of(), 123.5));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(server))
                .containsEntry("state", "ASLEEP").containsEntry("power_before_sleep_w", 123.5));

        Fleet.send(Topics.SERVER_STATE, server.key(), new ServerStateChanged(ServmonEvent.VERSION, server.key(),
                ServerState.ON, ServerState.WAKING, Fleet.recent(5), null, "boot-2", 8, List.of()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(server))
                .containsEntry("state", "ON").containsEntry("power_before_sleep_w", null));
    }

    @Test
    void asleep_then_on_makes_one_closed_sleep_period_also_when_the_changes_are_replayed() {
        Fleet.Server server = Fleet.register();
        Fleet.Server marker = Fleet.register();
        // the reading the power before sleeping came from: a BMC's, so the period's figure is measured
        RunningIngestor.jdbc().update("INSERT INTO server_status (server_id, power_w, power_source, updated_at)"
                + " VALUES (?, 120.5, 'BMC', NOW(3))", server.id());
        Instant asleepAt = Fleet.recent(600);
        Instant wokeAt = Fleet.recent(60);
        ServerStateChanged asleep = new ServerStateChanged(ServmonEvent.VERSION, server.key(), ServerState.ASLEEP,
                ServerState.ON, asleepAt, null, "boot-1", 8, List.of(), 120.5);
        ServerStateChanged on = new ServerStateChanged(ServmonEvent.VERSION, server.key(), ServerState.ON,
                ServerState.WAKING, wokeAt, wokeAt, "boot-2", 8, List.of());
        var first = Fleet.send(Topics.SERVER_STATE, server.key(), asleep);
        Fleet.send(Topics.SERVER_STATE, server.key(), on);
        Fleet.send(Topics.SERVER_STATE, server.key(), asleep);  // a replay of both, as after a crash before commit
        Fleet.send(Topics.SERVER_STATE, server.key(), on);
        // behind them on the same partition: once the marker is stored, all four were processed
        Fleet.send(Topics.SERVER_STATE.name(), first.partition(), marker.key().value().getBytes(StandardCharsets.UTF_8),
                EventCodec.encode(new ServerStateChanged(ServmonEvent.VERSION, marker.key(), ServerState.ON,
                        ServerState.EMPTY, Fleet.recent(1), null, "boot-1", 8, List.of())));

        await().atMost(Duration.ofSeconds(30)).until(() -> "ON".equals(status(marker).get("state")));
        List<Map<String, Object>> periods = RunningIngestor.jdbc().queryForList(
                "SELECT * FROM sleep_period WHERE server_id = ?", server.id());
        assertThat(periods).hasSize(1);
        assertThat(periods.getFirst())
                .containsEntry("asleep_at", utc(asleepAt))
                .containsEntry("woke_at", utc(wokeAt))
                .containsEntry("power_before_w", 120.5)
                .containsEntry("power_before_source", "BMC")
                .containsEntry("asleep_w", 2.0);  // servmon.ingestor.energy.asleep-watts' default
    }

    @Test
    void every_state_change_is_kept_once_also_when_redelivered_or_republished() {
        Fleet.Server server = Fleet.register();
        Fleet.Server marker = Fleet.register();
        Instant onAt = Fleet.recent(900);
        Instant asleepAt = Fleet.recent(600);
        Instant wakingAt = Fleet.recent(120);
        ServerStateChanged on = new ServerStateChanged(ServmonEvent.VERSION, server.key(), ServerState.ON, null,
                onAt, onAt, "boot-1", 8, List.of());
        ServerStateChanged asleep = new ServerStateChanged(ServmonEvent.VERSION, server.key(), ServerState.ASLEEP,
                ServerState.ON, asleepAt, onAt, "boot-1", 8, List.of(), 90.0);
        // the same verdict again because something else changed (a key conflict): not a change of state
        ServerStateChanged asleepConflict = new ServerStateChanged(ServmonEvent.VERSION, server.key(),
                ServerState.ASLEEP, ServerState.ON, asleepAt, onAt, "boot-1", 8, List.of(), 90.0,
                "two agents report with this server's key");
        ServerStateChanged waking = new ServerStateChanged(ServmonEvent.VERSION, server.key(), ServerState.WAKING,
                ServerState.ASLEEP, wakingAt, onAt, "boot-1", 8, List.of(), 90.0);
        var first = Fleet.send(Topics.SERVER_STATE, server.key(), on);
        Fleet.send(Topics.SERVER_STATE, server.key(), asleep);
        Fleet.send(Topics.SERVER_STATE, server.key(), asleepConflict);
        Fleet.send(Topics.SERVER_STATE, server.key(), waking);
        Fleet.send(Topics.SERVER_STATE, server.key(), on);  // a replay of all, as after a crash before commit
        Fleet.send(Topics.SERVER_STATE, server.key(), asleep);
        Fleet.send(Topics.SERVER_STATE, server.key(), waking);
        // behind them on the same partition: once the marker is stored, all were processed
        Fleet.send(Topics.SERVER_STATE.name(), first.partition(), marker.key().value().getBytes(StandardCharsets.UTF_8),
                EventCodec.encode(new ServerStateChanged(ServmonEvent.VERSION, marker.key(), ServerState.ON,
                        ServerState.EMPTY, Fleet.recent(1), null, "boot-1", 8, List.of())));

        await().atMost(Duration.ofSeconds(30)).until(() -> "ON".equals(status(marker).get("state")));
        List<Map<String, Object>> changes = RunningIngestor.jdbc().queryForList("""
                SELECT changed_at, from_state, to_state FROM server_state_change WHERE server_id = ?
                ORDER BY changed_at""", server.id());
        assertThat(changes).hasSize(3);
        assertThat(changes.get(0)).containsEntry("changed_at", utc(onAt)).containsEntry("from_state", null)
                .containsEntry("to_state", "ON");
        assertThat(changes.get(1)).containsEntry("changed_at", utc(asleepAt)).containsEntry("from_state", "ON")
                .containsEntry("to_state", "ASLEEP");
        assertThat(changes.get(2)).containsEntry("changed_at", utc(wakingAt)).containsEntry("from_state", "ASLEEP")
                .containsEntry("to_state", "WAKING");
        assertThat(RunningIngestor.jdbc().queryForObject(
                "SELECT COUNT(*) FROM server_state_change WHERE server_id = ?", Long.class, marker.id())).isOne();
    }

    @Test
    void a_server_put_to_sleep_again_while_asleep_counts_the_time_once() {
        Fleet.Server server = Fleet.register();
        Instant first = Fleet.recent(900);
        Instant again = Fleet.recent(300);
        Fleet.send(Topics.SERVER_STATE, server.key(), new ServerStateChanged(ServmonEvent.VERSION, server.key(),
                ServerState.ASLEEP, ServerState.ON, first, null, "boot-1", 8, List.of(), 80.0));
        Fleet.send(Topics.SERVER_STATE, server.key(), new ServerStateChanged(ServmonEvent.VERSION, server.key(),
                ServerState.ASLEEP, ServerState.ASLEEP, again, null, "boot-1", 8, List.of(), 80.0));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> periods = RunningIngestor.jdbc().queryForList(
                    "SELECT asleep_at, woke_at FROM sleep_period WHERE server_id = ? ORDER BY asleep_at", server.id());
            assertThat(periods).hasSize(2);
            assertThat(periods.get(0)).containsEntry("asleep_at", utc(first)).containsEntry("woke_at", utc(again));
            assertThat(periods.get(1)).containsEntry("asleep_at", utc(again)).containsEntry("woke_at", null);
        });
    }

    @Test
    void a_key_conflict_is_stored_and_cleared() {
        Fleet.Server server = Fleet.register();
        Fleet.send(Topics.SERVER_STATE, server.key(), new ServerStateChanged(ServmonEvent.VERSION, server.key(),
                ServerState.ON, ServerState.ON, Fleet.recent(60), null, "boot-2", 8, List.of(), null,
                "two agents report with this server's key"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(server))
                .containsEntry("key_conflict", "two agents report with this server's key"));

        Fleet.send(Topics.SERVER_STATE, server.key(), new ServerStateChanged(ServmonEvent.VERSION, server.key(),
                ServerState.ON, ServerState.ON, Fleet.recent(5), null, "boot-2", 8, List.of()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(server))
                .containsEntry("key_conflict", null));
    }

    @Test
    void wake_result_is_stored() {
        Fleet.Server server = Fleet.register();
        CommandId command = CommandId.random();
        Instant sentAt = Fleet.recent(30);
        Instant confirmedAt = Fleet.recent(5);
        WakeResult sent = new WakeResult(ServmonEvent.VERSION, server.key(), command, WakeStatus.SENT,
                "3 packets to 192.168.1.255:9", 3, sentAt);
        Fleet.send(Topics.WAKE_RESULTS, server.key(), sent);
        Fleet.send(Topics.WAKE_RESULTS, server.key(), sent);  // redelivered: stored once
        Fleet.send(Topics.WAKE_RESULTS, server.key(), new WakeResult(ServmonEvent.VERSION, server.key(), command,
                WakeStatus.CONFIRMED, "new boot id", 0, confirmedAt));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> rows = RunningIngestor.jdbc().queryForList(
                    "SELECT * FROM wake_event WHERE command_id = ? ORDER BY at", command.value());
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).containsEntry("status", "SENT").containsEntry("server_id", server.id())
                    .containsEntry("packets_sent", 3).containsEntry("detail", "3 packets to 192.168.1.255:9")
                    .containsEntry("at", utc(sentAt));
            assertThat(rows.get(1)).containsEntry("status", "CONFIRMED").containsEntry("at", utc(confirmedAt));
        });
    }

    private static Map<String, Object> status(Fleet.Server server) {
        List<Map<String, Object>> rows = RunningIngestor.jdbc().queryForList(
                "SELECT * FROM server_status WHERE server_id = ?", server.id());
        return rows.isEmpty() ? Map.of() : rows.getFirst();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
