package servmon.store.history;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import servmon.store.StoreSliceTest;
import servmon.store.server.Server;
import servmon.store.server.ServerRepository;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Keyset pages and tier ranges on the real schema, with rows written as the ingestor writes them. */
class HistoryReadsTest extends StoreSliceTest {

    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

    @Autowired JdbcTemplate jdbc;
    @Autowired ServerRepository servers;

    HistoryReads history;
    long serverId;

    @BeforeEach
    void server() {
        history = new HistoryReads(JdbcClient.create(jdbc));
        String name = "history-" + UUID.randomUUID();
        serverId = servers.saveAndFlush(new Server(name.substring(0, 30), "signing-secret", name.substring(0, 30), null, T0)).getId();
    }

    @Test
    void keyset_pages_never_repeat_or_skip_a_sample_while_newer_ones_arrive() {
        int stored = 53;
        for (int i = 0; i < stored; i++) {
            sample(T0.plusSeconds(8L * i), i);
        }
        List<Instant> expected = new ArrayList<>();
        for (int i = stored - 1; i >= 0; i--) {
            expected.add(T0.plusSeconds(8L * i));
        }

        List<Instant> seen = new ArrayList<>();
        List<StoredSample> page = history.newest(serverId, 10);
        int arrived = 0;
        while (!page.isEmpty()) {
            page.forEach(sample -> seen.add(sample.sampledAt()));
            for (int i = 0; i < 5; i++, arrived++) {  // the agent keeps reporting between page fetches
                sample(T0.plusSeconds(8L * (stored + arrived)), stored + arrived);
            }
            page = history.newestBefore(serverId, page.getLast().sampledAt(), 10);
        }

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void a_page_reaching_back_more_than_a_day_is_complete() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        sample(now.minus(Duration.ofDays(3)), 0);
        sample(now.minus(Duration.ofDays(2)), 1);
        sample(now.minusSeconds(60), 2);

        assertThat(history.newest(serverId, 2)).extracting(StoredSample::cpuPct).containsExactly(2.0, 1.0);
        assertThat(history.newestBefore(serverId, now, 3)).extracting(StoredSample::cpuPct)
                .containsExactly(2.0, 1.0, 0.0);
        assertThat(history.newest(serverId, 1)).extracting(StoredSample::cpuPct).containsExactly(2.0);
    }

    @Test
    void a_far_page_is_found_by_skipping_from_a_cursor() {
        for (int i = 0; i < 30; i++) {
            sample(T0.plusSeconds(i), i);
        }
        Instant afterNewest = T0.plusSeconds(30);

        Instant cursor = history.cursorAfterSkipping(serverId, afterNewest, 25).orElseThrow();

        assertThat(cursor).isEqualTo(T0.plusSeconds(5));  // the 25th newest
        assertThat(history.newestBefore(serverId, cursor, 3)).extracting(StoredSample::cpuPct)
                .containsExactly(4.0, 3.0, 2.0);
        assertThat(history.cursorAfterSkipping(serverId, afterNewest, 31)).isEmpty();
        assertThat(history.newestSampledAt(serverId)).contains(T0.plusSeconds(29));
    }

    @Test
    void a_raw_range_has_every_sample_in_time_order_with_its_energy() {
        for (int i = 0; i < 10; i++) {
            sample(T0.plusSeconds(8L * i), i);
        }

        List<HistoryPoint> points = history.range(serverId, HistoryTier.RAW, T0.plusSeconds(16), T0.plusSeconds(48));

        assertThat(points).extracting(HistoryPoint::at)
                .containsExactly(T0.plusSeconds(16), T0.plusSeconds(24), T0.plusSeconds(32), T0.plusSeconds(40));
        HistoryPoint first = points.getFirst();
        assertThat(first.cpuMinPct()).isEqualTo(2.0);
        assertThat(first.cpuAvgPct()).isEqualTo(2.0);
        assertThat(first.cpuMaxPct()).isEqualTo(2.0);
        assertThat(first.powerAvgW()).isEqualTo(102.0);
        assertThat(first.usersAvg()).isEqualTo(2.0);
        assertThat(first.memUsedAvgBytes()).isEqualTo(2_000_000.0);
        assertThat(first.energyWh()).isCloseTo(102.0 * 8 / 3600, within(1e-9));
        assertThat(first.diskUsedAvgBytes()).isEqualTo(2e9);
        assertThat(first.netRxAvgBytesPerS()).isEqualTo(2_000.0);
        assertThat(first.netTxAvgBytesPerS()).isEqualTo(4_000.0);
    }

