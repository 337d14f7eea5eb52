package servmon.dashboard.notify;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.events.SigningSecret;
import servmon.events.ServerKey;
import servmon.events.ServerId;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

@WithMockUser(username = "notify-admin", roles = "ADMIN")
class NotificationsViewTest extends DashboardTestSupport {

    @Autowired
    private NotificationLog sent;

    @Test
    void a_maintenance_window_for_a_server_is_added_and_removed() {
        String name = uniqueName("maint");
        jdbc.update("insert into server (public_id, signing_secret, name, created_at) values (?, ?, ?, ?)",
                ServerId.random().value(), SigningSecret.of(ServerKey.random()).toText(), name, utc(Instant.now()));
        navigate(NotificationsView.class);
        int rows = test(windowsGrid()).size();

        test(find(TextField.class).withId("window-server").single()).setValue(name);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        setTime("window-starts", now.minusMinutes(5));
        setTime("window-ends", now.plusHours(2));
        test(find(TextField.class).withId("window-reason").single()).setValue("firmware update");
        test(addButton()).click();

        assertThat(reason().isInvalid()).isFalse();
        assertThat(test(windowsGrid()).size()).isEqualTo(rows + 1);
        int row = rowOf(name);
        assertThat(test(windowsGrid()).getCellText(row, 3)).isEqualTo("firmware update");
        assertThat(test(windowsGrid()).getCellText(row, 4)).isEqualTo("notify-admin");

        Button remove = (Button) test(windowsGrid()).getCellComponent(row, 5);
        test(remove).click();
        assertThat(test(windowsGrid()).size()).isEqualTo(rows);
    }

    @Test
    void a_window_that_ends_before_it_starts_or_names_no_known_server_is_refused_with_the_reason() {
        navigate(NotificationsView.class);
        int rows = test(windowsGrid()).size();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);

        test(find(TextField.class).withId("window-group").single()).setValue("office");
        setTime("window-starts", now.plusHours(2));
        setTime("window-ends", now.plusHours(1));
        test(addButton()).click();
        assertThat(reason().isInvalid()).isTrue();
        assertThat(reason().getErrorMessage()).isEqualTo("A maintenance window ends after it starts");

        test(find(TextField.class).withId("window-group").single()).setValue("");
        test(find(TextField.class).withId("window-server").single()).setValue("no-such-server-here");
        setTime("window-ends", now.plusHours(3));
        test(addButton()).click();
        assertThat(reason().getErrorMessage()).isEqualTo("No server is named no-such-server-here");

        test(find(TextField.class).withId("window-ends").single()).setValue("tomorrow");
        test(addButton()).click();
        assertThat(reason().getErrorMessage())
                .isEqualTo("Ends is a time such as 2026-12-01 14:00 (got \"tomorrow\")");
        assertThat(test(windowsGrid()).size()).isEqualTo(rows);
    }

    @Test
    void a_refused_window_is_said_in_korean_on_a_korean_page() {
        UI.getCurrent().setLocale(Locale.KOREAN);
        navigate(NotificationsView.class);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);

        test(find(TextField.class).withId("window-group").single()).setValue("office");
        setTime("window-starts", now.plusHours(2));
        setTime("window-ends", now.plusHours(1));
        test(addButton()).click();
        assertThat(reason().getErrorMessage()).isEqualTo("점검 시간은 시작한 뒤에 끝나야 합니다");

        test(find(TextField.class).withId("window-server").single()).setValue("web-1");
        setTime("window-ends", now.plusHours(3));
        test(addButton()).click();
        assertThat(reason().getErrorMessage()).startsWith("점검 시간은 서버 하나나 그룹 하나에 대한 것입니다");

        test(find(TextField.class).withId("window-group").single()).setValue("");
        test(find(TextField.class).withId("window-server").single()).setValue("no-such-server-here");
        test(addButton()).click();
        assertThat(reason().getErrorMessage()).isEqualTo("no-such-server-here(이)라는 서버가 없습니다");
        assertThat(logGrid().getColumns().getLast().getHeaderText()).as("the stored detail is English")
                .isEqualTo("기록된 내용 (영어)");
    }

    @Test
    void a_window_for_a_group_says_group_in_the_language_of_the_page() {
        String group = uniqueName("lab");
        UI.getCurrent().setLocale(Locale.KOREAN);
        navigate(NotificationsView.class);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);

        test(find(TextField.class).withId("window-group").single()).setValue(group);
        setTime("window-starts", now);
        setTime("window-ends", now.plusHours(1));
        test(addButton()).click();

        int row = rowOf("그룹 " + group);
        Button remove = (Button) test(windowsGrid()).getCellComponent(row, 5);
        test(remove).click();
    }

    @Test
    void the_page_lists_the_rules_in_force_and_what_was_sent() {
        String name = uniqueName("logged");
        jdbc.update("insert into server (public_id, signing_secret, name, created_at) values (?, ?, ?, ?)",
                ServerId.random().value(), SigningSecret.of(ServerKey.random()).toText(), name, utc(Instant.now()));
        long id = jdbc.queryForObject("select id from server where name = ?", Long.class, name);
        Alert alert = new Alert(NotifyRule.SERVER_OFF, id, name, null, "2026-12-01T10:00:00Z",
                Instant.parse("2026-12-01T10:00:00Z"), Instant.now(), "OFF for 60 s");
        long row = sent.claim(alert, "webhook ops").orElseThrow();
        sent.finish(row, NotificationLog.Outcome.DELIVERED, 3, null, Instant.now());
        assertThat(sent.claim(alert, "webhook ops")).as("the same incident is claimed once").isEmpty();

        navigate(NotificationsView.class);

        assertThat(find(UnorderedList.class).withId("notify-rules").single().getElement().getTextRecursively())
                .contains("A server OFF for 2 s").contains("Sent to webhook ops (127.0.0.1)")
                .contains("E-mailed to ops@servmon.test");
        Grid<NotificationLog.Entry> log = logGrid();
        assertThat(test(log).getCellText(0, 2)).isEqualTo(name);
        assertThat(test(log).getCellText(0, 3)).isEqualTo("webhook ops");
        assertThat(test(log).getCellText(0, 4)).isEqualTo("Delivered");
        assertThat(test(log).getCellText(0, 5)).isEqualTo("3");
    }

    /** As a user types it: the page reads times in the browser's zone, UTC in a browserless test. */
    private void setTime(String id, LocalDateTime utc) {
        test(find(TextField.class).withId(id).single())
                .setValue(utc.format(java.time.format.DateTimeFormatter.ofPattern(NotificationsView.TIME_FORMAT)));
    }

    private int rowOf(String target) {
        for (int row = 0; row < test(windowsGrid()).size(); row++) {
            if (test(windowsGrid()).getCellText(row, 0).equals(target)) {
                return row;
            }
        }
        throw new AssertionError("no window for " + target);
    }

    @SuppressWarnings("unchecked")
    private Grid<MaintenanceWindows.Window> windowsGrid() {
        return find(Grid.class).withId("maintenance-windows").single();
    }

    @SuppressWarnings("unchecked")
    private Grid<NotificationLog.Entry> logGrid() {
        return find(Grid.class).withId("notification-log").single();
    }

    private Button addButton() {
        return find(Button.class).withId("add-window").single();
    }

    private TextField reason() {
        return find(TextField.class).withId("window-reason").single();
    }
}
