package servmon.dashboard.servers;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A viewer sees the fleet as an admin does, with History, but no button that changes anything. */
class ServersViewAsViewerTest extends DashboardTestSupport {

    private static final int ACTIONS_COLUMN = 6;

    @Autowired
    ServerRegistry registry;

    @Test
    @WithMockUser(username = "viewer-servers", roles = "VIEWER")
    void a_viewer_has_history_but_no_wake_sleep_or_delete() {
        RegisteredServer server = registry.register(uniqueName("seen"), "aa:bb:cc:dd:ee:01");

        navigate(ServersView.class);

        assertThat(actionTexts(server.id())).containsExactly("History");
        assertThat(find(Button.class).withId("delete-" + server.id()).all()).isEmpty();
        assertThat(find(Button.class).withId("wake-" + server.id()).all()).isEmpty();
        assertThat(find(Button.class).withId("sleep-" + server.id()).all()).isEmpty();
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void an_admin_has_wake_sleep_history_and_delete() {
        RegisteredServer server = registry.register(uniqueName("steered"), "aa:bb:cc:dd:ee:02");

        navigate(ServersView.class);

        assertThat(actionTexts(server.id())).containsExactly("Wake", "Sleep", "History", "Delete");
    }

    @SuppressWarnings("unchecked")
    private List<String> actionTexts(long serverId) {
        GridTester<Grid<ServerSummary>, ServerSummary> grid = test(find(Grid.class).single());
        for (int i = 0; i < grid.size(); i++) {
            if (grid.getRow(i).id() == serverId) {
                Component actions = grid.getCellComponent(i, ACTIONS_COLUMN);
                return find(Button.class, actions).all().stream().map(Button::getText).toList();
            }
        }
        throw new AssertionError("server " + serverId + " is not in the list");
    }
}
