package servmon.ingestor;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servmon.embedded.TopicRecords;
import servmon.events.AgentControl;
import servmon.events.DeadLetterHeaders;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.SigningSecret;
import servmon.events.Topics;
import servmon.ingestor.retention.RemovedServerPurge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent that was not running when its server was removed (asleep, off) never heard the wol-service's REMOVED
 * order; when it reports again the ingestor sends it once more, signed with the secret kept in removed_server.
 */
class RemovedServerTest {

    @BeforeAll
    static void startIngestor() {
        RunningIngestor.context();
    }

    @Test
    void a_removed_server_reporting_again_is_told_it_was_removed_with_an_order_signed_with_its_old_secret() {
        Fleet.Server server = Fleet.register();
        removeAsTheDashboardDoes(server);

        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(5), 0, 10.0));

        ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicRecords.of(Topics.AGENT_CONTROL.name(), server.key().value()),
                        found -> !found.isEmpty()).getFirst();
        AgentControl order = decode(record);
        assertThat(order.type()).isEqualTo(AgentControl.Type.REMOVED);
        assertThat(order.serverId()).isEqualTo(server.key());
        // the very words the wol-service sends at the removal
        assertThat(order).usingRecursiveComparison().ignoringFields("issuedAt")
                .isEqualTo(AgentControl.removedFromServmon(server.key(), server.name(), order.issuedAt()));
        assertThat(order.message()).isEqualTo("server " + server.name() + " was removed from servmon");
        // the agent obeys only an order signed with its own key's secret
        assertThat(RecordSignature.isValid(server.secret(), record.topic(), record.key(), record.value(),
                record.headers())).isTrue();
        // the report itself is still refused: the id is no registered server's
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TopicRecords.of(Topics.METRICS_DLT.name(), server.key().value())).singleElement()
                        .satisfies(dead -> assertThat(TopicRecords.header(dead, DeadLetterHeaders.REASON_TAG))
                                .isEqualTo("unknown_server")));
    }

    @Test
    void a_removed_server_that_keeps_reporting_is_told_once_per_rate_limit_and_again_on_each_start() {
        Fleet.Server server = Fleet.register();
        removeAsTheDashboardDoes(server);

        for (int seq = 1; seq <= 3; seq++) {
            // one report per poll batch, as an agent sends them 8 s apart; seq > 0: the agent was running
            Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(40 - seq * 8), seq, 10.0));
            int refused = seq;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TopicRecords.of(Topics.METRICS_DLT.name(), server.key().value()).size() == refused);
        }
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(1))
                .until(() -> orders(server.key()), found -> found.size() == 1);

        // the agent started again (seq 0), within the one-minute limit: it waits for an answer, so it gets one
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(4), 0, 10.0));

        List<AgentControl> orders = await().atMost(Duration.ofSeconds(30))
                .until(() -> orders(server.key()), found -> found.size() == 2);
        assertThat(orders).extracting(AgentControl::type).containsOnly(AgentControl.Type.REMOVED);
    }

    @Test
    void an_id_never_registered_still_gets_the_unsigned_refusal_beside_a_removed_one() {
        Fleet.Server removed = Fleet.register();
        removeAsTheDashboardDoes(removed);
        ServerKey strangerKey = ServerKey.random();
        ServerId stranger = ServerId.of(strangerKey);

        Fleet.send(Topics.METRICS, removed.key(), Fleet.report(removed.key(), Fleet.recent(6), 0, 10.0));
        Fleet.sendSigned(Topics.METRICS, stranger, Fleet.report(stranger, Fleet.recent(6), 0, 10.0),
                SigningSecret.of(strangerKey));

        ConsumerRecord<String, byte[]> refusal = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicRecords.of(Topics.AGENT_CONTROL.name(), stranger.value()),
                        found -> !found.isEmpty()).getFirst();
        AgentControl reply = decode(refusal);
        assertThat(reply.type()).isEqualTo(AgentControl.Type.ENROLL_REPLY);
        assertThat(reply.accepted()).isFalse();
        assertThat(reply.message()).startsWith("unknown server " + stranger.value());
        assertThat(refusal.headers().lastHeader(RecordSignature.HEADER)).as("nobody here knows its key").isNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> orders(removed.key()),
                found -> found.size() == 1 && found.getFirst().type() == AgentControl.Type.REMOVED);
    }

    @Test
    void removed_servers_are_forgotten_after_the_retention_period() {
        ServerId old = ServerId.random();
        ServerId recent = ServerId.random();
        // removed 31 and 29 days ago by the database's clock; the default retention is 30 days
        insertRemoved(old, 31);
        insertRemoved(recent, 29);

        RunningIngestor.context().getBean(RemovedServerPurge.class).purge();

        assertThat(RunningIngestor.jdbc().queryForList(
                "SELECT public_id FROM removed_server WHERE public_id IN (?, ?)", String.class,
                old.value(), recent.value())).containsExactly(recent.value());
    }

    /** What the dashboard's delete does in one transaction (ServerRegistry.delete): keep the id, drop the row. */
    private static void removeAsTheDashboardDoes(Fleet.Server server) {
        RunningIngestor.jdbc().update("""
                INSERT INTO removed_server (public_id, name, signing_secret, removed_at)
                SELECT public_id, name, signing_secret, UTC_TIMESTAMP(3) FROM server WHERE id = ?""", server.id());
        RunningIngestor.jdbc().update("DELETE FROM server WHERE id = ?", server.id());
    }

    private static void insertRemoved(ServerId id, int daysAgo) {
        RunningIngestor.jdbc().update("""
                INSERT INTO removed_server (public_id, name, signing_secret, removed_at)
                VALUES (?, ?, ?, UTC_TIMESTAMP(3) - INTERVAL ? DAY)""",
                id.value(), "gone-" + daysAgo, SigningSecret.of(ServerKey.random()).toText(), daysAgo);
    }

    private static List<AgentControl> orders(ServerId key) {
        List<AgentControl> orders = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicRecords.of(Topics.AGENT_CONTROL.name(), key.value())) {
            orders.add(decode(record));
        }
        return orders;
    }

    private static AgentControl decode(ConsumerRecord<String, byte[]> record) {
        try {
            return EventCodec.decode(record.value(), AgentControl.class);
        } catch (InvalidEventException e) {
            throw new AssertionError(e);
        }
    }
}
