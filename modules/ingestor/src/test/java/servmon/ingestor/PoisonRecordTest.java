package servmon.ingestor;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import servmon.embedded.TopicRecords;
import servmon.events.CommandId;
import servmon.events.DeadLetterHeaders;
import servmon.events.DeadLetters;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record that can never be stored goes to its topic's dead-letter topic at once, and the good records behind it
 * on the same partition are stored: no poison pill stops a partition, whatever the topic.
 */
class PoisonRecordTest {

    private static final Instant YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z");

    @BeforeAll
    static void startIngestor() {
        RunningIngestor.context();
    }

    @Test
    void a_state_dated_year_10000_is_dead_lettered_and_the_states_behind_it_are_stored() {
        Fleet.Server server = Fleet.register();
        Fleet.Server neighbour = Fleet.register();
        RecordMetadata poison = Fleet.send(Topics.SERVER_STATE, server.key(), new ServerStateChanged(
                ServmonEvent.VERSION, server.key(), ServerState.ON, ServerState.OFF, YEAR_10000, null, "boot-1", 8,
                List.of()));
        Fleet.send(Topics.SERVER_STATE, server.key(), new ServerStateChanged(ServmonEvent.VERSION, server.key(),
                ServerState.OFF, ServerState.ON, Fleet.recent(20), null, "boot-1", 8, List.of()));
        // another server's state behind both, on the same partition
        sendOnPartition(poison.partition(), neighbour, new ServerStateChanged(ServmonEvent.VERSION, neighbour.key(),
                ServerState.ON, ServerState.EMPTY, Fleet.recent(10), null, "boot-9", 8, List.of()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(state(server)).isEqualTo("OFF");
            assertThat(state(neighbour)).isEqualTo("ON");
        });
        ConsumerRecord<String, byte[]> dead = awaitOne(Topics.SERVER_STATE_DLT, server);
        assertThat(TopicRecords.header(dead, DeadLetterHeaders.REASON)).contains("since", "ahead of this clock", "NTP");
        assertThat(TopicRecords.header(dead, DeadLetterHeaders.REASON_TAG)).isEqualTo("clock");
        assertThat(TopicRecords.header(dead, DeadLetterHeaders.ORIGINAL_OFFSET))
                .isEqualTo(Long.toString(poison.offset()));
    }

    @Test
    void an_oversize_invalid_report_is_dead_lettered_cut_to_size_and_the_reports_behind_it_are_stored() {
        Fleet.Server server = Fleet.register();
        String head = "{\"v\":1,\"serverId\":\"" + server.key().value() + "\",\"hostname\":\"";
        // as large as the broker takes: whole, with the dead-letter headers, it would be too large to send on
        byte[] huge = new byte[1024 * 1024 - 300];
        Arrays.fill(huge, (byte) 'x');
        System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, huge, 0, head.length());
        Fleet.send(Topics.METRICS.name(), null, server.key().value().getBytes(StandardCharsets.UTF_8), huge);
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(16), 1, 10.0));
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(8), 2, 20.0));

        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 2);
        ConsumerRecord<String, byte[]> dead = awaitOne(Topics.METRICS_DLT, server);
        assertThat(dead.value()).hasSize(DeadLetters.MAX_VALUE_BYTES)
                .isEqualTo(Arrays.copyOf(huge, DeadLetters.MAX_VALUE_BYTES));
        assertThat(TopicRecords.header(dead, DeadLetterHeaders.TRUNCATED_FROM_BYTES))
                .isEqualTo(Integer.toString(huge.length));
        assertThat(TopicRecords.header(dead, DeadLetterHeaders.REASON_TAG)).isEqualTo("too_large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"cpuPct\":100.5", "\"powerW\":250000", "\"intervalS\":0", "\"memUsedBytes\":-1",
            "\"load1\":-2", "\"uptimeS\":-5", "\"netRxBytesPerS\":-1", "\"cpuPct\":\"12\"",
            "\"hostname\":\"web\\u0000\""})
    void a_report_with_a_field_out_of_range_is_dead_lettered_and_the_next_one_stored(String field) {
        Fleet.Server server = Fleet.register();
        String good = EventCodec.encodeToString(Fleet.report(server.key(), Fleet.recent(16), 1, 10.0));
        String name = field.substring(0, field.indexOf(':'));
        String bad = good.replaceFirst(java.util.regex.Pattern.quote(name) + ":(\"[^\"]*\"|[^,}]*)",
                java.util.regex.Matcher.quoteReplacement(field));
        assertThat(bad).as("the field was replaced").isNotEqualTo(good).contains(field);
        Fleet.send(Topics.METRICS.name(), null, server.key().value().getBytes(StandardCharsets.UTF_8),
                bad.getBytes(StandardCharsets.UTF_8));
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(8), 2, 20.0));

        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 1);
        assertThat(TopicRecords.header(awaitOne(Topics.METRICS_DLT, server), DeadLetterHeaders.REASON))
                .contains(name.replace("\"", ""));
    }

    @Test
    void an_invalid_wake_result_is_dead_lettered_and_the_results_behind_it_are_stored() {
        Fleet.Server server = Fleet.register();
        CommandId command = CommandId.random();
        Fleet.send(Topics.WAKE_RESULTS, server.key(), new WakeResult(ServmonEvent.VERSION, server.key(), command,
                WakeStatus.SENT, "sent", -3, Fleet.recent(5)));
        Fleet.send(Topics.WAKE_RESULTS, server.key(), new WakeResult(ServmonEvent.VERSION, server.key(), command,
                WakeStatus.CONFIRMED, "new boot id", 0, Fleet.recent(1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> RunningIngestor.jdbc().queryForList(
                "SELECT status FROM wake_event WHERE command_id = ?", String.class, command.value()),
                statuses -> statuses.equals(List.of("CONFIRMED")));
        assertThat(TopicRecords.header(awaitOne(Topics.WAKE_RESULTS_DLT, server), DeadLetterHeaders.REASON))
                .contains("packetsSent");
    }

    private static void sendOnPartition(int partition, Fleet.Server server, ServerStateChanged change) {
        Fleet.send(Topics.SERVER_STATE.name(), partition, server.key().value().getBytes(StandardCharsets.UTF_8),
                EventCodec.encode(change));
    }

    private static String state(Fleet.Server server) {
        List<Map<String, Object>> rows = RunningIngestor.jdbc().queryForList(
                "SELECT state FROM server_status WHERE server_id = ?", server.id());
        return rows.isEmpty() ? null : (String) rows.getFirst().get("state");
    }

    private static ConsumerRecord<String, byte[]> awaitOne(servmon.events.TopicSpec topic, Fleet.Server server) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> TopicRecords.of(topic.name(), server.key().value()),
                records -> records.size() == 1).getFirst();
    }
}
