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
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import servmon.dashboard.base.ui.BrowserZone;
import servmon.dashboard.base.ui.Formats;
import servmon.dashboard.security.Roles;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The admin's list of users: add one with a role (servmon generates the password and shows it once), disable or
 * enable, make admin or viewer, reset a password (shown once). The last enabled admin is kept (UserAdministration).
 */
@Route("users")
@PageTitle("Users · servmon")
@RolesAllowed(Roles.ADMIN)
class UsersView extends Main implements BeforeEnterObserver {

    private final UserAdministration users;

    private final TextField name = new TextField("User name");
    private final Select<String> role = new Select<>();
    private final Grid<UserSummary> grid = new Grid<>();
    private final Div issued = new Div();
    private final Span issuedPassword = new Span();

    UsersView(UserAdministration users) {
        this.users = users;
        addClassName("users-view");

        name.setId("new-user-name");
        // no maxLength: the browser would cut a long name silently; the check below says what is wrong instead
        name.setHelperText("Letters, digits and . _ @ -, at most " + UserRules.NAME_MAX_LENGTH + " characters.");
        role.setId("new-user-role");
        role.setLabel("Role");
        role.setItems(Roles.ALL);
        role.setValue(Roles.VIEWER);
        role.setItemLabelGenerator(UsersView::roleLabel);
        Button add = new Button("Add user", click -> add());
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
        grid.addColumn(UserSummary::username).setHeader("Name").setFlexGrow(2);
        grid.addColumn(user -> roleLabel(user.role())).setHeader("Role");
        grid.addColumn(user -> user.enabled() ? "Enabled" : "Disabled").setHeader("Status");
        ZoneId zone = UI.getCurrent() == null ? ZoneOffset.UTC : BrowserZone.of(UI.getCurrent());
        grid.addColumn(user -> Formats.dateTime(user.createdAt(), zone)).setHeader("Added");
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);

        add(new H2("Users"),
                new Paragraph("An admin may change everything; a viewer sees everything but changes nothing and sees"
                        + " no server key."),
                form, issued, grid);
    }

    // on every visit, also when Vaadin reuses this instance (clicking Users while on it): a password is shown once
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        issuedPassword.setText("");
        issued.removeAll();
        issued.setVisible(false);
        refresh();
    }

    private static String roleLabel(String role) {
        return Roles.ADMIN.equals(role) ? "Admin" : "Viewer";
    }

    private Component actions(UserSummary user) {
        Button toggle = new Button(user.enabled() ? "Disable" : "Enable",
                click -> act(() -> users.setEnabled(user.id(), !user.enabled()),
                        user.username() + (user.enabled() ? " disabled" : " enabled")));
        toggle.setId((user.enabled() ? "disable-" : "enable-") + user.id());
        boolean admin = Roles.ADMIN.equals(user.role());
        String otherRole = admin ? Roles.VIEWER : Roles.ADMIN;
        Button changeRole = new Button(admin ? "Make viewer" : "Make admin",
                click -> act(() -> users.changeRole(user.id(), otherRole),
                        user.username() + " is now " + roleLabel(otherRole).toLowerCase(Locale.ROOT)));
        changeRole.setId("role-" + user.id());
        Button reset = new Button("Reset password", click -> confirmReset(user));
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
            showOnce(password, "Added " + password.username());
            refresh();
        } catch (UserChangeRefusedException e) {
            name.setErrorMessage(e.getMessage());
            name.setInvalid(true);
        }
    }

    private void confirmReset(UserSummary user) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Reset the password of " + user.username() + "?");
        dialog.setText("Their current password stops working at once and their open pages are logged out. servmon"
                + " makes a new one and shows it to you once.");
        dialog.setCancelable(true);  // the safe choice is the dialog's default button
        dialog.setConfirmText("Reset password");
        dialog.setConfirmButtonTheme("error tertiary");
        dialog.addConfirmListener(confirm -> act(() -> showOnce(users.resetPassword(user.id()), "New password for "
                + user.username()), null));
        dialog.open();
    }

    /** A generated password, shown here once: only its hash is stored. */
    private void showOnce(IssuedPassword password, String title) {
        issuedPassword.setText(password.password());
        Button copy = new Button("Copy", VaadinIcon.COPY_O.create());
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Clipboard.onClick(copy).writeText(password.password());
        HorizontalLayout line = new HorizontalLayout(issuedPassword, copy);
        line.setAlignItems(FlexComponent.Alignment.CENTER);
        issued.removeAll();
        issued.add(new Paragraph(title + ". Their password, shown only this once (give it to them; they can change"
                + " it under Account):"), line);
        issued.setVisible(true);
    }

    private void act(Runnable change, String success) {
        try {
            change.run();
            if (success != null) {
                notify(success, NotificationVariant.LUMO_SUCCESS);
            }
        } catch (UserChangeRefusedException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    void refresh() {
        grid.setItems(users.list());
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
