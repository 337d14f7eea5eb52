package servmon.dashboard.users;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import servmon.dashboard.security.CurrentUser;

/** Every user's own page: who they are, their role, and changing their password. */
@Route("account")
@PageTitle("Account · servmon")
@PermitAll
class AccountView extends Main {

    private final UserAdministration users;

    private final PasswordField current = new PasswordField("Current password");
    private final PasswordField next = new PasswordField("New password");
    private final PasswordField repeat = new PasswordField("New password again");

    AccountView(UserAdministration users) {
        this.users = users;
        addClassName("account-view");

        current.setId("current-password");
        next.setId("new-password");
        next.setHelperText("At least " + UserRules.PASSWORD_MIN_LENGTH + " characters.");
        repeat.setId("repeat-password");
        Button change = new Button("Change password", click -> change());
        change.setId("change-password");
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(current, next, repeat);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        form.setMaxWidth("24em");

        String role = CurrentUser.isAdmin() ? "an admin: you may change everything"
                : "a viewer: you see everything but change nothing (ask an admin for more)";
        Paragraph who = new Paragraph("You are " + CurrentUser.name().orElse("?") + ", " + role + ".");
        who.setId("account-role");
        add(new H2("Account"), who, new H3("Change your password"), form, change);
    }

    private void change() {
        for (PasswordField field : new PasswordField[] {current, next, repeat}) {
            field.setInvalid(false);
        }
        if (!next.getValue().equals(repeat.getValue())) {
            refuse(repeat, "the two new passwords differ");
            return;
        }
        try {
            users.changeOwnPassword(current.getValue(), next.getValue());
        } catch (UserChangeRefusedException e) {
            refuse(UserAdministration.CURRENT_PASSWORD_WRONG.equals(e.getMessage()) ? current : next, e.getMessage());
            return;
        }
        current.clear();
        next.clear();
        repeat.clear();
        Notification.show("Your password was changed", 5000, Notification.Position.BOTTOM_END)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private static void refuse(PasswordField field, String reason) {
        field.setErrorMessage(reason);
        field.setInvalid(true);
    }
}
