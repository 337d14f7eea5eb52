package servmon.dashboard.users;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.security.Roles;
import servmon.dashboard.servers.ServerRegistry;
import servmon.store.user.AppUser;
import servmon.store.user.AppUserRepository;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The admin's users page, each action checked by what the user can then do through the API. */
@WithMockUser(username = "admin", roles = "ADMIN")
class UsersViewTest extends DashboardTestSupport {

    private static final int ACTIONS_COLUMN = 4;

    @Autowired
    MockMvc mvc;
    @Autowired
    AppUserRepository users;
    @Autowired
    SessionRegistry sessionRegistry;
    @Autowired
    UserAdministration administration;
    @Autowired
    ServerRegistry servers;

    @Test
    void adding_a_viewer_shows_its_password_once_and_that_user_reads_but_cannot_change() throws Exception {
        String name = uniqueName("carol");
        UsersView view = navigate(UsersView.class);

        test(nameField()).setValue(name);
        test(find(Select.class).withId("new-user-role").single()).selectItem("Viewer");
        test(button("add-user")).click();

        String password = view.shownPassword();
        assertThat(password).hasSize(UserAdministration.ISSUED_PASSWORD_LENGTH);
        AppUser stored = users.findByUsername(name).orElseThrow();
        assertThat(stored.getRole()).isEqualTo(Roles.VIEWER);
        assertThat(stored.isEnabled()).isTrue();
        assertThat(stored.getPasswordHash()).startsWith("{bcrypt}").doesNotContain(password);
        assertThat(nameField().getValue()).as("ready for the next").isEmpty();
        api(name, password).andExpect(status().isOk());
        perform(put("/api/v1/policies").with(httpBasic(name, password))
                .contentType(MediaType.APPLICATION_JSON).content("{\"yaml\":\"\"}")).andExpect(status().isForbidden());
        // shown once: a new visit of the page does not show it again
        assertThat(navigate(UsersView.class).shownPassword()).isNull();
    }

    @Test
    void a_300_character_user_name_is_refused_with_the_reason_not_cut() {
        String name = "u".repeat(300);
        UsersView view = navigate(UsersView.class);

        test(nameField()).setValue(name);
        test(button("add-user")).click();

        assertThat(nameField().isInvalid()).isTrue();
        assertThat(nameField().getErrorMessage()).isEqualTo("user name must be at most 64 characters (this one has 300)");
        assertThat(nameField().getMaxLength()).as("the browser must not cut it").isZero();
        assertThat(view.shownPassword()).isNull();
        assertThat(users.findByUsername(name.substring(0, 64))).isEmpty();
    }

    @Test
    void a_refused_name_is_said_in_korean_on_a_korean_page() {
        UI.getCurrent().setLocale(Locale.KOREAN);
        navigate(UsersView.class);

        test(nameField()).setValue("u".repeat(300));
        test(button("add-user")).click();
        assertThat(nameField().getErrorMessage()).isEqualTo("사용자 이름은 64자까지입니다 (입력한 이름은 300자)");

        test(nameField()).setValue("ADMIN");
        test(button("add-user")).click();
        assertThat(nameField().getErrorMessage()).isEqualTo("ADMIN(이)라는 사용자가 이미 있습니다");
    }

    @Test
    void a_name_taken_in_any_case_is_refused() {
        navigate(UsersView.class);

        test(nameField()).setValue("ADMIN");
        test(button("add-user")).click();

        assertThat(nameField().getErrorMessage()).isEqualTo("a user named ADMIN already exists");
    }

    @Test
    void a_disabled_user_is_refused_and_logged_out_and_can_be_enabled_again() throws Exception {
        IssuedPassword dave = addUser(uniqueName("dave"), Roles.VIEWER);
        long id = idOf(dave.username());
        api(dave.username(), dave.password()).andExpect(status().isOk());
        // dave has the pages open in a browser
        sessionRegistry.registerNewSession("session-of-" + dave.username(),
                User.withUsername(dave.username()).password("x").roles(Roles.VIEWER).build());
        navigate(UsersView.class);

        test(rowButton(id, "Disable")).click();

        assertThat(users.findById(id).orElseThrow().isEnabled()).isFalse();
        assertThat(cellText(id, 2)).isEqualTo("Disabled");
        api(dave.username(), dave.password()).andExpect(status().isUnauthorized());
        assertThat(sessionRegistry.getSessionInformation("session-of-" + dave.username()).isExpired())
                .as("the open page is logged out at its next request").isTrue();

        test(rowButton(id, "Enable")).click();

        assertThat(cellText(id, 2)).isEqualTo("Enabled");
        api(dave.username(), dave.password()).andExpect(status().isOk());
    }

    @Test
    void a_reset_asks_first_then_shows_the_new_password_once_and_the_old_one_stops_working() throws Exception {
        IssuedPassword erin = addUser(uniqueName("erin"), Roles.VIEWER);
        long id = idOf(erin.username());
        UsersView view = navigate(UsersView.class);

        test(rowButton(id, "Reset password")).click();
        test(find(ConfirmDialog.class).single()).cancel();
        assertThat(view.shownPassword()).as("nothing before confirming").isNull();
        test(rowButton(id, "Reset password")).click();
        test(find(ConfirmDialog.class).single()).confirm();

        String password = view.shownPassword();
        assertThat(password).hasSize(UserAdministration.ISSUED_PASSWORD_LENGTH).isNotEqualTo(erin.password());
        api(erin.username(), erin.password()).andExpect(status().isUnauthorized());
        api(erin.username(), password).andExpect(status().isOk());
    }

