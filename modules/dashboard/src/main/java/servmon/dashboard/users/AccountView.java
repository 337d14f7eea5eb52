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
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import servmon.dashboard.security.CurrentUser;

/** Every user's own page: who they are, their role, and changing their password. */
@Route("account")
@PermitAll
class AccountView extends Main implements HasDynamicTitle {

    private final UserAdministration users;

    private final PasswordField current = new PasswordField(getTranslation("account.current"));
    private final PasswordField next = new PasswordField(getTranslation("account.new"));
    private final PasswordField repeat = new PasswordField(getTranslation("account.repeat"));

    AccountView(UserAdministration users) {
        this.users = users;
        addClassName("account-view");

        current.setId("current-password");
        next.setId("new-password");
        next.setHelperText(getTranslation("account.new.help", UserRules.PASSWORD_MIN_LENGTH));
        repeat.setId("repeat-password");
        Button change = new Button(getTranslation("account.change"), click -> change());
        change.setId("change-password");
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(current, next, repeat);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        form.setMaxWidth("24em");

        Paragraph who = new Paragraph(getTranslation(CurrentUser.isAdmin() ? "account.who.admin" : "account.who.viewer",
                CurrentUser.name().orElse("?")));
        who.setId("account-role");
        add(new H2(getTranslation("account.heading")), who, new H3(getTranslation("account.change.heading")), form,
                change);
    }

    private void change() {
        for (PasswordField field : new PasswordField[] {current, next, repeat}) {
            field.setInvalid(false);
        }
        if (!next.getValue().equals(repeat.getValue())) {
            refuse(repeat, getTranslation("account.differ"));
            return;
        }
        try {
            users.changeOwnPassword(current.getValue(), next.getValue());
        } catch (UserChangeRefusedException e) {
            refuse(UserAdministration.CURRENT_PASSWORD_WRONG.equals(e.reason()) ? current : next,
                    e.reason().translated());
            return;
        }
        current.clear();
        next.clear();
        repeat.clear();
        Notification.show(getTranslation("account.changed"), 5000, Notification.Position.BOTTOM_END)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("account.title");
    }

    private static void refuse(PasswordField field, String reason) {
        field.setErrorMessage(reason);
        field.setInvalid(true);
    }
}
