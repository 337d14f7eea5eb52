package servmon.dashboard.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A viewer's menu offers only what a viewer may use; the admin pages and unknown addresses get friendly pages. */
class ErrorPagesTest extends DashboardTestSupport {

    @Test
    @WithMockUser(username = "viewer-pages", roles = "VIEWER")
    void a_viewer_opening_an_admin_page_sees_not_allowed_inside_the_layout() {
        for (String adminPage : List.of("users", "servers/new", "policies")) {
            AccessDeniedView view = navigate(adminPage, AccessDeniedView.class);

            assertThat(view.getParent()).as("inside the main layout").get().isInstanceOf(MainLayout.class);
            assertThat(reason()).isEqualTo("Your role may not open /" + adminPage
                    + ": it is for admins. Viewers see every server but change nothing.");
        }
    }

    @Test
    @WithMockUser(username = "viewer-pages", roles = "VIEWER")
    void a_viewer_menu_has_servers_and_account_only() {
        navigate("account", Component.class);

        assertThat(menuLabels()).containsExactly("Servers", "Account");
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void an_admin_menu_has_the_admin_pages_and_they_open() {
        navigate("account", Component.class);

        assertThat(menuLabels()).containsExactly("Servers", "Add Server", "Power Policies", "Notifications", "Users",
                "Account");
        for (String adminPage : List.of("users", "servers/new", "policies", "notifications")) {
            assertThat(navigate(adminPage, Component.class)).isNotInstanceOf(AccessDeniedView.class)
                    .isNotInstanceOf(NotFoundView.class);
        }
    }

    @Test
    @WithMockUser(username = "viewer-pages", roles = "VIEWER")
    void an_unknown_address_shows_not_found_inside_the_layout() {
        NotFoundView view = navigate("no-such-page", NotFoundView.class);

        assertThat(view.getParent()).get().isInstanceOf(MainLayout.class);
        assertThat(reason()).isEqualTo("There is no page at /no-such-page.");
    }

    private String reason() {
        return find(Paragraph.class).withId("error-reason").single().getText();
    }

    private List<String> menuLabels() {
        return find(SideNavItem.class).all().stream().map(SideNavItem::getLabel).toList();
    }
}
