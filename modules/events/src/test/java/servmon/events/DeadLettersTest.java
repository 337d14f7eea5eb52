package servmon.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    @Test
    void a_refused_record_keeps_key_headers_and_timestamp_with_the_reason_and_origin() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", utf8("t-1"));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.SERVER_STATE.name(), 4, 99L, 1234L,
                TimestampType.CREATE_TIME, 0, 3, "abcdEFGH1234", utf8("{}"), headers, Optional.empty());

        ProducerRecord<byte[], byte[]> dead = DeadLetters.of(record, "servmon-ingestor", DeadLetterReason.CLOCK,
                "since is in year 10000");

        assertThat(dead.topic()).isEqualTo("servmon.server-state.v1.dlt");
        assertThat(dead.key()).isEqualTo(utf8("abcdEFGH1234"));
        assertThat(dead.value()).isEqualTo(utf8("{}"));
        assertThat(dead.timestamp()).isEqualTo(1234L);
        assertThat(text(dead, "trace")).isEqualTo("t-1");
        assertThat(text(dead, DeadLetterHeaders.REASON)).isEqualTo("since is in year 10000");
        assertThat(text(dead, DeadLetterHeaders.REASON_TAG)).isEqualTo("clock");
        assertThat(text(dead, DeadLetterHeaders.REFUSED_BY)).isEqualTo("servmon-ingestor");
        assertThat(text(dead, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.SERVER_STATE.name());
        assertThat(text(dead, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("4");
        assertThat(text(dead, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("99");
        assertThat(dead.headers().lastHeader(DeadLetterHeaders.TRUNCATED_FROM_BYTES)).isNull();
    }

    @Test
    void a_value_too_big_to_dead_letter_whole_is_cut_and_says_so() {
        byte[] value = new byte[5 * 1024 * 1024];
        Arrays.fill(value, (byte) 'x');
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.METRICS.name(), 0, 1L, "k", value);

        ProducerRecord<byte[], byte[]> dead = DeadLetters.of(record, "servmon-ingestor", DeadLetterReason.TOO_LARGE,
                "r".repeat(5000));

        assertThat(dead.value()).hasSize(DeadLetters.MAX_VALUE_BYTES);
        assertThat(text(dead, DeadLetterHeaders.TRUNCATED_FROM_BYTES)).isEqualTo(Integer.toString(value.length));
        assertThat(text(dead, DeadLetterHeaders.REASON)).hasSizeLessThanOrEqualTo(DeadLetters.MAX_REASON_CHARS + 1);
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String header) {
        Header found = record.headers().lastHeader(header);
        return found == null ? null : new String(found.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
