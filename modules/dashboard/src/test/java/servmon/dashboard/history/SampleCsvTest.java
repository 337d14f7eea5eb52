package servmon.dashboard.history;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerRegistry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV export of a range: header, values, bounds, and ranges longer than one page. */
@WithMockUser(username = "admin", roles = "ADMIN")
class SampleCsvTest extends DashboardTestSupport {

    private static final String HEADER = "sampled_at,cpu_pct,power_w,power_source,user_count,mem_used_bytes,"
            + "disk_used_bytes,net_rx_bytes_per_s,net_tx_bytes_per_s";

    @Autowired
    ServerRegistry registry;
    @Autowired
    SampleCsv csv;

    @Test
    void a_range_is_written_oldest_first_from_its_start_up_to_but_not_including_its_end() {
        RegisteredServer server = registry.register(uniqueName("exported"), null);
        Instant t0 = Instant.parse("2026-03-10T08:00:00Z");
        for (int i = 0; i < 5; i++) {
            jdbc.update("insert into metric_sample (server_id, sampled_at, seq, cpu_pct, power_w, power_source,"
                            + " user_count, mem_used_bytes, disk_used_bytes, net_rx_bps, net_tx_bps)"
                            + " values (?, ?, ?, ?, ?, 'BMC', ?, ?, ?, ?, ?)", server.id(), utc(t0.plusSeconds(8L * i)),
                    i, 10.0 + i, i == 2 ? null : 200.5, i, 4_000_000_000L, 50_000_000_000L, 1_000L * i, 2_000L * i);
        }

        String written = write(server.id(), t0.plusSeconds(8), t0.plusSeconds(32));

        assertThat(written.lines().toList()).containsExactly(HEADER,
                "2026-03-10T08:00:08Z,11.0,200.5,BMC,1,4000000000,50000000000,1000,2000",
                "2026-03-10T08:00:16Z,12.0,,BMC,2,4000000000,50000000000,2000,4000",
                "2026-03-10T08:00:24Z,13.0,200.5,BMC,3,4000000000,50000000000,3000,6000");
        assertThat(write(server.id(), t0.plusSeconds(100), t0.plusSeconds(200))).isEqualTo(HEADER + "\n");
    }

    @Test
    void a_range_of_many_pages_has_every_sample_once_in_order() {
        RegisteredServer server = registry.register(uniqueName("long"), null);
        Instant t0 = Instant.parse("2026-03-11T00:00:00Z");
        int count = SampleCsv.PAGE * 2 + 345;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {server.id(), utc(t0.plusMillis(1500L * i)), i, (double) (i % 100)});
        }
        jdbc.batchUpdate("insert into metric_sample (server_id, sampled_at, seq, cpu_pct, user_count)"
                + " values (?, ?, ?, ?, 0)", rows);

        List<String> lines = write(server.id(), t0, t0.plusSeconds(86_400)).lines().toList();

        assertThat(lines).hasSize(count + 1).doesNotHaveDuplicates();
        assertThat(lines.get(1)).startsWith(t0 + ",");
        assertThat(lines.get(SampleCsv.PAGE + 1)).as("the first line of the second page")
                .startsWith(t0.plusMillis(1500L * SampleCsv.PAGE) + ",");
        assertThat(lines.getLast()).startsWith(t0.plusMillis(1500L * (count - 1)) + ",");
    }

    @Test
    void the_page_offers_the_chosen_range_as_a_download() {
        RegisteredServer server = registry.register(uniqueName("offered"), null);
        Instant t0 = Instant.parse("2026-03-12T00:00:00Z");
        for (int i = 0; i < 35; i++) {
            addSample(server.id(), t0.plusSeconds(8L * i), i, null, 0);
        }
        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        assertThat(view.csvDownload().getHref()).isNotBlank();
        assertThat(view.csvDownload().getElement().hasAttribute("download")).isTrue();
        assertThat(view.csvRange()).as("the 30 samples the charts show")
                .isEqualTo(new HistoryView.CsvRange(t0.plusSeconds(8 * 5), t0.plusSeconds(8 * 34).plusMillis(1)));
        view.showRange(ChartRange.DAY);
        HistoryView.CsvRange day = view.csvRange();
        assertThat(java.time.Duration.between(day.from(), day.to())).isEqualTo(java.time.Duration.ofDays(1));
        assertThat(SampleCsv.fileName("web 1/ä")).isEqualTo("web_1_-samples.csv");
    }

    private String write(long serverId, Instant from, Instant to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        csv.write(serverId, from, to, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
