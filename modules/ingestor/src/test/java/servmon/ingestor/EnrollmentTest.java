package servmon.ingestor;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servmon.embedded.TopicRecords;
import servmon.events.AgentControl;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EnrollmentTest {

    @BeforeAll
    static void startIngestor() {
        RunningIngestor.context();
    }

    @Test
    void first_report_of_a_registered_agent_is_answered_with_acceptance() throws Exception {
        Fleet.Server server = Fleet.register();
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(16), 0, 10.0));
        Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(8), 1, 10.0));

        AgentControl reply = await().atMost(Duration.ofSeconds(30))
                .until(() -> replies(server.key()), replies -> !replies.isEmpty()).getFirst();

        assertThat(reply.type()).isEqualTo(AgentControl.Type.ENROLL_REPLY);
        assertThat(reply.serverId()).isEqualTo(server.key());
        assertThat(reply.accepted()).isTrue();
        assertThat(reply.message()).isEqualTo("enrolled as " + server.name());
        // signed with the server's secret: the agent ignores an acceptance that is not
        assertThat(TopicRecords.of(Topics.AGENT_CONTROL.name(), server.key().value())).singleElement()
                .satisfies(record ->
                assertThat(RecordSignature.isValid(server.secret(), record.topic(),
                        record.key(), record.value(), record.headers())).isTrue());
        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 2);
        assertThat(replies(server.key())).as("only seq 0 is answered").hasSize(1);
    }

    @Test
    void unknown_key_gets_one_refusal_reply() {
        ServerId unknown = ServerId.random();
        for (int seq = 0; seq < 3; seq++) {
            Fleet.send(Topics.METRICS, unknown, Fleet.report(unknown, Fleet.recent(30 - seq * 8), seq, 10.0));
            // one report per poll batch, as an agent sends them 8 s apart
            int refused = seq + 1;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TopicRecords.of(Topics.METRICS_DLT.name(), unknown.value()).size() == refused);
        }

        List<AgentControl> replies = await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(1))
                .until(() -> replies(unknown), found -> found.size() == 1);

        AgentControl refusal = replies.getFirst();
        assertThat(refusal.type()).isEqualTo(AgentControl.Type.ENROLL_REPLY);
        assertThat(refusal.accepted()).isFalse();
        assertThat(refusal.message()).startsWith("unknown server " + unknown.value())
                .contains("add the server in the dashboard (Add Server)");
    }

    @Test
    void a_restarted_agent_with_an_unknown_key_is_refused_again_within_the_rate_limit() {
        ServerId unknown = ServerId.random();
        for (int start = 1; start <= 2; start++) {
            // each agent start sends seq 0; the two starts are seconds apart, well within the one-minute limit
            Fleet.send(Topics.METRICS, unknown, Fleet.report(unknown, Fleet.recent(30 - start * 8), 0, 10.0));
            int refused = start;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TopicRecords.of(Topics.METRICS_DLT.name(), unknown.value()).size() == refused);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> replies(unknown), found -> found.size() == 2);
    }

    private static List<AgentControl> replies(ServerId key) throws InvalidEventException {
        List<AgentControl> replies = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicRecords.of(Topics.AGENT_CONTROL.name(), key.value())) {
            replies.add(EventCodec.decode(record.value(), AgentControl.class));
        }
        return replies;
    }
}
