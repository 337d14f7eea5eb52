package servmon.dashboard.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.internal.UIInternals;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.VaadinSession;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The frame in Korean and English, and its language and colour-scheme choices. */
@WithMockUser(username = "admin", roles = "ADMIN")
class DisplayPreferencesViewTest extends DashboardTestSupport {

    @Test
    void a_korean_page_has_a_korean_frame() {
        UI.getCurrent().setLocale(Locale.KOREAN);
        navigate("account", Component.class);

        assertThat(menuLabels()).containsExactly("서버", "서버 추가", "전력 정책", "알림", "사용자", "내 계정");
        assertThat(find(Button.class).withId("logout").single().getText()).isEqualTo("로그아웃");
        assertThat(select("language").getValue()).isEqualTo("ko");
    }

    @Test
    void an_english_page_has_an_english_frame() {
        UI.getCurrent().setLocale(Locale.ENGLISH);
        navigate("account", Component.class);

        assertThat(menuLabels()).containsExactly("Servers", "Add Server", "Power Policies", "Notifications", "Users",
                "Account");
        assertThat(find(Button.class).withId("logout").single().getText()).isEqualTo("Log out");
        assertThat(select("language").getValue()).isEqualTo("en");
    }

    @Test
    void choosing_korean_switches_the_frame_and_the_next_page_and_is_remembered() {
        UI.getCurrent().setLocale(Locale.ENGLISH);
        navigate("account", Component.class);
        assertThat(heading()).isEqualTo("Account");
        UI before = UI.getCurrent();
        pendingScripts();  // what the page had queued before the choice

        choose(select("language"), "ko");

        assertThat(before.getInternals().dumpPendingJavaScriptInvocations()).as("the choice goes into a cookie")
                .anySatisfy(pending -> assertThat(pending.getInvocation().getExpression() + " "
                        + pending.getInvocation().getParameters()).contains("document.cookie")
                        .contains(DisplayPreferences.LANGUAGE_COOKIE + ", ko"));
        // the page reloads (browserless: a new UI of the same session): built again, in Korean
        assertThat(UI.getCurrent()).isNotSameAs(before);
        assertThat(UI.getCurrent().getLocale()).isEqualTo(Locale.KOREAN);
        assertThat(menuLabels()).startsWith("서버").endsWith("내 계정");
        assertThat(heading()).isEqualTo("내 계정");
        navigate("", Component.class);
        assertThat(heading()).isEqualTo("서버");
        assertThat(DisplayPreferences.language(VaadinSession.getCurrent(), null)).isEqualTo(Language.KOREAN);
    }

    @Test
    void choosing_dark_sets_the_dark_theme_on_the_page_and_system_follows_the_system_again() {
        navigate("account", Component.class);
        assertThat(select("color-scheme").getValue()).as("by default").isEqualTo("system");
        pendingScripts();

        choose(select("color-scheme"), "dark");

        List<String> scripts = pendingScripts();
        assertThat(scripts).as("the document element gets theme=dark").anySatisfy(script ->
                assertThat(script).contains("setAttribute('theme'").contains("[dark, dark]"));
        assertThat(scripts).anySatisfy(script -> assertThat(script).contains(DisplayPreferences.THEME_COOKIE)
                .contains("dark"));
        assertThat(DisplayPreferences.shownTheme(UI.getCurrent())).isEqualTo(ColorScheme.Value.DARK);
        assertThat(DisplayPreferences.theme(VaadinSession.getCurrent(), null)).isEqualTo(ColorScheme.Value.DARK);

        choose(select("color-scheme"), "system");

        assertThat(pendingScripts()).anySatisfy(script ->
                assertThat(script).contains("setAttribute('theme'").contains("[light-dark, light dark]"));
        assertThat(DisplayPreferences.shownTheme(UI.getCurrent())).isEqualTo(ColorScheme.Value.SYSTEM);
    }

    private PlainSelect select(String id) {
        return find(PlainSelect.class).withId(id).single();
    }

    // as the browser's change event does: the value property changes from outside the component's own setValue
    private static void choose(PlainSelect select, String value) {
        select.getElement().setProperty("value", value);
    }

    private String heading() {
        return find(H2.class).first().getText();
    }

    private List<String> menuLabels() {
        return find(SideNavItem.class).all().stream().map(SideNavItem::getLabel).toList();
    }

    /** The scripts queued for the browser since the last call, each as its expression and its arguments. */
    private static List<String> pendingScripts() {
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(pending -> {
                    UIInternals.JavaScriptInvocation invocation = pending.getInvocation();
                    return invocation.getExpression() + " " + invocation.getParameters();
                })
                .toList();
    }
}
