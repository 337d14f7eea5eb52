package servmon.dashboard.history;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerRegistry;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A viewer reads a server's page as an admin does, with the CSV download, but has nothing that changes it. */
class ServerPageAsViewerTest extends DashboardTestSupport {

    @Autowired
    ServerRegistry registry;

    @Test
    @WithMockUser(username = "viewer-history", roles = "VIEWER")
    void a_viewer_sees_charts_state_and_logs_but_no_wake_sleep_edit_or_new_key() {
        RegisteredServer server = registry.register(uniqueName("watched"), "aa:bb:cc:dd:ee:20");
        addSample(server.id(), Instant.parse("2026-03-06T10:00:00Z"), 12.0, 80.0, 0);

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        assertThat(view.cpuChart().points()).hasSize(1);
        assertThat(view.stateText()).startsWith("ON since");
        assertThat(view.csvDownload().getHref()).as("a viewer may export").isNotBlank();
        assertThat(view.controls()).isNull();
        assertThat(view.editForm()).isNull();
        assertThat(view.keyRotation()).isNull();
        for (String id : new String[] {"wake-server", "sleep-server", "edit-server", "rotate-key", "edit-save",
                "copy-new-key"}) {
            assertThat(find(Button.class).withId(id).all()).as(id).isEmpty();
        }
        assertThat(find(TextField.class).all()).as("no form to edit with").isEmpty();
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void an_admin_has_wake_sleep_edit_and_new_key() {
        RegisteredServer server = registry.register(uniqueName("steered"), "aa:bb:cc:dd:ee:21");

        HistoryView view = navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));

        assertThat(view.controls()).isNotNull();
        for (String id : new String[] {"wake-server", "sleep-server", "edit-server", "rotate-key"}) {
            assertThat(find(Button.class).withId(id).single().isVisible()).as(id).isTrue();
        }
    }
}
