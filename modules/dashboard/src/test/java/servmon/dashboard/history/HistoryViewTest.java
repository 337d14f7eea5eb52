package servmon.dashboard.history;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.energy.EnergyFigure;
import servmon.dashboard.energy.EnergyText;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerRegistry;
import servmon.store.history.StateChange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@WithMockUser(username = "admin", roles = "ADMIN")
class HistoryViewTest extends DashboardTestSupport {

    @Autowired
    ServerRegistry registry;
    @Autowired
    ServerHistory history;

    @Test
    void history_charts_show_the_last_30_samples_and_the_list_every_sample_newest_first() {
        RegisteredServer server = registry.register(uniqueName("charted"), null);
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        for (int i = 0; i < 35; i++) {  // one every 8 s; CPU i %, power 100 + i W
            addSample(server.id(), t0.plusSeconds(8L * i), i, 100.0 + i, i % 3);
        }

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        assertThat(view.cpuChart().points()).hasSize(30);
        assertThat(view.cpuChart().points().getFirst().at()).isEqualTo(t0.plusSeconds(8 * 5));
        assertThat(view.cpuChart().points().getLast().at()).isEqualTo(t0.plusSeconds(8 * 34));
        assertThat(view.cpuChart().points().getLast().value()).isEqualTo(34.0);
        assertThat(view.powerChart().points()).hasSize(30);
        assertThat(view.powerChart().points().getLast().value()).isEqualTo(134.0);
        assertThat(view.getPageTitle()).startsWith(server.name());

        @SuppressWarnings("unchecked")
        GridTester<Grid<SampleRow>, SampleRow> list = test(find(Grid.class).withId("sample-list").single());
        assertThat(list.size()).isEqualTo(35);
        assertThat(list.getRow(0).sampledAt()).isEqualTo(t0.plusSeconds(8 * 34));
        assertThat(list.getRow(34).sampledAt()).isEqualTo(t0);
        assertThat(list.getCellText(0, 0)).isEqualTo("2026-03-01 10:04:32");
        assertThat(list.getCellText(0, 1)).isEqualTo("34.0");
        assertThat(list.getCellText(0, 2)).isEqualTo("134.0");
    }

    @Test
    void the_energy_line_shows_the_servers_kwh_used_and_saved_today_and_this_month() {
        RegisteredServer server = registry.register(uniqueName("metered"), null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        addEnergyMinute(server.id(), now.truncatedTo(ChronoUnit.MINUTES), 600.0, 150.0);
        // asleep 40 to 10 minutes ago, giving up 3,000 W: 1.5 kWh, as much of it as fell in today (this month)
        addSleepPeriod(server.id(), now.minus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(10)), 3100.0,
                "HWMON", 100.0);
        Instant startOfDay = now.truncatedTo(ChronoUnit.DAYS);
        Instant startOfMonth = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        String used = EnergyText.kWh(new EnergyFigure(0.6, 0.15, 0.25, "mixed"));
        assertThat(used).isEqualTo("0.60 kWh (25 % est.)");
        assertThat(view.energyText()).isEqualTo("Today " + used + " used, "
                + measured(3.0 * hoursSince(startOfDay, now)) + " saved asleep · this month " + used + " used, "
                + measured(3.0 * hoursSince(startOfMonth, now)) + " saved asleep");
    }

    /** The hours of the sleep 40 to 10 minutes before {@code now} that came after {@code start}. */
    private static double hoursSince(Instant start, Instant now) {
        Instant asleepAt = now.minus(Duration.ofMinutes(40));
        Instant begin = asleepAt.isAfter(start) ? asleepAt : start;
        return Math.max(0, Duration.between(begin, now.minus(Duration.ofMinutes(10))).toMillis()) / 3_600_000.0;
    }

    private static String measured(double kWh) {
        return EnergyText.kWh(new EnergyFigure(kWh, 0, kWh > 0 ? 0.0 : null, kWh > 0 ? "measured" : "none"));
    }

