package servmon.dashboard.servers;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import servmon.events.ServerState;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The preview written into the main page's HTML: what it says, in which order, and that names stay text. */
class FleetPreviewTest {

    @Test
    void the_counts_come_as_the_fleet_header_shows_them_and_the_problems_most_urgent_first() {
        Map<Long, FleetServer> servers = new HashMap<>();
        for (long id = 1; id <= 1_200; id++) {
            servers.put(id, server(id, "web-" + id, ServerState.ON, false));
        }
        servers.put(2_001L, server(2_001, "db-2", ServerState.OFF, false));
        servers.put(2_002L, server(2_002, "db-1", ServerState.OFF, false));
        servers.put(2_003L, server(2_003, "cache-1", ServerState.ON, true));
        servers.put(2_004L, server(2_004, "batch-1", ServerState.ASLEEP, false));

        Element preview = FleetPreview.render(FleetSnapshot.of(servers), Locale.ENGLISH);

        assertThat(preview.id()).isEqualTo(FleetPreview.ID);
        assertThat(preview.select("h2").text()).isEqualTo("Servers");
        assertThat(preview.select(".fleet-count").eachText()).containsExactly(
                "All 1,204", "Problems 3", "OFF 2", "Waking… 0", "Empty 0", "ON 1,201", "Asleep 1");
        assertThat(preview.select(".fleet-count.state-off").hasClass("has-some")).isTrue();
        assertThat(preview.select(".fleet-preview-name").eachText()).containsExactly("db-1", "db-2", "cache-1");
        assertThat(preview.select(".fleet-preview-more")).isEmpty();
    }

    @Test
    void past_the_named_problems_it_says_how_many_more_and_in_korean_for_a_korean_reader() {
        Map<Long, FleetServer> servers = new HashMap<>();
        for (long id = 1; id <= 30; id++) {
            servers.put(id, server(id, "off-" + (100 + id), ServerState.OFF, false));
        }

        Element preview = FleetPreview.render(FleetSnapshot.of(servers), Locale.KOREAN);

        assertThat(preview.select(".fleet-preview-name")).hasSize(FleetPreview.PROBLEMS_NAMED);
        assertThat(preview.select(".fleet-preview-more").text()).isEqualTo("외 22대");
        assertThat(preview.select(".fleet-count").first().text()).isEqualTo("전체 30");
        assertThat(preview.select(".fleet-preview-loading").text()).isEqualTo("실시간 페이지를 불러오는 중…");
    }

    @Test
    void a_servers_name_is_text_never_markup() {
        FleetServer hostile = server(1, "<img src=x onerror=alert(1)>", ServerState.OFF, false);

        Element preview = FleetPreview.render(FleetSnapshot.of(Map.of(1L, hostile)), Locale.ENGLISH);

        assertThat(preview.select("img")).isEmpty();
        assertThat(preview.select(".fleet-preview-name").text()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(preview.outerHtml()).contains("&lt;img");
    }

    @Test
    void only_the_main_pages_html_gets_it() {
        assertThat(FleetPreview.isMainPage(null)).isTrue();
        assertThat(FleetPreview.isMainPage("/")).isTrue();
        assertThat(FleetPreview.isMainPage("/login")).isFalse();
        assertThat(FleetPreview.isMainPage("/servers/12")).isFalse();
    }

    private static FleetServer server(long id, String name, ServerState state, boolean conflict) {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        return new FleetServer(id, name, null, true, state, now, now, 10.0, 100.0, null, 1, conflict, false);
    }
}
