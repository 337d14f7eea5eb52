package servmon.ingestor;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servmon.embedded.TopicRecords;
import servmon.events.DeadLetterHeaders;
import servmon.events.EventCodec;
import servmon.events.MetricReport;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.SigningSecret;
import servmon.events.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLetterTest {

    @BeforeAll
    static void startIngestor() {
        RunningIngestor.context();
    }

    @Test
    void unknown_key_goes_to_dead_letter_topic_with_advice() {
        ServerId unknown = ServerId.random();
        byte[] value = EventCodec.encode(Fleet.report(unknown, Fleet.recent(1), 3, 10.0));
        RecordMetadata sent = Fleet.send(Topics.METRICS.name(), null, bytes(unknown.value()), value);

        ConsumerRecord<String, byte[]> dead = awaitOneDeadLetter(unknown);

        assertThat(dead.key()).isEqualTo(unknown.value());
        assertThat(dead.value()).isEqualTo(value);
        assertThat(TopicRecords.header(dead, DeadLetterHeaders.REASON))
                .startsWith("unknown server " + unknown.value())
                .contains("add the server in the dashboard (Add Server)");
        assertThat(TopicRecords.header(dead, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.METRICS.name());
        assertThat(TopicRecords.header(dead, DeadLetterHeaders.ORIGINAL_PARTITION))
                .isEqualTo(Integer.toString(sent.partition()));
        assertThat(TopicRecords.header(dead, DeadLetterHeaders.ORIGINAL_OFFSET))
                .isEqualTo(Long.toString(sent.offset()));
        assertThat(dead.timestamp()).isEqualTo(sent.timestamp());
    }

    @Test
    void forged_reports_go_to_the_dead_letter_topic_with_the_reason_and_are_not_stored() {
        Fleet.Server server = Fleet.register();
        Fleet.Server neighbour = Fleet.register();
        MetricReport report = Fleet.report(server.key(), Fleet.recent(1), 1, 10.0);

        Fleet.sendSigned(Topics.METRICS, server.key(), report, null);  // a client without any key
        Fleet.sendSigned(Topics.METRICS, server.key(), report, neighbour.secret());  // another registered agent
        Fleet.sendSigned(Topics.METRICS, server.key(), report, SigningSecret.of(ServerKey.random()));  // a made-up key

        List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicRecords.of(Topics.METRICS_DLT.name(), server.key().value()),
                        records -> records.size() >= 3);
        assertThat(dead).extracting(record -> TopicRecords.header(record, DeadLetterHeaders.REASON_TAG))
                .containsExactly("unsigned", "bad_signature", "bad_signature");
        assertThat(dead).extracting(record -> TopicRecords.header(record, DeadLetterHeaders.REFUSED_BY))
                .containsOnly("servmon-ingestor");
        assertThat(TopicRecords.header(dead.getFirst(), DeadLetterHeaders.REASON)).contains(server.key().value());
        assertThat(Fleet.sampleCount(server)).isZero();

        // the server's own agent still gets through
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(1), 2, 10.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 1);
    }

    @Test
    void malformed_json_goes_to_dead_letter_topic_with_reason() {
        ServerId key = Fleet.register().key();
        byte[] value = "{\"v\":1,\"serverId\":\"oops".getBytes(StandardCharsets.UTF_8);
        Fleet.send(Topics.METRICS.name(), null, bytes(key.value()), value);

        ConsumerRecord<String, byte[]> dead = awaitOneDeadLetter(key);

        assertThat(dead.value()).isEqualTo(value);
        assertThat(TopicRecords.header(dead, DeadLetterHeaders.REASON)).startsWith("malformed MetricReport");
    }

    @Test
    void unknown_version_goes_to_dead_letter_topic() {
        Fleet.Server server = Fleet.register();
        String v1 = EventCodec.encodeToString(Fleet.report(server.key(), Fleet.recent(1), 1, 10.0));
        assertThat(v1).contains("\"v\":1");
        byte[] v2 = v1.replace("\"v\":1", "\"v\":2").getBytes(StandardCharsets.UTF_8);
        Fleet.send(Topics.METRICS.name(), null, bytes(server.key().value()), v2);

        ConsumerRecord<String, byte[]> dead = awaitOneDeadLetter(server.key());

        assertThat(dead.value()).isEqualTo(v2);
        assertThat(TopicRecords.header(dead, DeadLetterHeaders.REASON)).contains("v=2");
        assertThat(Fleet.sampleCount(server)).isZero();
    }

    @Test
    void key_that_does_not_match_the_report_is_refused() {
        Fleet.Server sender = Fleet.register();
        Fleet.Server other = Fleet.register();
        byte[] value = EventCodec.encode(Fleet.report(other.key(), Fleet.recent(1), 1, 10.0));
        Fleet.send(Topics.METRICS.name(), null, bytes(sender.key().value()), value);

        ConsumerRecord<String, byte[]> dead = awaitOneDeadLetter(sender.key());

        assertThat(TopicRecords.header(dead, DeadLetterHeaders.REASON)).contains("does not match serverId");
        assertThat(Fleet.sampleCount(sender)).isZero();
        assertThat(Fleet.sampleCount(other)).isZero();
    }

    @Test
    void removed_server_is_forgotten_and_its_reports_refused() {
        Fleet.Server server = Fleet.register();
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(20), 1, 10.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 1);

        // what the dashboard's Delete does: the row goes, and a tombstone on the servers topic
        RunningIngestor.jdbc().update("DELETE FROM server WHERE id = ?", server.id());
        Fleet.send(Topics.SERVERS, server.key(), null);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(1), 2, 10.0));
            assertThat(TopicRecords.of(Topics.METRICS_DLT.name(), server.key().value())).isNotEmpty();
        });
        assertThat(TopicRecords.header(TopicRecords.of(Topics.METRICS_DLT.name(), server.key().value()).getFirst(),
                DeadLetterHeaders.REASON))
                .startsWith("unknown server");
    }

    @Test
    void reports_after_a_removal_are_refused_even_while_the_row_is_still_being_deleted() {
        Fleet.Server server = Fleet.register();
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(20), 1, 10.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 1);

        // the dashboard publishes the tombstone inside its delete transaction: the row may outlive it briefly
        Fleet.send(Topics.SERVERS, server.key(), null);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(1), 2, 10.0));
            assertThat(TopicRecords.of(Topics.METRICS_DLT.name(), server.key().value())).isNotEmpty();
        });
        RunningIngestor.jdbc().update("DELETE FROM server WHERE id = ?", server.id());
    }

    private static ConsumerRecord<String, byte[]> awaitOneDeadLetter(ServerId key) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicRecords.of(Topics.METRICS_DLT.name(), key.value()), records -> records.size() == 1)
                .getFirst();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
