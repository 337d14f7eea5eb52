package servmon.dashboard.history;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.clipboard.Clipboard;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import servmon.dashboard.servers.EventPublishException;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerNotFoundException;
import servmon.dashboard.servers.ServerRegistry;

/**
 * Gives a server a new key (admins only), for a key that leaked or was lost. The same server row keeps its history;
 * its public id and signing secret are derived anew, the old registration is tombstoned and the new one published
 * ({@link ServerRegistry#replaceKey}), so the agent with the old key is refused from then on. The database does not
 * keep keys: the new one is shown here once, with a copy button that says whether the copy worked.
 */
final class KeyRotation extends Div {

    private final ServerRegistry registry;
    private final Span key = new Span();
    private final Span copyFeedback = new Span();
    private final HorizontalLayout line = new HorizontalLayout();
    private Button copy = new Button();
    private ServerFacts server;

    KeyRotation(ServerRegistry registry) {
        this.registry = registry;
        setId("new-key");
        addClassName("new-key");
        key.setId("new-key-value");
        key.addClassName("server-key");
        copyFeedback.setId("copy-feedback");
        copyFeedback.getElement().setAttribute("aria-live", "polite");
        line.add(key, copy, copyFeedback);
        line.setAlignItems(FlexComponent.Alignment.CENTER);
        line.setWrap(true);
        add(new Paragraph(getTranslation("history.key.shown-once")), line,
                new Paragraph(getTranslation("history.key.agent")));
        setVisible(false);
    }

    void show(ServerFacts facts) {
        server = facts;
    }

    /**
     * Asks first. As with Delete, the dialog's default button keeps things as they are: a new key cuts the running
     * agent off until it is given the key.
     */
    void confirm() {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(getTranslation("history.key.confirm.header", server.name()));
        dialog.setText(getTranslation("history.key.confirm.text"));
        dialog.setConfirmText(getTranslation("history.key.confirm.keep"));
        dialog.setConfirmButtonTheme("primary");
        dialog.setRejectable(true);
        dialog.setRejectText(getTranslation("history.key.confirm.rotate"));
        dialog.setRejectButtonTheme("error primary");
        dialog.addRejectListener(reject -> rotate());
        dialog.open();
    }

    private void rotate() {
        try {
            RegisteredServer rotated = registry.replaceKey(server.id());
            key.setText(rotated.key().value());
            copyFeedback.setText("");
            line.replace(copy, copyButton(rotated.key().value()));
            setVisible(true);
        } catch (ServerNotFoundException e) {
            Notification.show(getTranslation("history.server.gone", server.name()), 5000,
                    Notification.Position.BOTTOM_END).addThemeVariants(NotificationVariant.LUMO_WARNING);
        } catch (EventPublishException e) {
            Notification.show(getTranslation("history.key.failed", e.getMessage()), 8000,
                    Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    /** A copy button bound to this key: the browser writes the clipboard on the click, and answers here. */
    private Button copyButton(String value) {
        copy = new Button(getTranslation("history.key.copy"), VaadinIcon.COPY_O.create());
        copy.setId("copy-new-key");
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Clipboard.onClick(copy).writeText(value, text -> copied(), error -> copyFailed());
        return copy;
    }

    /** Hides the key again (leaving the page, or another server): it is shown once. */
    void forget() {
        key.setText("");
        copyFeedback.setText("");
        setVisible(false);
    }

    // package-private: tests answer as the browser's clipboard would
    void copied() {
        copyFeedback.setText(getTranslation("history.key.copied"));
    }

    void copyFailed() {
        copyFeedback.setText(getTranslation("history.key.copy-failed"));
    }

    String shownKey() {
        return isVisible() ? key.getText() : null;
    }

    String copyFeedback() {
        return copyFeedback.getText();
    }
}