    @Test
    void making_a_viewer_an_admin_lets_it_change_things_and_back() throws Exception {
        IssuedPassword frank = addUser(uniqueName("frank"), Roles.VIEWER);
        long id = idOf(frank.username());
        navigate(UsersView.class);

        test(rowButton(id, "Make admin")).click();

        assertThat(users.findById(id).orElseThrow().getRole()).isEqualTo(Roles.ADMIN);
        assertThat(cellText(id, 1)).isEqualTo("Admin");
        long server = servers.register(uniqueName("franks"), null).id();
        putGroup(frank, server).andExpect(status().isNoContent());

        test(rowButton(id, "Make viewer")).click();

        assertThat(users.findById(id).orElseThrow().getRole()).isEqualTo(Roles.VIEWER);
        putGroup(frank, server).andExpect(status().isForbidden());
    }

    @Test
    @WithMockUser(username = "last-admin", roles = "ADMIN")
    void the_last_enabled_admin_can_be_neither_disabled_nor_demoted() {
        AppUser last = users.findByUsername("last-admin").orElseGet(() -> users.saveAndFlush(
                new AppUser("last-admin", "{noop}unused-password", Roles.ADMIN, Instant.now())));
        List<Long> others = jdbc.queryForList("select id from app_user where role = 'ADMIN' and enabled and id <> ?",
                Long.class, last.getId());
        try {
            others.forEach(other -> jdbc.update("update app_user set enabled = false where id = ?", other));
            navigate(UsersView.class);

            test(rowButton(last.getId(), "Disable")).click();
            assertThat(lastNotification()).isEqualTo(
                    "last-admin is the last enabled admin and cannot be disabled: make another user an admin first");
            test(rowButton(last.getId(), "Make viewer")).click();
            assertThat(lastNotification()).isEqualTo(
                    "last-admin is the last enabled admin and cannot be made a VIEWER: make another user an admin first");

            AppUser unchanged = users.findById(last.getId()).orElseThrow();
            assertThat(unchanged.isEnabled()).isTrue();
            assertThat(unchanged.getRole()).isEqualTo(Roles.ADMIN);
            // with a second admin enabled, the same change is allowed
            jdbc.update("update app_user set enabled = true where id = ?", others.getFirst());
            test(rowButton(last.getId(), "Make viewer")).click();
            assertThat(users.findById(last.getId()).orElseThrow().getRole()).isEqualTo(Roles.VIEWER);
        } finally {
            others.forEach(other -> jdbc.update("update app_user set enabled = true where id = ?", other));
            jdbc.update("update app_user set role = 'ADMIN', enabled = true where id = ?", last.getId());
        }
    }

    /** Through the service, as the admin this class runs as; the page's add is tested above. */
    private IssuedPassword addUser(String name, String role) {
        return administration.add(name, role);
    }

    private long idOf(String name) {
        return users.findByUsername(name).orElseThrow().getId();
    }

    private ResultActions api(String user, String password) throws Exception {
        return perform(get("/api/v1/servers?limit=1").with(httpBasic(user, password)).with(fromOwnAddress()));
    }

    private ResultActions putGroup(IssuedPassword user, long serverId) throws Exception {
        return perform(put("/api/v1/servers/{id}/group", serverId).with(httpBasic(user.username(), user.password()))
                .contentType(MediaType.APPLICATION_JSON).content("{\"group\":\"rack-f\"}"));
    }

    /** A request of a script, after which the page's user (this test's mock admin) is still the one logged in. */
    private ResultActions perform(RequestBuilder request) throws Exception {
        SecurityContext page = SecurityContextHolder.getContext();
        try {
            return mvc.perform(request);
        } finally {
            SecurityContextHolder.setContext(page);  // the request cleared this thread's context when it ended
        }
    }

    /** Its own address (a documentation range), so these tests' wrong passwords throttle no other test's calls. */
    private static RequestPostProcessor fromOwnAddress() {
        return request -> {
            request.setRemoteAddr("192.0.2.80");
            return request;
        };
    }

    private TextField nameField() {
        return find(TextField.class).withId("new-user-name").single();
    }

    private Button button(String id) {
        return find(Button.class).withId(id).single();
    }

    @SuppressWarnings("unchecked")
    private GridTester<Grid<UserSummary>, UserSummary> grid() {
        return test(find(Grid.class).withId("users").single());
    }

    private int rowIndex(long id) {
        GridTester<Grid<UserSummary>, UserSummary> grid = grid();
        for (int i = 0; i < grid.size(); i++) {
            if (grid.getRow(i).id() == id) {
                return i;
            }
        }
        throw new AssertionError("user " + id + " is not in the list");
    }

    private String cellText(long id, int column) {
        return grid().getCellText(rowIndex(id), column);
    }

    private Button rowButton(long id, String text) {
        Component actions = grid().getCellComponent(rowIndex(id), ACTIONS_COLUMN);
        return find(Button.class, actions).withText(text).single();
    }

    private String lastNotification() {
        List<Notification> shown = find(Notification.class).all();
        return test(shown.getLast()).getText();
    }
}
