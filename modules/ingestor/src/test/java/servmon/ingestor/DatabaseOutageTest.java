package servmon.ingestor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servmon.embedded.TopicRecords;
import servmon.events.Topics;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DatabaseOutageTest {

    @BeforeAll
    static void startIngestor() {
        RunningIngestor.context();
    }

    @Test
    void samples_written_during_a_database_outage_are_delayed_not_lost() {
        Fleet.Server server = Fleet.register();
        int failuresBefore = RunningIngestor.FAILED_BATCHES.get();
        // the sample table disappears, as good as the database refusing every write of the batch
        RunningIngestor.jdbc().execute("RENAME TABLE metric_sample TO metric_sample_away");
        try {
            Fleet.send(Topics.METRICS, server.key(), Fleet.report(server.key(), Fleet.recent(5), 1, 10.0));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> RunningIngestor.FAILED_BATCHES.get() >= failuresBefore + 3);
        } finally {
            RunningIngestor.jdbc().execute("RENAME TABLE metric_sample_away TO metric_sample");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> Fleet.sampleCount(server) == 1);
        assertThat(TopicRecords.of(Topics.METRICS_DLT.name(), server.key().value())).isEmpty();
    }
}