    @Test
    void a_range_is_walked_oldest_first_in_keyset_pages_within_its_bounds() {
        for (int i = 0; i < 10; i++) {
            sample(T0.plusSeconds(8L * i), i);
        }
        Instant from = T0.plusSeconds(8);  // inclusive
        Instant to = T0.plusSeconds(64);   // exclusive: the samples from 64 s on are left out

        List<StoredSample> first = history.oldestFrom(serverId, from, to, 4);
        List<StoredSample> second = history.oldestFrom(serverId, first.getLast().sampledAt().plusMillis(1), to, 4);
        List<StoredSample> last = history.oldestFrom(serverId, second.getLast().sampledAt().plusMillis(1), to, 4);

        assertThat(first).extracting(StoredSample::cpuPct).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(second).extracting(StoredSample::cpuPct).containsExactly(5.0, 6.0, 7.0);
        assertThat(last).isEmpty();
        assertThat(first.getFirst().diskUsedBytes()).isEqualTo(1_000_000_000L);
        assertThat(first.getFirst().netRxBytesPerS()).isEqualTo(1_000L);
        assertThat(first.getFirst().netTxBytesPerS()).isEqualTo(2_000L);
    }

    @Test
    void rollup_buckets_carry_disk_and_network_averages_and_none_where_none_was_reported() {
        rollup("metric_rollup_1m", T0, 10);
        rollup("metric_rollup_1m", T0.plusSeconds(60), 20);
        jdbc.update("update metric_rollup_1m set disk_n = 4, disk_sum = 8e9, net_n = 2, net_rx_sum = 3000,"
                + " net_tx_sum = 5000 where server_id = ? and bucket_start = ?", serverId, utc(T0));

        List<HistoryPoint> points = history.range(serverId, HistoryTier.MINUTE, T0, T0.plusSeconds(120));

        assertThat(points.getFirst().diskUsedAvgBytes()).isEqualTo(2e9);
        assertThat(points.getFirst().netRxAvgBytesPerS()).isEqualTo(1_500.0);
        assertThat(points.getFirst().netTxAvgBytesPerS()).isEqualTo(2_500.0);
        assertThat(points.getLast().diskUsedAvgBytes()).isNull();
        assertThat(points.getLast().netRxAvgBytesPerS()).isNull();
    }

    @Test
    void a_minute_range_reads_the_buckets_of_its_primary_key_range_with_averages() {
        Instant from = T0.plus(Duration.ofMinutes(10));
        rollup("metric_rollup_1m", from.minus(Duration.ofMinutes(1)), 99);  // before the range
        rollup("metric_rollup_1m", from, 10);
        rollup("metric_rollup_1m", from.plus(Duration.ofMinutes(1)), 20);
        rollup("metric_rollup_1m", from.plus(Duration.ofMinutes(2)), 99);  // at `to`: excluded
        jdbc.update("update metric_rollup_1m set power_n = 0, power_min = null, power_max = null, power_sum = 0,"
                + " energy_wh = 0 where server_id = ? and bucket_start = ?", serverId, utc(from.plusSeconds(60)));

        // from mid-bucket: the bucket it falls in is shown
        List<HistoryPoint> points = history.range(serverId, HistoryTier.MINUTE, from.plusSeconds(30),
                from.plus(Duration.ofMinutes(2)));

        assertThat(points).extracting(HistoryPoint::at).containsExactly(from, from.plus(Duration.ofMinutes(1)));
        HistoryPoint bucket = points.getFirst();
        assertThat(bucket.cpuMinPct()).isEqualTo(5.0);
        assertThat(bucket.cpuAvgPct()).isEqualTo(10.0);  // sum 60 over 6 samples
        assertThat(bucket.cpuMaxPct()).isEqualTo(15.0);
        assertThat(bucket.powerMinW()).isEqualTo(100.0);
        assertThat(bucket.powerAvgW()).isEqualTo(110.0);
        assertThat(bucket.powerMaxW()).isEqualTo(120.0);
        assertThat(bucket.usersAvg()).isEqualTo(2.0);
        assertThat(bucket.memUsedAvgBytes()).isEqualTo(1e9);
        assertThat(bucket.energyWh()).isEqualTo(1.5);
        HistoryPoint withoutPower = points.getLast();
        assertThat(withoutPower.powerAvgW()).isNull();
        assertThat(withoutPower.powerMinW()).isNull();
        assertThat(withoutPower.energyWh()).as("no reading is not zero watts").isNull();
    }

