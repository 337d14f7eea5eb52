package servmon.dashboard.users;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.clipboard.Clipboard;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import servmon.dashboard.base.ui.BrowserZone;
import servmon.dashboard.base.ui.Formats;
import servmon.dashboard.security.Roles;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The admin's list of users: add one with a role (servmon generates the password and shows it once), disable or
 * enable, make admin or viewer, reset a password (shown once). The last enabled admin is kept (UserAdministration).
 */
@Route("users")
@RolesAllowed(Roles.ADMIN)
class UsersView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    private final UserAdministration users;

    private final TextField name = new TextField(getTranslation("users.name"));
    private final Select<String> role = new Select<>();
    private final Grid<UserSummary> grid = new Grid<>();
    private final Div issued = new Div();
    private final Span issuedPassword = new Span();

    UsersView(UserAdministration users) {
        this.users = users;
        addClassName("users-view");

        name.setId("new-user-name");
        // no maxLength: the browser would cut a long name silently; the check below says what is wrong instead
        name.setHelperText(getTranslation("users.name.help", UserRules.NAME_MAX_LENGTH));
        role.setId("new-user-role");
        role.setLabel(getTranslation("users.role"));
        role.setItems(Roles.ALL);
        role.setValue(Roles.VIEWER);
        role.setItemLabelGenerator(this::roleLabel);
        Button add = new Button(getTranslation("users.add"), click -> add());
        add.setId("add-user");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, role, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        issued.setId("issued-password");
        issued.addClassName("issued-password");
        issued.setVisible(false);
        issuedPassword.setId("shown-password");
        issuedPassword.addClassName("server-key");  // the same monospace look as a server's key

        grid.setId("users");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(UserSummary::username).setHeader(getTranslation("users.column.name")).setFlexGrow(2);
        grid.addColumn(user -> roleLabel(user.role())).setHeader(getTranslation("users.role"));
        grid.addColumn(user -> getTranslation(user.enabled() ? "users.enabled" : "users.disabled"))
                .setHeader(getTranslation("users.column.status"));
        ZoneId zone = UI.getCurrent() == null ? ZoneOffset.UTC : BrowserZone.of(UI.getCurrent());
        grid.addColumn(user -> Formats.dateTime(user.createdAt(), zone)).setHeader(getTranslation("users.column.added"));
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);

        add(new H2(getTranslation("users.heading")), new Paragraph(getTranslation("users.intro")), form, issued, grid);
    }

    // on every visit, also when Vaadin reuses this instance (clicking Users while on it): a password is shown once
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        issuedPassword.setText("");
        issued.removeAll();
        issued.setVisible(false);
        refresh();
    }

    private String roleLabel(String role) {
        return getTranslation(Roles.ADMIN.equals(role) ? "users.role.admin" : "users.role.viewer");
    }

    private Component actions(UserSummary user) {
        Button toggle = new Button(getTranslation(user.enabled() ? "users.disable" : "users.enable"),
                click -> act(() -> users.setEnabled(user.id(), !user.enabled()),
                        getTranslation(user.enabled() ? "users.disabled.done" : "users.enabled.done", user.username())));
        toggle.setId((user.enabled() ? "disable-" : "enable-") + user.id());
        boolean admin = Roles.ADMIN.equals(user.role());
        String otherRole = admin ? Roles.VIEWER : Roles.ADMIN;
        Button changeRole = new Button(getTranslation(admin ? "users.make-viewer" : "users.make-admin"),
                click -> act(() -> users.changeRole(user.id(), otherRole),
                        getTranslation(admin ? "users.now-viewer" : "users.now-admin", user.username())));
        changeRole.setId("role-" + user.id());
        Button reset = new Button(getTranslation("users.reset"), click -> confirmReset(user));
        reset.setId("reset-" + user.id());
        for (Button button : new Button[] {toggle, changeRole, reset}) {
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        }
        HorizontalLayout actions = new HorizontalLayout(toggle, changeRole, reset);
        actions.setSpacing(false);
        actions.addClassName("row-actions");
        return actions;
    }

    private void add() {
        try {
            IssuedPassword password = users.add(name.getValue(), role.getValue());
            name.clear();
            name.setInvalid(false);
            showOnce(password, getTranslation("users.added", password.username()));
            refresh();
        } catch (UserChangeRefusedException e) {
            name.setErrorMessage(e.reason().translated());
            name.setInvalid(true);
        }
    }

    private void confirmReset(UserSummary user) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(getTranslation("users.reset.confirm.header", user.username()));
        dialog.setText(getTranslation("users.reset.confirm.text"));
        dialog.setCancelable(true);  // the safe choice is the dialog's default button
        dialog.setCancelText(getTranslation("dialog.cancel"));
        dialog.setConfirmText(getTranslation("users.reset"));
        dialog.setConfirmButtonTheme("error tertiary");
        dialog.addConfirmListener(confirm -> act(() -> showOnce(users.resetPassword(user.id()),
                getTranslation("users.reset.done", user.username())), null));
        dialog.open();
    }

    /** A generated password, shown here once: only its hash is stored. */
    private void showOnce(IssuedPassword password, String title) {
        issuedPassword.setText(password.password());
        Button copy = new Button(getTranslation("users.copy"), VaadinIcon.COPY_O.create());
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Clipboard.onClick(copy).writeText(password.password());
        HorizontalLayout line = new HorizontalLayout(issuedPassword, copy);
        line.setAlignItems(FlexComponent.Alignment.CENTER);
        issued.removeAll();
        issued.add(new Paragraph(getTranslation("users.shown-once", title)), line);
        issued.setVisible(true);
    }

    private void act(Runnable change, String success) {
        try {
            change.run();
            if (success != null) {
                notify(success, NotificationVariant.LUMO_SUCCESS);
            }
        } catch (UserChangeRefusedException e) {
            notify(e.reason().translated(), NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    void refresh() {
        grid.setItems(users.list());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("users.title");
    }

    /** The password shown once, or null when none is shown. */
    String shownPassword() {
        return issued.isVisible() ? issuedPassword.getText() : null;
    }

    private static void notify(String message, NotificationVariant variant) {
        Notification notification = Notification.show(message, 6000, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(variant);
    }
}
