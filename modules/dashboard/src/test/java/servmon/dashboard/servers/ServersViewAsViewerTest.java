package servmon.dashboard.servers;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A viewer sees the fleet as an admin does, with History, but no button that changes anything. */
class ServersViewAsViewerTest extends DashboardTestSupport {

    private static final int ACTIONS_COLUMN = 7;

    @Autowired
    ServerRegistry registry;

    @Autowired
    FleetFeed feed;

    @Test
    @WithMockUser(username = "viewer-servers", roles = "VIEWER")
    void a_viewer_has_history_but_no_wake_sleep_or_delete() {
        RegisteredServer server = registry.register(uniqueName("seen"), "aa:bb:cc:dd:ee:01");

        GridTester<Grid<FleetServer>, FleetServer> grid = open(server.name());

        // the viewer's row renders History only and registers no action the browser could call
        for (String action : new String[] {"wake", "sleep", "remove"}) {
            assertThatThrownBy(() -> grid.invokeLitRendererFunction(0, ACTIONS_COLUMN, action))
                    .as(action).isInstanceOf(IllegalArgumentException.class);
        }
        // an empty fleet's hint offers no link to Add Server, which a viewer may not open
        // (hidden while the fleet has servers, so not found by the tester's queries, which see visible ones only)
        Paragraph hint = descendants(UI.getCurrent()).filter(Paragraph.class::isInstance).map(Paragraph.class::cast)
                .filter(paragraph -> paragraph.hasClassName("no-servers")).findFirst().orElseThrow();
        assertThat(hint.getElement().getTextRecursively()).contains("An admin adds them");
        assertThat(hint.getChildren().filter(RouterLink.class::isInstance)).isEmpty();
        grid.invokeLitRendererFunction(0, ACTIONS_COLUMN, "history");
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void an_admin_has_wake_sleep_history_and_delete() {
        RegisteredServer server = registry.register(uniqueName("steered"), "aa:bb:cc:dd:ee:02");

        GridTester<Grid<FleetServer>, FleetServer> grid = open(server.name());

        grid.invokeLitRendererFunction(0, ACTIONS_COLUMN, "remove");
        assertThat(find(ConfirmDialog.class).all()).as("Delete asks first").hasSize(1);
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(ServersViewAsViewerTest::descendants));
    }

    @SuppressWarnings("unchecked")
    private GridTester<Grid<FleetServer>, FleetServer> open(String name) {
        feed.refresh();
        navigate(ServersView.class);
        test(find(TextField.class).withId("server-search").single()).setValue(name);
        GridTester<Grid<FleetServer>, FleetServer> grid = test(find(Grid.class).single());
        assertThat(grid.size()).isEqualTo(1);
        return grid;
    }
}
