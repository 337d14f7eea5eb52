package servmon.dashboard.history;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerRegistry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

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
    void the_charts_keep_refreshing_after_coming_from_the_servers_page() {
        RegisteredServer server = registry.register(uniqueName("followed"), null);
        navigate("", com.vaadin.flow.component.Component.class);

        navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(2000);
    }

    @Test
    void a_server_that_never_reported_has_empty_charts() {
        RegisteredServer server = registry.register(uniqueName("silent"), null);

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        assertThat(view.cpuChart().points()).isEmpty();
        assertThat(view.powerChart().points()).isEmpty();
    }

    @Test
    void samples_load_page_by_page_in_time_order() {
        RegisteredServer server = registry.register(uniqueName("paged"), null);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        for (int i = 0; i < 5; i++) {
            addSample(server.id(), t0.plusSeconds(i), i, null, 0);
        }

        assertThat(history.samples(server.id(), 1, 2)).extracting(SampleRow::cpuPct).containsExactly(3.0, 2.0);
        assertThat(history.samples(server.id(), 4, 50)).extracting(SampleRow::cpuPct).containsExactly(0.0);
        assertThat(history.count(server.id())).isEqualTo(5);
    }
}