    @Test
    void the_charts_keep_refreshing_after_coming_from_the_servers_page() {
        RegisteredServer server = registry.register(uniqueName("followed"), null);
        navigate("", com.vaadin.flow.component.Component.class);

        navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(2000);
    }

    @Test
    void a_week_is_drawn_from_the_minute_rollups_and_a_month_from_the_hour_rollups() {
        var server = registry.register(uniqueName("weekly"), null);
        Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofDays(2));
        for (int i = 0; i < 3; i++) {
            Instant bucket = hour.plus(Duration.ofMinutes(i));
            for (String table : List.of("metric_rollup_1m", "metric_rollup_1h")) {
                if (table.endsWith("1h") && i > 0) {
                    continue;
                }
                jdbc.update("INSERT INTO " + table + " (server_id, bucket_start, samples, cpu_min, cpu_sum, cpu_max,"
                        + " power_n, power_min, power_sum, power_max, users_min, users_sum, users_max, mem_n, mem_min,"
                        + " mem_sum, mem_max, energy_wh, estimated_wh) VALUES (?, ?, 2, 10, ?, 50, 2, 90, 200, 110,"
                        + " 0, 0, 0, 0, NULL, 0, NULL, 1, 1)", server.id(), utc(bucket), 40.0 + 20 * i);
            }
        }
        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        view.showRange(ChartRange.WEEK);
        assertThat(view.cpuChart().points()).extracting(SamplePoint::value).containsExactly(20.0, 30.0, 40.0);
        assertThat(view.powerChart().points()).extracting(SamplePoint::value).containsOnly(100.0);
        view.showRange(ChartRange.MONTH);
        assertThat(view.cpuChart().points()).extracting(SamplePoint::at).containsExactly(hour);
        view.showRange(ChartRange.LAST_SAMPLES);
        assertThat(view.cpuChart().points()).isEmpty();
    }

    @Test
    void a_server_that_never_reported_has_empty_charts() {
        RegisteredServer server = registry.register(uniqueName("silent"), null);

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        assertThat(view.cpuChart().points()).isEmpty();
        assertThat(view.powerChart().points()).isEmpty();
    }

    @Test
    void the_list_holds_still_while_samples_arrive_until_asked_for_the_newer_ones() {
        RegisteredServer server = registry.register(uniqueName("snapshot"), null);
        Instant t0 = Instant.parse("2026-03-02T10:00:00Z");
        for (int i = 0; i < 60; i++) {
            addSample(server.id(), t0.plusSeconds(8L * i), i, null, 0);
        }
        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));
        @SuppressWarnings("unchecked")
        GridTester<Grid<SampleRow>, SampleRow> list = test(find(Grid.class).withId("sample-list").single());
        SampleRow row44 = list.getRow(44);
        assertThat(view.showNewerButton().isVisible()).isFalse();

        for (int i = 60; i < 63; i++) {  // 24 s later: three newer samples
            addSample(server.id(), t0.plusSeconds(8L * i), i, null, 0);
        }
        view.refreshCharts();  // as the UI's poll does

        assertThat(view.cpuChart().points().getLast().value()).as("the charts follow").isEqualTo(62.0);
        assertThat(list.getRow(44)).as("the list does not shift").isEqualTo(row44);
        assertThat(list.getRow(50).cpuPct()).isEqualTo(9.0);
        assertThat(list.size()).isEqualTo(60);
        assertThat(view.showNewerButton().isVisible()).isTrue();
        assertThat(view.showNewerButton().getText()).isEqualTo("Show 3 newer samples");

        test(view.showNewerButton()).click();

        assertThat(list.size()).isEqualTo(63);
        assertThat(list.getRow(0).cpuPct()).isEqualTo(62.0);
        assertThat(view.showNewerButton().isVisible()).isFalse();
    }

    @Test
    void pages_follow_keyset_cursors_and_a_jump_skips_from_the_nearest_one() {
        RegisteredServer server = registry.register(uniqueName("paged"), null);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        for (int i = 0; i < 30; i++) {
            addSample(server.id(), t0.plusSeconds(i), i, null, 0);
        }
        PinnedSamplePages pages = PinnedSamplePages.pinNewest(history, server.id());

        List<SampleRow> seen = new ArrayList<>(pages.fetch(0, 10).toList());
        addSample(server.id(), t0.plusSeconds(30), 30, null, 0);  // newer than the pin
        seen.addAll(pages.fetch(10, 10).toList());
        seen.addAll(pages.fetch(20, 10).toList());

        assertThat(seen).extracting(SampleRow::cpuPct).doesNotHaveDuplicates().hasSize(30)
                .startsWith(29.0, 28.0).endsWith(1.0, 0.0);
        assertThat(pages.fetch(30, 10)).isEmpty();
        PinnedSamplePages fresh = PinnedSamplePages.pinNewest(history, server.id());
        assertThat(fresh.fetch(25, 3)).extracting(SampleRow::cpuPct).containsExactly(5.0, 4.0, 3.0);
        assertThat(fresh.fetch(40, 3)).isEmpty();
    }

    @Test
    void memory_disk_and_network_are_charted_beside_cpu_and_power_and_listed_with_each_sample() {
        RegisteredServer server = registry.register(uniqueName("full"), null);
        Instant t0 = Instant.parse("2026-03-03T10:00:00Z");
        for (int i = 0; i < 3; i++) {  // 2 + i GB of memory, 100 GB of disk, 10 kB/s in and 5 out per i
            addFullSample(server.id(), t0.plusSeconds(8L * i), (2 + i) * 1_000_000_000L, 100_000_000_000L,
                    10_000L * i, 5_000L * i);
        }

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        assertThat(view.memoryChart().points()).extracting(SamplePoint::value).containsExactly(2.0, 3.0, 4.0);
        assertThat(view.diskChart().points()).extracting(SamplePoint::value).containsOnly(100.0);
        assertThat(view.networkChart().points()).extracting(SamplePoint::value).containsExactly(0.0, 10.0, 20.0);
        assertThat(view.networkChart().secondPoints()).extracting(SamplePoint::value).containsExactly(0.0, 5.0, 10.0);
        @SuppressWarnings("unchecked")
        GridTester<Grid<SampleRow>, SampleRow> list = test(find(Grid.class).withId("sample-list").single());
        assertThat(list.getCellText(0, 5)).isEqualTo("4.0");    // memory GB
        assertThat(list.getCellText(0, 6)).isEqualTo("100.0");  // disk GB
        assertThat(list.getCellText(0, 7)).isEqualTo("20.0");   // in kB/s
        assertThat(list.getCellText(0, 8)).isEqualTo("10.0");   // out kB/s
    }

    @Test
    void a_long_silence_breaks_the_lines_and_a_single_late_report_does_not() {
        RegisteredServer server = registry.register(uniqueName("gappy"), null);
        Instant t0 = Instant.parse("2026-03-04T10:00:00Z");
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            times.add(t0.plusSeconds(8L * i));
        }
        times.add(t0.plusSeconds(8L * 9 + 20));  // one report late: 20 s instead of 8
        for (int i = 0; i < 10; i++) {  // then five minutes without a report
            times.add(t0.plusSeconds(8L * 9 + 20 + 300 + 8L * i));
        }
        for (Instant at : times) {
            addSample(server.id(), at, 50.0, 100.0, 0);
        }

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        List<SamplePoint> cpu = view.cpuChart().points();
        assertThat(cpu).hasSize(22);  // 21 samples and one break
        assertThat(cpu).filteredOn(point -> point.value() == null).singleElement()
                .satisfies(gap -> assertThat(gap.at()).isEqualTo(t0.plusSeconds(8L * 9 + 20 + 8)));
        assertThat(cpu.get(11).value()).isNull();
        assertThat(view.powerChart().points().get(11).value()).as("every chart breaks at the same place").isNull();
        assertThat(view.memoryChart().points()).hasSize(22);
    }

    @Test
    void times_read_on_the_24_hour_clock_on_the_charts_and_the_state_line() {
        RegisteredServer server = registry.register(uniqueName("afternoon"), null);
        Instant afternoon = Instant.parse("2026-03-05T15:04:32Z");
        addSample(server.id(), afternoon, 10.0, null, 0);
        setState(server.id(), "ON", Instant.parse("2026-03-05T13:00:05Z"));

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        assertThat(view.cpuChart().axisLabels()).containsExactly("15:04:32");
        assertThat(view.stateText()).isEqualTo("ON since 2026-03-05 13:00:05");
        view.showRange(ChartRange.WEEK);
        addMinuteBucket(server.id(), Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1)));
        view.refreshCharts();
        assertThat(view.cpuChart().axisLabels()).singleElement().asString().matches("\\d{2}-\\d{2} \\d{2}:\\d{2}");
    }

    @Test
    void a_week_of_minute_buckets_charts_disk_and_network_averages() {
        RegisteredServer server = registry.register(uniqueName("rolled"), null);
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(2));
        addMinuteBucket(server.id(), minute);

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));
        view.showRange(ChartRange.WEEK);

        assertThat(view.diskChart().points()).extracting(SamplePoint::value).containsExactly(50.0);
        assertThat(view.networkChart().points()).extracting(SamplePoint::value).containsExactly(3.0);
        assertThat(view.networkChart().secondPoints()).extracting(SamplePoint::value).containsExactly(1.5);
    }

    @Test
    void the_state_now_and_the_sleep_periods_are_shown() {
        RegisteredServer server = registry.register(uniqueName("napper"), null);
        Instant asleep = Instant.parse("2026-03-06T22:00:00Z");
        addSleepPeriod(server.id(), asleep.minus(Duration.ofDays(1)), asleep.minus(Duration.ofDays(1)).plus(
                Duration.ofMinutes(90)), 200.0, "BMC", 5.0);
        addSleepPeriod(server.id(), asleep, null, 200.0, "BMC", 5.0);
        setState(server.id(), "ASLEEP", asleep);

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        assertThat(view.stateText()).isEqualTo("Asleep since 2026-03-06 22:00:00");
        @SuppressWarnings("unchecked")
        GridTester<Grid<servmon.store.history.SleepSpan>, servmon.store.history.SleepSpan> sleeps =
                test(find(Grid.class).withId("sleep-periods").single());
        assertThat(sleeps.size()).isEqualTo(2);
        assertThat(sleeps.getCellText(0, 0)).isEqualTo("2026-03-06 22:00:00");
        assertThat(sleeps.getCellText(0, 1)).isEqualTo("still asleep");
        assertThat(sleeps.getCellText(1, 1)).isEqualTo("2026-03-05 23:30:00");
        assertThat(sleeps.getCellText(1, 2)).isEqualTo("1:30");
        assertThat(sleeps.getCellText(1, 3)).isEqualTo("0.29 kWh");  // 195 W for 1.5 h, measured by the BMC
    }

    @Test
    void the_state_changes_of_the_chosen_range_are_listed_newest_first_with_how_long_each_lasted() {
        RegisteredServer server = registry.register(uniqueName("changer"), null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant registered = now.minus(Duration.ofDays(10));
        Instant off = now.minus(Duration.ofHours(3));
        Instant waking = now.minus(Duration.ofHours(2));
        Instant on = now.minus(Duration.ofMinutes(90)).minusSeconds(20);  // 1:30 ago, for the next 40 s
        addStateChange(server.id(), registered, null, "ON");
        addStateChange(server.id(), off, "ON", "OFF");
        addStateChange(server.id(), waking, "OFF", "WAKING");
        addStateChange(server.id(), on, "WAKING", "ON");

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        // the last 30 samples span no fixed time: the newest changes of any time
        GridTester<Grid<StateChange>, StateChange> changes = stateChanges();
        assertThat(changes.size()).isEqualTo(4);
        assertThat(row(changes, 0)).containsExactly(utcText(on), "Waking → ON", "1:30 so far");
        assertThat(row(changes, 1)).containsExactly(utcText(waking), "OFF → Waking", "0:29");
        assertThat(row(changes, 2)).containsExactly(utcText(off), "ON → OFF", "1:00");
        assertThat(row(changes, 3)).containsExactly(utcText(registered), "ON", "237:00");
        assertThat(find(Span.class).withId("state-changes-note").exists()).isFalse();  // hidden: nothing to say

        view.showRange(ChartRange.DAY);
        changes = stateChanges();
        assertThat(changes.size()).isEqualTo(3);
        assertThat(changes.getRow(2).at()).isEqualTo(off);

        view.showRange(ChartRange.HOUR);
        assertThat(stateChanges().size()).isZero();
        assertThat(find(Span.class).withId("state-changes-note").single().getText())
                .isEqualTo("No change of state in this range.");
    }

    @Test
    void a_range_with_more_changes_than_the_list_holds_says_so() {
        RegisteredServer server = registry.register(uniqueName("flapper"), null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int stored = ServerHistory.STATE_CHANGES + 5;
        jdbc.batchUpdate("insert into server_state_change (server_id, changed_at, from_state, to_state)"
                        + " values (?, ?, ?, ?)",
                IntStream.range(0, stored).mapToObj(i -> new Object[] {server.id(),
                        utc(now.minus(Duration.ofMinutes(5L * (i + 1)))), i % 2 == 0 ? "OFF" : "ON",
                        i % 2 == 0 ? "ON" : "OFF"}).toList());

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));
        view.showRange(ChartRange.DAY);

        GridTester<Grid<StateChange>, StateChange> changes = stateChanges();
        assertThat(changes.size()).isEqualTo(ServerHistory.STATE_CHANGES);
        assertThat(changes.getRow(0).at()).isEqualTo(now.minus(Duration.ofMinutes(5)));
        assertThat(find(Span.class).withId("state-changes-note").single().getText())
                .isEqualTo("Only the newest 200 changes of this range are listed; older ones are not shown.");
    }

    @Test
    void the_state_changes_read_in_korean() {
        RegisteredServer server = registry.register(uniqueName("korean-changes"), null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant asleep = now.minus(Duration.ofHours(5)).minusSeconds(20);
        addStateChange(server.id(), now.minus(Duration.ofHours(7)), "OFF", "ON");
        addStateChange(server.id(), asleep, "ON", "ASLEEP");
        UI.getCurrent().setLocale(java.util.Locale.KOREAN);
        try {
            HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

            GridTester<Grid<StateChange>, StateChange> changes = stateChanges();
            assertThat(row(changes, 0)).containsExactly(utcText(asleep), "ON → 절전 중", "지금까지 5:00");
            assertThat(row(changes, 1)).endsWith("OFF → ON", "1:59");
            view.showRange(ChartRange.HOUR);
            assertThat(find(Span.class).withId("state-changes-note").single().getText())
                    .isEqualTo("이 범위에는 상태 변화가 없습니다.");
        } finally {
            UI.getCurrent().setLocale(java.util.Locale.ENGLISH);
        }
    }

    @SuppressWarnings("unchecked")
    private GridTester<Grid<StateChange>, StateChange> stateChanges() {
        return test(find(Grid.class).withId("state-changes").single());
    }

    private static List<String> row(GridTester<Grid<StateChange>, StateChange> grid, int row) {
        return List.of(grid.getCellText(row, 0), grid.getCellText(row, 1), grid.getCellText(row, 2));
    }

    /** The page's time format, 24-hour, in the test browser's zone (UTC). */
    private static String utcText(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(at);
    }

    /** A state change as the ingestor keeps it. */
    private void addStateChange(long serverId, Instant at, String from, String to) {
        jdbc.update("insert into server_state_change (server_id, changed_at, from_state, to_state) values (?, ?, ?, ?)",
                serverId, utc(at), from, to);
    }

    @Test
    void the_page_reads_in_korean_for_a_korean_browser() {
        RegisteredServer server = registry.register(uniqueName("korean"), null);
        UI.getCurrent().setLocale(java.util.Locale.KOREAN);

        navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        assertThat(find(com.vaadin.flow.component.button.Button.class).withId("range-last_samples").single()
                .getText()).isEqualTo("최근 30개");
        assertThat(find(com.vaadin.flow.component.button.Button.class).withId("sleep-server").single().getText())
                .isEqualTo("절전");
        UI.getCurrent().setLocale(java.util.Locale.ENGLISH);
    }

    @Test
    void the_power_log_names_its_steps_in_korean_and_says_the_stored_detail_is_english() {
        RegisteredServer server = registry.register(uniqueName("steps"), null);
        Instant at = Instant.now().minusSeconds(60);
        jdbc.update("INSERT INTO wake_event (command_id, status, server_id, detail, packets_sent, at) VALUES "
                        + "(?, 'SLEEP_REFUSED', ?, 'Wake-on-LAN is not armed', 0, ?), (?, 'NEWER_STEP', ?, 'x', 0, ?)",
                "cmd-" + server.id(), server.id(), utc(at), "cmd2-" + server.id(), server.id(), utc(at.minusSeconds(1)));
        UI.getCurrent().setLocale(java.util.Locale.KOREAN);

        navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        @SuppressWarnings("unchecked")
        Grid<servmon.dashboard.servers.PowerActions.PowerStep> grid = find(Grid.class).withId("power-log").single();
        var log = test(grid);
        assertThat(log.getCellText(0, 1)).isEqualTo("절전 거부");
        assertThat(log.getCellText(0, 2)).as("as the wol-service logged it").isEqualTo("Wake-on-LAN is not armed");
        assertThat(log.getCellText(1, 1)).as("a step this dashboard does not know yet").isEqualTo("NEWER_STEP");
        assertThat(grid.getColumns().get(2).getHeaderText()).isEqualTo("기록된 내용 (영어)");
        UI.getCurrent().setLocale(java.util.Locale.ENGLISH);
    }

    /** A sample with memory, disk and network figures, as the ingestor stores one. */
    private void addFullSample(long serverId, Instant at, long memBytes, long diskBytes, long rxBytesPerS,
                               long txBytesPerS) {
        jdbc.update("insert into metric_sample (server_id, sampled_at, seq, cpu_pct, user_count, mem_used_bytes,"
                        + " disk_used_bytes, net_rx_bps, net_tx_bps) values (?, ?, ?, 5, 0, ?, ?, ?, ?)",
                serverId, utc(at), at.toEpochMilli(), memBytes, diskBytes, rxBytesPerS, txBytesPerS);
    }

    /** A minute bucket of 2 samples: 50 GB of disk, 3 kB/s in and 1.5 out on average. */
    private void addMinuteBucket(long serverId, Instant minute) {
        jdbc.update("insert into metric_rollup_1m (server_id, bucket_start, samples, cpu_min, cpu_sum, cpu_max,"
                + " power_n, power_sum, users_min, users_sum, users_max, mem_n, mem_sum, energy_wh, estimated_wh,"
                + " disk_n, disk_sum, net_n, net_rx_sum, net_tx_sum) values (?, ?, 2, 10, 40, 30, 0, 0, 0, 0, 0, 0,"
                + " 0, 0, 0, 2, 1e11, 2, 6000, 3000)", serverId, utc(minute));
    }
}
