package servmon.ingestor.rollup;

import org.junit.jupiter.api.Test;
import servmon.events.MetricReport;
import servmon.events.PowerSource;
import servmon.events.ServerId;
import servmon.events.ServmonEvent;
import servmon.ingestor.metrics.Sample;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RollupsTest {

    private static final ServerId KEY = ServerId.random();

    @Test
    void samples_fold_into_their_minute_with_min_sum_max_and_energy() {
        List<RollupBucket> buckets = Rollups.fold(List.of(
                sample(1, "2026-12-01T10:15:05Z", 10.0, 100.0, PowerSource.ESTIMATE, 1, 500L),
                sample(1, "2026-12-01T10:15:59.999Z", 30.0, 200.0, PowerSource.RAPL, 3, null),
                sample(1, "2026-12-01T10:16:00Z", 50.0, null, null, 0, 700L)), RollupTier.MINUTE);

        assertThat(buckets).extracting(b -> b.start).containsExactly(
                LocalDateTime.parse("2026-12-01T10:15"), LocalDateTime.parse("2026-12-01T10:16"));
        RollupBucket first = buckets.getFirst();
        assertThat(first.samples).isEqualTo(2);
        assertThat(first.cpuMin).isEqualTo(10.0);
        assertThat(first.cpuSum).isEqualTo(40.0);
        assertThat(first.cpuMax).isEqualTo(30.0);
        assertThat(first.powerN).isEqualTo(2);
        assertThat(first.powerMinOrNull()).isEqualTo(100.0);
        assertThat(first.powerMaxOrNull()).isEqualTo(200.0);
        assertThat(first.usersSum).isEqualTo(4);
        assertThat(first.memN).isEqualTo(1);
        assertThat(first.memMinOrNull()).isEqualTo(500L);
        // 8 s at 100 W + 8 s at 200 W; only the first was an estimate
        assertThat(first.energyWh).isCloseTo((100.0 + 200.0) * 8 / 3600, within(1e-9));
        assertThat(first.estimatedWh).isCloseTo(100.0 * 8 / 3600, within(1e-9));

        RollupBucket second = buckets.get(1);
        assertThat(second.powerN).isZero();
        assertThat(second.powerMinOrNull()).isNull();
        assertThat(second.energyWh).isZero();
    }

    @Test
    void hour_buckets_gather_every_minute_of_the_hour_and_keep_servers_apart() {
        List<RollupBucket> buckets = Rollups.fold(List.of(
                sample(2, "2026-12-01T10:59:59Z", 20.0, 50.0, PowerSource.ESTIMATE, 1, null),
                sample(1, "2026-12-01T10:00:00Z", 10.0, 50.0, PowerSource.ESTIMATE, 1, null),
                sample(1, "2026-12-01T10:30:00Z", 30.0, 50.0, PowerSource.ESTIMATE, 1, null)), RollupTier.HOUR);

        assertThat(buckets).extracting(b -> b.serverId, b -> b.samples, b -> b.cpuSum)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 2, 40.0),
                        org.assertj.core.groups.Tuple.tuple(2L, 1, 20.0));
    }

    private static Sample sample(long serverId, String at, double cpu, Double watts, PowerSource source, int users,
                                 Long mem) {
        return new Sample(serverId, new MetricReport(ServmonEvent.VERSION, KEY, Instant.parse(at), 1L, 8, "b", "h",
                cpu, watts, source, users, mem, null, null, null, null, null, null, null, null, List.of()));
    }
}
