package servmon.ingestor;

import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BatchRetryTest {

    @Test
    void a_failing_batch_is_retried_without_end_at_most_max_interval_apart() {
        var retry = new IngestorProperties.Retry(Duration.ofMillis(500), 2.0, Duration.ofSeconds(30));
        BackOffExecution execution = BatchRetry.backOff(retry).start();

        assertThat(execution.nextBackOff()).isEqualTo(500);
        assertThat(execution.nextBackOff()).isEqualTo(1_000);
        long last = 0;
        // a week of retries 30 s apart
        for (int attempt = 0; attempt < 7 * 24 * 120; attempt++) {
            last = execution.nextBackOff();
            assertThat(last).isNotEqualTo(BackOffExecution.STOP).isLessThanOrEqualTo(30_000);
        }
        assertThat(last).isEqualTo(30_000);
    }
}
