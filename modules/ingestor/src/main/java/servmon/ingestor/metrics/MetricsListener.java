package servmon.ingestor.metrics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import servmon.events.DeadLetterReason;
import servmon.ingestor.DataErrors;
import servmon.ingestor.DeadLetterPublisher;
import servmon.ingestor.IngestorProperties;
import servmon.ingestor.PendingSends;
import servmon.ingestor.Refusal;
import servmon.ingestor.enrollment.EnrollmentResponder;
import servmon.ingestor.servers.ServerDirectory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes agents' metric reports a poll batch at a time. Refused records go to the dead-letter topic and
 * enrollment replies to the agents, both acknowledged by Kafka before the offsets are committed (AckMode BATCH,
 * after this method returns), so a crash or an outage at any step redelivers the batch and loses nothing. Replays
 * are harmless: every write is idempotent. A sample the database refuses for what it holds is dead-lettered too,
 * and the rest of its batch stored: only an outage is retried.
 */
@Component
class MetricsListener {

    private final ReportTriage triage;
    private final DeadLetterPublisher deadLetters;
    private final EnrollmentResponder enrollment;
    private final SampleBatchWriter writer;
    private final IngestorProperties properties;
    private final Clock clock;

    MetricsListener(ServerDirectory directory, DeadLetterPublisher deadLetters, EnrollmentResponder enrollment,
                    SampleBatchWriter writer, IngestorProperties properties, Clock clock) {
        this.triage = new ReportTriage(directory::resolve);
        this.deadLetters = deadLetters;
        this.enrollment = enrollment;
        this.writer = writer;
        this.properties = properties;
        this.clock = clock;
    }

    // Hot path: one triage, one lookup query for unknown keys, one wait for Kafka, one transaction per poll batch.
    @KafkaListener(id = "ingestor-metrics", topics = "#{T(servmon.events.Topics).METRICS.name()}",
            groupId = "servmon-ingestor", batch = "true", concurrency = "${servmon.ingestor.consumer-threads}")
    void onReports(List<ConsumerRecord<String, byte[]>> records) {
        Instant now = clock.instant();
        Triage sorted = triage.triage(records);
        PendingSends sends = new PendingSends();
        deadLetters.publish(sorted.refusals(), sends);
        enrollment.answer(sorted.enrolled(), sorted.unknownKeys(), sorted.unknownStarting(), sends);
        sends.awaitAll(properties.sendTimeout());
        List<DataErrors.Refused> refused =
                DataErrors.writeSettingAsideRefused(sorted.samples(), batch -> writer.write(batch, now));
        if (!refused.isEmpty()) {
            List<Refusal> refusals = new ArrayList<>(refused.size());
            for (DataErrors.Refused sample : refused) {
                refusals.add(new Refusal(sorted.sources().get(sample.index()), DeadLetterReason.DATABASE_REFUSED,
                        DataErrors.describe(sample.failure())));
            }
            PendingSends more = new PendingSends();
            deadLetters.publish(refusals, more);
            more.awaitAll(properties.sendTimeout());
        }
    }
}
