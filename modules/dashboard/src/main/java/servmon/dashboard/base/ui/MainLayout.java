package servmon.dashboard.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import servmon.dashboard.DashboardProperties;
import servmon.dashboard.database.DatabaseBanner;
import servmon.dashboard.database.DatabaseHealth;
import servmon.dashboard.security.Roles;

/**
 * The frame of every page after login: the menu (Servers and Account; Add Server, Power Policies and Users for an
 * admin), the user with a logout button, and a banner while the database is unavailable.
 */
@Layout
@PermitAll
final class MainLayout extends AppLayout {

    // the routes of ServersView and AddServerView; by path so this frame does not depend on the feature packages
    static final String SERVERS_PATH = "";
    private static final String ADD_SERVER_PATH = "servers/new";
    private static final String POLICIES_PATH = "policies";
    private static final String NOTIFICATIONS_PATH = "notifications";
    private static final String USERS_PATH = "users";
    private static final String ACCOUNT_PATH = "account";

    MainLayout(AuthenticationContext authentication, DatabaseHealth database, DashboardProperties properties) {
        Span title = new Span("servmon");
        title.addClassName("app-title");

        SideNav menu = new SideNav();
        menu.addItem(new SideNavItem("Servers", SERVERS_PATH, VaadinIcon.SERVER.create()));
        if (authentication.hasRole(Roles.ADMIN)) {  // a viewer changes nothing: these pages are for admins only
            menu.addItem(new SideNavItem("Add Server", ADD_SERVER_PATH, VaadinIcon.PLUS_CIRCLE.create()));
            menu.addItem(new SideNavItem("Power Policies", POLICIES_PATH, VaadinIcon.CALENDAR_CLOCK.create()));
            menu.addItem(new SideNavItem("Notifications", NOTIFICATIONS_PATH, VaadinIcon.BELL.create()));
            menu.addItem(new SideNavItem("Users", USERS_PATH, VaadinIcon.USERS.create()));
        }
        menu.addItem(new SideNavItem("Account", ACCOUNT_PATH, VaadinIcon.USER.create()));
        menu.addClassName("app-menu");

        Span user = new Span(authentication.getPrincipalName().orElse(""));
        user.addClassName("app-user");
        Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout account = new HorizontalLayout(user, logout);
        account.setAlignItems(FlexComponent.Alignment.CENTER);
        account.addClassName("app-account");

        addToNavbar(new DrawerToggle(), title, new DatabaseBanner(database, properties), account);
        addToDrawer(menu);
        setPrimarySection(Section.DRAWER);
    }
}
