package servmon.dashboard.history;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import servmon.dashboard.servers.EventPublishException;
import servmon.dashboard.servers.ServerNotFoundException;
import servmon.dashboard.servers.ServerRegistry;
import servmon.dashboard.servers.ServerValidationException;

import java.util.function.Consumer;

/**
 * Edits a server's name, MAC and group, in place on its page (admins only). The registry checks the values as Add
 * Server does and publishes the registration again, so the services wake it at the new MAC; a refused value is
 * shown on its field with the reason, and nothing is changed.
 */
final class ServerEditForm extends Div {

    private final ServerRegistry registry;
    private final Consumer<String> saved;
    private final TextField name = new TextField();
    private final TextField mac = new TextField();
    private final TextField group = new TextField();
    private long serverId;

    /** @param saved runs with the new name once the change is stored and published */
    ServerEditForm(ServerRegistry registry, Consumer<String> saved) {
        this.registry = registry;
        this.saved = saved;
        setId("server-edit");
        addClassName("server-edit");
        name.setLabel(getTranslation("history.edit.name"));
        name.setId("edit-name");
        name.setRequired(true);
        mac.setLabel(getTranslation("history.edit.mac"));
        mac.setId("edit-mac");
        mac.setHelperText(getTranslation("history.edit.mac.help"));
        mac.setPlaceholder("aa:bb:cc:dd:ee:ff");
        group.setLabel(getTranslation("history.edit.group"));
        group.setId("edit-group");
        group.setHelperText(getTranslation("history.edit.group.help"));
        Button save = new Button(getTranslation("history.edit.save"), click -> save());
        save.setId("edit-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        Button cancel = new Button(getTranslation("history.edit.cancel"), click -> setVisible(false));
        cancel.setId("edit-cancel");
        HorizontalLayout fields = new HorizontalLayout(name, mac, group);
        fields.setWrap(true);
        add(fields, new HorizontalLayout(save, cancel));
        setVisible(false);
    }

    /** Opens the form with the server's values now. */
    void open(ServerFacts server) {
        serverId = server.id();
        name.setValue(server.name());
        mac.setValue(server.mac() == null ? "" : server.mac());
        group.setValue(server.group() == null ? "" : server.group());
        for (TextField field : new TextField[] {name, mac, group}) {
            field.setInvalid(false);
            field.setErrorMessage(null);
        }
        setVisible(true);
        name.focus();
    }

    void save() {
        try {
            var server = registry.edit(serverId, name.getValue(), mac.getValue(), group.getValue());
            setVisible(false);
            Notification.show(getTranslation("history.edit.saved", server.name()), 4000,
                    Notification.Position.BOTTOM_END).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            saved.accept(server.name());
        } catch (ServerValidationException e) {
            TextField field = e.fieldAmong(name, mac, group);
            field.setErrorMessage(e.reason().translated());
            field.setInvalid(true);
        } catch (ServerNotFoundException e) {
            Notification.show(getTranslation("history.server.gone", name.getValue()), 5000,
                    Notification.Position.BOTTOM_END).addThemeVariants(NotificationVariant.LUMO_WARNING);
        } catch (EventPublishException e) {
            Notification.show(getTranslation("history.edit.failed", e.getMessage()), 8000,
                    Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    TextField nameField() {
        return name;
    }

    TextField macField() {
        return mac;
    }

    TextField groupField() {
        return group;
    }
}
