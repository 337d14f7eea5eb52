package servmon.events;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordSignatureTest {

    private static final ServerKey KEY = ServerKey.random();
    private static final SigningSecret SECRET = SigningSecret.of(KEY);
    private static final String ID = ServerId.of(KEY).value();
    private static final String TOPIC = Topics.METRICS.name();
    private static final byte[] VALUE = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void a_record_signed_with_the_servers_secret_verifies() throws Exception {
        RecordHeaders headers = signed(SECRET, TOPIC, ID, VALUE);

        RecordSignature.verify(SECRET, TOPIC, ID, VALUE, headers);
        assertThat(new String(headers.lastHeader(RecordSignature.HEADER).value(), StandardCharsets.US_ASCII))
                .startsWith("v1=").doesNotContain(KEY.value()).doesNotContain(SECRET.toText());
    }

    @Test
    void unsigned_record_is_refused_as_unsigned() {
        assertThatThrownBy(() -> RecordSignature.verify(SECRET, TOPIC, ID, VALUE, new RecordHeaders()))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNSIGNED))
                .hasMessageContaining(ID);
    }

    @Test
    void another_secret_another_value_topic_or_id_or_garbage_is_a_bad_signature() {
        RecordHeaders headers = signed(SECRET, TOPIC, ID, VALUE);
        RecordHeaders garbage = new RecordHeaders();
        garbage.add(RecordSignature.HEADER, "v1=not base64!".getBytes(StandardCharsets.US_ASCII));

        assertBad(SigningSecret.of(ServerKey.random()), TOPIC, ID, VALUE, headers);
        assertBad(SECRET, TOPIC, ID, "{\"v\":2}".getBytes(StandardCharsets.UTF_8), headers);
        assertBad(SECRET, Topics.AGENT_CONTROL.name(), ID, VALUE, headers);  // a report replayed as an order
        assertBad(SECRET, TOPIC, ServerId.random().value(), VALUE, headers);
        assertBad(SECRET, TOPIC, ID, VALUE, garbage);
    }

    @Test
    void secret_travels_as_text_and_never_shows_in_logs() {
        assertThat(SigningSecret.fromText(SECRET.toText())).isEqualTo(SECRET);
        assertThat(SECRET.toText()).hasSize(43);
        assertThat(SECRET.toString()).doesNotContain(SECRET.toText());
        assertThatThrownBy(() -> SigningSecret.fromText("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void one_secret_signs_on_many_threads_at_once_as_a_fresh_one_does() {
        SigningSecret shared = SigningSecret.of(KEY);
        java.util.List<byte[]> values = java.util.stream.IntStream.range(0, 2_000)
                .mapToObj(n -> ("{\"v\":1,\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)).toList();

        java.util.List<byte[]> signatures = values.parallelStream()
                .map(value -> signed(shared, TOPIC, ID, value).lastHeader(RecordSignature.HEADER).value()).toList();

        for (int n = 0; n < values.size(); n += 97) {
            // a secret made from the same text has no MAC yet: it keys its own
            SigningSecret fresh = SigningSecret.fromText(SECRET.toText());
            assertThat(signatures.get(n)).as("value " + n)
                    .isEqualTo(signed(fresh, TOPIC, ID, values.get(n)).lastHeader(RecordSignature.HEADER).value());
        }
    }

    private static RecordHeaders signed(SigningSecret secret, String topic, String key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        RecordSignature.sign(secret, topic, key, value, headers);
        return headers;
    }

    private static void assertBad(SigningSecret secret, String topic, String key, byte[] value, RecordHeaders headers) {
        assertThatThrownBy(() -> RecordSignature.verify(secret, topic, key, value, headers))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_SIGNATURE));
        assertThat(RecordSignature.isValid(secret, topic, key, value, headers)).isFalse();
    }
}
