package servmon.agent;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.MetricReport;
import servmon.events.PowerSource;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.SigningSecret;
import servmon.events.ServmonEvent;
import servmon.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ordering rules of the publisher, on Kafka's MockProducer: a real broker cannot be made to refuse a send on
 * demand, and these rules decide whether an outage delays reports or loses them.
 */
class ReportPublisherTest {

    private final ServerId key = ServerId.random();
    private final RefusingProducer producer = new RefusingProducer();
    private ReportPublisher publisher = publisher(100);

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void reports_wait_until_the_agent_listens_for_its_answer_then_go_out_in_order() throws Exception {
        publisher.publish(report(0));
        publisher.publish(report(1));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(15)).until(() -> producer.history().isEmpty());

        publisher.release();
        publisher.publish(report(2));

        await().atMost(Duration.ofSeconds(30)).until(() -> producer.history().size() == 3);
        assertThat(sentSeqs()).containsExactly(0L, 1L, 2L);
        assertThat(producer.history()).allSatisfy(record -> {
            assertThat(record.topic()).isEqualTo(Topics.METRICS.name());
            assertThat(record.key()).isEqualTo(key.value());
        });
    }

    @Test
    void report_the_producer_throws_back_is_kept_and_sent_first_when_it_accepts_again() throws Exception {
        producer.sendException = new TimeoutException("Topic servmon.metrics.v1 not present in metadata");
        publisher.release();
        publisher.publish(report(0));
        publisher.publish(report(1));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(15))
                .until(() -> publisher.waitingCount() == 2);

        producer.sendException = null;
        publisher.publish(report(2));

        await().atMost(Duration.ofSeconds(30)).until(() -> producer.history().size() == 3);
        assertThat(sentSeqs()).containsExactly(0L, 1L, 2L);
        assertThat(publisher.waitingCount()).isZero();
    }

    @Test
    void report_refused_through_the_callback_during_send_is_kept_and_sent_again() throws Exception {
        producer.refuseThroughCallback = true;
        publisher.release();
        publisher.publish(report(0));
        await().atMost(Duration.ofSeconds(30)).until(() -> producer.refusals > 0);

        producer.refuseThroughCallback = false;
        publisher.publish(report(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> producer.history().size() == 2);
        assertThat(sentSeqs()).containsExactly(0L, 1L);
    }

    @Test
    void a_report_that_can_never_be_sent_is_dropped_and_the_ones_behind_it_go_out() throws Exception {
        producer.tooLargeSeq = 1;
        publisher.release();
        publisher.publish(report(0));
        publisher.publish(report(1));
        publisher.publish(new MetricReport(ServmonEvent.VERSION, key, Instant.now().plusSeconds(3600), 2L, 8, "boot",
                "host", 12.5, 10.0, PowerSource.ESTIMATE, 0, null, null, null, null, null, null, null, null, null,
                List.of()));  // a clock an hour ahead: every consumer would refuse it
        publisher.publish(report(3));

        await().atMost(Duration.ofSeconds(30)).until(() -> producer.history().size() == 2);
        assertThat(sentSeqs()).containsExactly(0L, 3L);
        assertThat(publisher.waitingCount()).isZero();
    }

    @Test
    void beyond_the_limit_the_oldest_waiting_reports_are_dropped() throws Exception {
        publisher.close();
        publisher = publisher(2);
        publisher.publish(report(0));
        publisher.publish(report(1));
        publisher.publish(report(2));

        publisher.release();

        await().atMost(Duration.ofSeconds(30)).until(() -> producer.history().size() == 2);
        assertThat(sentSeqs()).containsExactly(1L, 2L);
    }

    private ReportPublisher publisher(int maxWaiting) {
        return new ReportPublisher(producer, new BrokerHealth("test:9092"), key.value(),
                SigningSecret.of(ServerKey.random()), maxWaiting, Duration.ofSeconds(30), null).start();
    }

    private List<Long> sentSeqs() throws InvalidEventException {
        List<Long> seqs = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : producer.history()) {
            seqs.add(EventCodec.decode(record.value(), MetricReport.class).seq());
        }
        return seqs;
    }

    private MetricReport report(long seq) {
        return new MetricReport(ServmonEvent.VERSION, key, Instant.now(), seq, 8, "boot", "host", 12.5, 10.0,
                PowerSource.ESTIMATE, 0, null, null, null, null, null, null, null, null, null, List.of());
    }

    /** Like KafkaProducer without metadata: calls the callback with the error before send() returns. */
    private static final class RefusingProducer extends MockProducer<String, byte[]> {

        volatile boolean refuseThroughCallback;
        volatile int refusals;
        /** The report the producer finds too large, as KafkaProducer does: through the callback, during send(). */
        volatile long tooLargeSeq = -1;

        RefusingProducer() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (tooLargeSeq >= 0 && seqOf(record) == tooLargeSeq) {
                RecordTooLargeException e = new RecordTooLargeException("larger than max.request.size");
                callback.onCompletion(null, e);
                return CompletableFuture.failedFuture(e);
            }
            if (refuseThroughCallback) {
                refusals++;
                TimeoutException e = new TimeoutException("Topic not present in metadata after 5000 ms.");
                callback.onCompletion(null, e);
                return CompletableFuture.failedFuture(e);
            }
            return super.send(record, callback);
        }

        private static long seqOf(ProducerRecord<String, byte[]> record) {
            try {
                return EventCodec.decode(record.value(), MetricReport.class).seq();
            } catch (InvalidEventException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void close(Duration timeout) {
            // shared by the publishers of one test
        }
    }
}
