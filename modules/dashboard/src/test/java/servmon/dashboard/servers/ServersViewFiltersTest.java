package servmon.dashboard.servers;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.base.ui.PlainSelect;
import servmon.events.ServerState;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The main page's search, state filters (the header's counts), group, order and tile pages, browserless. */
@WithMockUser(username = "admin", roles = "ADMIN")
class ServersViewFiltersTest extends DashboardTestSupport {

    private static final int ACTIONS_COLUMN = 7;

    @Autowired
    ServerRegistry registry;
    @Autowired
    FleetFeed feed;

    @Test
    void the_search_keeps_the_servers_whose_name_contains_it_in_any_case() {
        String tag = uniqueName("find");
        RegisteredServer web = registry.register(tag + "-Web", null);
        RegisteredServer db = registry.register(tag + "-db", null);
        open();

        search(tag.toUpperCase());
        assertThat(listedIds()).containsExactlyInAnyOrder(web.id(), db.id());
        search(tag + "-WEB");
        assertThat(listedIds()).containsExactly(web.id());
        assertThat(tileIds()).containsExactly(web.id());
        search(tag + "-nothing");
        assertThat(listedIds()).isEmpty();
    }

    @Test
    void a_count_in_the_header_filters_to_its_state_and_all_shows_every_state_again() {
        String tag = uniqueName("count");
        RegisteredServer on = registry.register(tag + "-on", null);
        RegisteredServer off = registry.register(tag + "-off", null);
        RegisteredServer empty = registry.register(tag + "-empty", null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        addSample(on.id(), now, 10.0, 50.0, 1);
        addSample(off.id(), now.minusSeconds(60), 10.0, 50.0, 1);
        setState(off.id(), "OFF", now);
        ServersView view = open();
        search(tag);

        int offCount = feed.snapshot().counts().get(ServerState.OFF);
        assertThat(view.counts().text("off")).isEqualTo("OFF " + offCount);
        assertThat(offCount).isPositive();

        click("filter-off");
        assertThat(listedIds()).containsExactly(off.id());
        assertThat(button("filter-off").getElement().getAttribute("aria-pressed")).isEqualTo("true");
        click("filter-problems");
        assertThat(listedIds()).containsExactly(off.id());
        click("filter-empty");
        assertThat(listedIds()).containsExactly(empty.id());
        click("filter-all");
        assertThat(listedIds()).containsExactlyInAnyOrder(on.id(), off.id(), empty.id());
    }

    @Test
    void problems_come_first_and_the_order_can_be_by_name_or_by_cpu() {
        String tag = uniqueName("order");
        RegisteredServer calm = registry.register(tag + "-a-calm", null);
        RegisteredServer busy = registry.register(tag + "-b-busy", null);
        RegisteredServer gone = registry.register(tag + "-c-gone", null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        addSample(calm.id(), now, 5.0, 40.0, 0);
        addSample(busy.id(), now, 95.0, 140.0, 4);
        addSample(gone.id(), now.minusSeconds(60), 50.0, 80.0, 0);
        setState(gone.id(), "OFF", now);
        open();
        search(tag);

        assertThat(listedIds()).as("problems first").containsExactly(gone.id(), calm.id(), busy.id());
        assertThat(tileIds()).containsExactly(gone.id(), calm.id(), busy.id());
        order(FleetSort.NAME);
        assertThat(listedIds()).containsExactly(calm.id(), busy.id(), gone.id());
        order(FleetSort.CPU);
        assertThat(listedIds()).as("an OFF server's last figures are not current: last")
                .containsExactly(busy.id(), calm.id(), gone.id());
    }

    @Test
    void a_server_going_off_moves_to_the_front_without_a_reload() {
        String tag = uniqueName("falls");
        RegisteredServer first = registry.register(tag + "-a", null);
        RegisteredServer second = registry.register(tag + "-b", null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        addSample(first.id(), now, 5.0, 40.0, 0);
        addSample(second.id(), now, 5.0, 40.0, 0);
        open();
        search(tag);
        assertThat(listedIds()).containsExactly(first.id(), second.id());

        setState(second.id(), "OFF", now.plusSeconds(1));
        feed.refresh();
        roundTrip();

        assertThat(listedIds()).containsExactly(second.id(), first.id());
        assertThat(tileIds()).containsExactly(second.id(), first.id());
    }

    @Test
    void the_group_choice_keeps_the_servers_of_that_group() {
        String tag = uniqueName("grp");
        RegisteredServer a = registry.register(tag + "-1", null, tag + "-rack-a");
        RegisteredServer b = registry.register(tag + "-2", null, tag + "-rack-b");
        open();
        search(tag);
        assertThat(listedIds()).containsExactlyInAnyOrder(a.id(), b.id());

        PlainSelect group = find(PlainSelect.class).withId("server-group").single();
        choose(group, tag + "-rack-b");
        assertThat(listedIds()).containsExactly(b.id());
    }

    @Test
    void tiles_come_a_page_at_a_time_and_the_list_holds_them_all() {
        String tag = uniqueName("many");
        int servers = ServersView.TILES_PER_PAGE + 2;
        for (int i = 0; i < servers; i++) {
            registry.register("%s-%03d".formatted(tag, i), null);
        }
        open();
        search(tag);

        assertThat(tileIds()).hasSize(ServersView.TILES_PER_PAGE);
        assertThat(grid().size()).isEqualTo(servers);
        assertThat(find(com.vaadin.flow.component.html.Span.class).withId("tiles-range").single().getText())
                .isEqualTo("1–48 of 50");
        click("tiles-next");
        assertThat(tileIds()).hasSize(2);
        click("tiles-previous");
        assertThat(tileIds()).hasSize(ServersView.TILES_PER_PAGE);
    }

    @Test
    void wake_is_offered_only_where_a_mac_is_known() {
        String tag = uniqueName("mac");
        RegisteredServer withMac = registry.register(tag + "-with", "02:00:00:00:20:01");
        RegisteredServer unknown = registry.register(tag + "-without", null);
        RegisteredServer reported = registry.register(tag + "-reported", null);
        addSample(reported.id(), Instant.now().truncatedTo(ChronoUnit.MILLIS), 1.0, 30.0, 0);
        open();
        search(tag);

        assertThat(wakeable(withMac.id())).isTrue();
        assertThat(wakeable(unknown.id())).isFalse();
        assertThat(wakeable(reported.id())).as("its agent reports its interfaces' MACs").isTrue();
    }

    private ServersView open() {
        feed.refresh();
        return navigate(ServersView.class);
    }

    private void search(String text) {
        test(find(TextField.class).withId("server-search").single()).setValue(text);
    }

    private void order(FleetSort sort) {
        PlainSelect select = find(PlainSelect.class).withId("server-sort").single();
        choose(select, sort.name());
    }

    // as the browser's change event does: the value property changes from outside the component's own setValue
    private static void choose(PlainSelect select, String value) {
        select.getElement().setProperty("value", value);
    }

    private Button button(String id) {
        return find(Button.class).withId(id).single();
    }

    private void click(String id) {
        test(button(id)).click();
    }

    @SuppressWarnings("unchecked")
    private GridTester<Grid<FleetServer>, FleetServer> grid() {
        return test(find(Grid.class).single());
    }

    private List<Long> listedIds() {
        GridTester<Grid<FleetServer>, FleetServer> grid = grid();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            ids.add(grid.getRow(i).id());
        }
        return ids;
    }

    private List<Long> tileIds() {
        return find(ServerTile.class).all().stream().map(ServerTile::serverId).toList();
    }

    private boolean wakeable(long serverId) {
        int row = listedIds().indexOf(serverId);
        return grid().getLitRendererPropertyValue(row, ACTIONS_COLUMN, "wakeable", Boolean.class);
    }
}
