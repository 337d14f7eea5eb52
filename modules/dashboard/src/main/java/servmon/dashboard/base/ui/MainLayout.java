package servmon.dashboard.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import servmon.dashboard.DashboardProperties;
import servmon.dashboard.database.DatabaseBanner;
import servmon.dashboard.database.DatabaseHealth;
import servmon.dashboard.security.Roles;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The frame of every page after login: the menu (Servers and Account; Add Server, Power Policies and Users for an
 * admin), the language and colour scheme, the user with a logout button, and a banner while the database is
 * unavailable.
 */
@Layout
@PermitAll
final class MainLayout extends AppLayout implements LocaleChangeObserver {

    // the routes of ServersView and AddServerView; by path so this frame does not depend on the feature packages
    static final String SERVERS_PATH = "";
    private static final String ADD_SERVER_PATH = "servers/new";
    private static final String POLICIES_PATH = "policies";
    private static final String NOTIFICATIONS_PATH = "notifications";
    private static final String USERS_PATH = "users";
    private static final String ACCOUNT_PATH = "account";

    // menu entries by translation key, relabelled when the language changes
    private final Map<String, SideNavItem> menuItems = new LinkedHashMap<>();
    private final Button logout;
    private final LanguageSwitch language = new LanguageSwitch();
    private final PlainSelect theme = new PlainSelect("",
            tag -> DisplayPreferences.themeOf(tag).ifPresent(this::chooseTheme));

    MainLayout(AuthenticationContext authentication, DatabaseHealth database, DashboardProperties properties) {
        Span title = new Span("servmon");
        title.addClassName("app-title");

        SideNav menu = new SideNav();
        menu.addItem(item("layout.menu.servers", SERVERS_PATH, VaadinIcon.SERVER));
        if (authentication.hasRole(Roles.ADMIN)) {  // a viewer changes nothing: these pages are for admins only
            menu.addItem(item("layout.menu.add-server", ADD_SERVER_PATH, VaadinIcon.PLUS_CIRCLE));
            menu.addItem(item("layout.menu.policies", POLICIES_PATH, VaadinIcon.CALENDAR_CLOCK));
            menu.addItem(item("layout.menu.notifications", NOTIFICATIONS_PATH, VaadinIcon.BELL));
            menu.addItem(item("layout.menu.users", USERS_PATH, VaadinIcon.USERS));
        }
        menu.addItem(item("layout.menu.account", ACCOUNT_PATH, VaadinIcon.USER));
        menu.addClassName("app-menu");

        theme.setId("color-scheme");

        Span user = new Span(authentication.getPrincipalName().orElse(""));
        user.addClassName("app-user");
        logout = new Button("", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout account = new HorizontalLayout(language, theme, user, logout);
        account.setAlignItems(FlexComponent.Alignment.CENTER);
        account.addClassName("app-account");

        addToNavbar(new DrawerToggle(), title, new DatabaseBanner(database, properties), account);
        addToDrawer(menu);
        setPrimarySection(Section.DRAWER);
    }

    private SideNavItem item(String key, String path, VaadinIcon icon) {
        SideNavItem item = new SideNavItem("", path, icon.create());
        menuItems.put(key, item);
        return item;
    }

    // on attach and after every language change: the frame stays on screen between pages, so it relabels itself
    @Override
    public void localeChange(LocaleChangeEvent event) {
        menuItems.forEach((key, item) -> item.setLabel(getTranslation(key)));
        logout.setText(getTranslation("layout.logout"));
        theme.setLabel(getTranslation("layout.theme"));
        Map<String, String> themes = new LinkedHashMap<>();
        for (ColorScheme.Value offered : new ColorScheme.Value[] {ColorScheme.Value.SYSTEM, ColorScheme.Value.LIGHT,
                ColorScheme.Value.DARK}) {
            themes.put(DisplayPreferences.themeTag(offered),
                    getTranslation("layout.theme." + DisplayPreferences.themeTag(offered)));
        }
        theme.setOptions(themes);
        theme.setValue(DisplayPreferences.themeTag(DisplayPreferences.shownTheme(event.getUI())));
    }

    private void chooseTheme(ColorScheme.Value chosen) {
        DisplayPreferences.chooseTheme(UI.getCurrent(), chosen);
    }
}
