package servmon.dashboard.servers;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.web.util.HtmlUtils;
import servmon.dashboard.base.ui.Texts;
import servmon.dashboard.security.CurrentUser;
import servmon.events.SleepMode;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The buttons of a server's row, Wake, Sleep, History and Delete, and what they do. Every button that changes a
 * server is made here and nowhere else, so that who may see them is decided in one place.
 * <p>
 * The buttons are one Lit template for the whole column, not components per row: a row that scrolls into view or
 * changes costs a few properties, not four buttons' worth of components. Each button has the id
 * {@code wake-ID}, {@code sleep-ID}, {@code history-ID} or {@code delete-ID}, so that a script or a browser test can
 * act on one row of a long list.
 */
final class ServerActions {

    /** How long a click on Sleep waits for the wol-service's decision, to show a refusal with its reason at once. */
    private static final Duration SLEEP_ANSWER_WAIT = Duration.ofSeconds(3);

    // Wake only where a MAC is known: a magic packet needs one. The words are the viewer's language's, filled in
    // once per page ({0} wake, {1} its title, ...), so that a row still costs only its few properties.
    private static final String TEMPLATE = """
            <span class="row-actions">\
            <vaadin-button id="wake-${item.id}" theme="small" ?hidden="${!item.wakeable}" @click="${wake}" \
            title="%2$s">%1$s</vaadin-button>\
            <vaadin-button id="sleep-${item.id}" theme="small" @click="${sleep}" \
            title="%4$s">%3$s</vaadin-button>\
            <vaadin-button id="history-${item.id}" theme="small tertiary" @click="${history}">%5$s</vaadin-button>\
            <vaadin-button id="delete-${item.id}" theme="small error" @click="${remove}">%6$s</vaadin-button>\
            </span>""";

    // a viewer changes nothing: History only, and no action the browser could call
    private static final String VIEWER_TEMPLATE = """
            <span class="row-actions">\
            <vaadin-button id="history-${item.id}" theme="small tertiary" @click="${history}">%s</vaadin-button>\
            </span>""";

    private final ServerRegistry registry;
    private final PowerActions power;
    private final AuthenticationContext authentication;
    private final FleetFeed feed;
    private final LongConsumer openHistory;

    ServerActions(ServerRegistry registry, PowerActions power, AuthenticationContext authentication, FleetFeed feed,
                  LongConsumer openHistory) {
        this.registry = registry;
        this.power = power;
        this.authentication = authentication;
        this.feed = feed;
        this.openHistory = openHistory;
    }

    LitRenderer<FleetServer> renderer() {
        if (!CurrentUser.isAdmin()) {
            return LitRenderer.<FleetServer>of(VIEWER_TEMPLATE.formatted(html("servers.action.history")))
                    .withProperty("id", FleetServer::id)
                    .withFunction("history", server -> openHistory.accept(server.id()));
        }
        return LitRenderer.<FleetServer>of(TEMPLATE.formatted(html("servers.action.wake"),
                        html("servers.action.wake.title", "${item.name}"), html("servers.action.sleep"),
                        html("servers.action.sleep.title", "${item.name}"), html("servers.action.history"),
                        html("servers.action.delete")))
                .withProperty("id", FleetServer::id)
                .withProperty("name", FleetServer::name)
                .withProperty("wakeable", FleetServer::macKnown)
                .withFunction("wake", this::wake)
                .withFunction("sleep", this::confirmSleep)
                .withFunction("history", server -> openHistory.accept(server.id()))
                .withFunction("remove", this::confirmDelete);
    }

    void wake(FleetServer server) {
        if (!server.macKnown()) {
            notify(Texts.get("servers.wake.no-mac", server.name()), NotificationVariant.LUMO_WARNING);
            return;
        }
        try {
            registry.requestWake(server.id(), user());
            notify(Texts.get("servers.wake.requested", server.name()), NotificationVariant.LUMO_SUCCESS);
        } catch (ServerNotFoundException e) {
            notify(Texts.get("servers.removed-meanwhile", server.name()), NotificationVariant.LUMO_WARNING);
            feed.refresh();
        } catch (EventPublishException e) {
            notify(Texts.get("servers.wake.failed", e.getMessage()), NotificationVariant.LUMO_ERROR);
        }
    }

    void confirmSleep(FleetServer server) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(Texts.get("servers.sleep.confirm.header", server.name()));
        dialog.setText(Texts.get("servers.sleep.confirm.text"));
        dialog.setCancelable(true);
        dialog.setCancelText(Texts.get("dialog.cancel"));
        dialog.setConfirmText(Texts.get("servers.action.sleep"));
        // a sleep is undone by a wake, and servmon refuses one it could not undo: a plain button, not a warning
        dialog.setConfirmButtonTheme("tertiary");
        dialog.addConfirmListener(confirm -> sleep(server));
        dialog.open();
    }

    private void sleep(FleetServer server) {
        try {
            var command = power.requestSleep(server.id(), SleepMode.SUSPEND, false, user());
            power.firstStep(command, SLEEP_ANSWER_WAIT).ifPresentOrElse(
                    step -> notify(server.name() + ": " + step.detail(), "SLEEP_REFUSED".equals(step.status())
                            ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS),
                    () -> notify(Texts.get("servers.sleep.requested", server.name()),
                            NotificationVariant.LUMO_CONTRAST));
        } catch (ServerNotFoundException e) {
            notify(Texts.get("servers.removed-meanwhile", server.name()), NotificationVariant.LUMO_WARNING);
            feed.refresh();
        } catch (EventPublishException e) {
            notify(Texts.get("servers.sleep.failed", e.getMessage()), NotificationVariant.LUMO_ERROR);
        }
    }

    /**
     * Asks before deleting, with "Keep it" as the dialog's default button (focused, and what Enter presses): the
     * confirm dialog focuses its confirm button, so that slot holds the safe answer and Delete is the other one.
     */
    void confirmDelete(FleetServer server) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(Texts.get("servers.delete.confirm.header", server.name()));
        dialog.setText(Texts.get("servers.delete.confirm.text"));
        dialog.setConfirmText(Texts.get("servers.delete.keep"));
        dialog.setConfirmButtonTheme("primary");
        dialog.setRejectable(true);
        dialog.setRejectText(Texts.get("servers.action.delete"));
        dialog.setRejectButtonTheme("error primary");
        dialog.addRejectListener(reject -> delete(server));
        dialog.open();
    }

    private void delete(FleetServer server) {
        try {
            registry.delete(server.id());
            notify(Texts.get("servers.delete.done", server.name()), NotificationVariant.LUMO_SUCCESS);
        } catch (ServerNotFoundException e) {
            notify(Texts.get("servers.delete.already", server.name()), NotificationVariant.LUMO_WARNING);
        } catch (EventPublishException e) {
            notify(Texts.get("servers.delete.failed", server.name(), e.getMessage()), NotificationVariant.LUMO_ERROR);
        }
        feed.refresh();  // every open page, this one first, drops it now rather than at the next whole read
    }

    private String user() {
        return authentication.getPrincipalName().orElse("dashboard");
    }

    // a translated word or sentence for the template: its own text, never markup
    private static String html(String key, Object... args) {
        return HtmlUtils.htmlEscape(Texts.get(key, args));
    }

    private static void notify(String message, NotificationVariant variant) {
        Notification notification = Notification.show(message, 5000, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(variant);
    }
}