    @Test
    void an_hour_range_reads_hour_buckets() {
        rollup("metric_rollup_1h", T0, 10);
        rollup("metric_rollup_1h", T0.plus(Duration.ofHours(1)), 20);
        rollup("metric_rollup_1m", T0, 30);  // another tier: not read

        List<HistoryPoint> points = history.range(serverId, HistoryTier.HOUR, T0, T0.plus(Duration.ofDays(30)));

        assertThat(points).extracting(HistoryPoint::at).containsExactly(T0, T0.plus(Duration.ofHours(1)));
        assertThat(points).extracting(HistoryPoint::cpuAvgPct).containsExactly(10.0, 20.0);
    }

    @Test
    void sleep_periods_are_read_newest_first_an_open_one_without_a_wake() {
        for (int i = 0; i < 3; i++) {
            Instant asleep = T0.plus(Duration.ofHours(i));
            jdbc.update("insert into sleep_period (server_id, asleep_at, woke_at, power_before_w, power_before_source,"
                            + " asleep_w) values (?, ?, ?, ?, ?, 5)",
                    serverId, utc(asleep), i == 2 ? null : utc(asleep.plus(Duration.ofMinutes(30))),
                    i == 2 ? null : 205.0, i == 1 ? "BMC" : null);
        }

        List<SleepSpan> periods = history.sleepPeriods(serverId, 2);
        assertThat(periods).containsExactly(
                new SleepSpan(T0.plus(Duration.ofHours(2)), null, null, null, 5),
                new SleepSpan(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofMinutes(90)), 205.0, "BMC", 5));
        // 200 W saved for half an hour, measured; an open period's power before it is unknown, so its saving too
        Instant later = T0.plus(Duration.ofDays(1));
        assertThat(periods.get(1).saved(later).wh()).isCloseTo(100.0, within(1e-9));
        assertThat(periods.get(1).saved(later).estimatedWh()).isZero();
        assertThat(periods.get(0).saved(later)).isNull();
        jdbc.update("delete from server where id = ?", serverId);
        assertThat(history.sleepPeriods(serverId, 10)).isEmpty();
    }

    @Test
    void state_changes_of_a_range_are_read_newest_first_each_with_its_end() {
        // ON at T0, then OFF / ON every hour: hour 1 OFF, hour 2 ON, hour 3 OFF, hour 4 ON (still)
        change(T0, null, "ON");
        for (int hour = 1; hour <= 4; hour++) {
            change(T0.plus(Duration.ofHours(hour)), hour % 2 == 1 ? "ON" : "OFF", hour % 2 == 1 ? "OFF" : "ON");
        }

        // [1 h, 3 h]: the changes of hours 1 to 3, the newest ending with the change after the range
        assertThat(history.stateChanges(serverId, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofMinutes(181)), 10))
                .containsExactly(
                        new StateChange(T0.plus(Duration.ofHours(3)), "ON", "OFF", T0.plus(Duration.ofHours(4))),
                        new StateChange(T0.plus(Duration.ofHours(2)), "OFF", "ON", T0.plus(Duration.ofHours(3))),
                        new StateChange(T0.plus(Duration.ofHours(1)), "ON", "OFF", T0.plus(Duration.ofHours(2))));
        // the range's end is exclusive, and a limit keeps the newest
        assertThat(history.stateChanges(serverId, T0, T0.plus(Duration.ofHours(3)), 2)).containsExactly(
                new StateChange(T0.plus(Duration.ofHours(2)), "OFF", "ON", T0.plus(Duration.ofHours(3))),
                new StateChange(T0.plus(Duration.ofHours(1)), "ON", "OFF", T0.plus(Duration.ofHours(2))));
        // the first verdict has no state before it; the current state no end
        assertThat(history.stateChanges(serverId, T0, T0.plus(Duration.ofDays(1)), 10))
                .hasSize(5)
                .startsWith(new StateChange(T0.plus(Duration.ofHours(4)), "OFF", "ON", null))
                .endsWith(new StateChange(T0, null, "ON", T0.plus(Duration.ofHours(1))));

        jdbc.update("delete from server where id = ?", serverId);
        assertThat(history.stateChanges(serverId, T0, T0.plus(Duration.ofDays(1)), 10)).isEmpty();
    }

    @Test
    void nothing_of_a_removed_server_is_read() {
        sample(T0, 1);
        rollup("metric_rollup_1m", T0, 10);
        rollup("metric_rollup_1h", T0, 10);

        jdbc.update("delete from server where id = ?", serverId);  // samples and rollups stay, as after V2

        assertThat(history.newest(serverId, 10)).isEmpty();
        assertThat(history.newestBefore(serverId, T0.plusSeconds(1), 10)).isEmpty();
        assertThat(history.newestSampledAt(serverId)).isEmpty();
        assertThat(history.range(serverId, HistoryTier.RAW, T0, T0.plusSeconds(60))).isEmpty();
        assertThat(history.range(serverId, HistoryTier.MINUTE, T0, T0.plusSeconds(60))).isEmpty();
        assertThat(history.range(serverId, HistoryTier.HOUR, T0, T0.plusSeconds(3600))).isEmpty();
    }

    /** A state change as the ingestor writes it. */
    private void change(Instant at, String from, String to) {
        jdbc.update("insert into server_state_change (server_id, changed_at, from_state, to_state) values (?, ?, ?, ?)",
                serverId, utc(at), from, to);
    }

    /**
     * A sample as the ingestor writes it: every 8 s, CPU i %, 100 + i W, i users, i MB of memory, i GB of disk, i kB/s
     * in and 2i kB/s out.
     */
    private void sample(Instant at, int i) {
        jdbc.update("insert into metric_sample (server_id, sampled_at, seq, interval_s, cpu_pct, power_w, power_source,"
                        + " user_count, mem_used_bytes, disk_used_bytes, net_rx_bps, net_tx_bps)"
                        + " values (?, ?, ?, 8, ?, ?, 'RAPL', ?, ?, ?, ?, ?)",
                serverId, utc(at), i, (double) i, 100.0 + i, i, i * 1_000_000L, i * 1_000_000_000L, i * 1_000L,
                i * 2_000L);
    }

    /** A bucket of 6 samples: CPU 5..15 averaging {@code cpuAvg}, power 100..120 W averaging 110, 1.5 Wh. */
    private void rollup(String table, Instant bucketStart, double cpuAvg) {
        jdbc.update("insert into " + table + " (server_id, bucket_start, samples, cpu_min, cpu_sum, cpu_max, power_n,"
                        + " power_min, power_sum, power_max, users_min, users_sum, users_max, mem_n, mem_min, mem_sum,"
                        + " mem_max, energy_wh, estimated_wh) values (?, ?, 6, 5, ?, 15, 6, 100, 660, 120, 1, 12, 3,"
                        + " 6, 5e8, 6e9, 2e9, 1.5, 0)",
                serverId, utc(bucketStart), cpuAvg * 6);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
