package servmon.dashboard.history;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import servmon.dashboard.security.CurrentUser;
import servmon.dashboard.servers.EventPublishException;
import servmon.dashboard.servers.PowerActions;
import servmon.dashboard.servers.ServerNotFoundException;
import servmon.dashboard.servers.ServerRegistry;
import servmon.events.SleepMode;

import java.time.Duration;

/**
 * Wake and Sleep for the server page; the page makes them for admins only. Wake shows only where a MAC is known (a
 * magic packet needs one). Sleep asks first, and the dialog's default button (focused, what Enter presses) is the
 * safe answer, staying awake; the sleep itself is the other button.
 */
final class PowerButtons extends HorizontalLayout {

    /** How long a click on Sleep waits for the wol-service's decision, to show a refusal with its reason at once. */
    private static final Duration SLEEP_ANSWER_WAIT = Duration.ofSeconds(3);

    private final ServerRegistry registry;
    private final PowerActions power;
    private final Runnable changed;
    private final Button wake = new Button();
    private final Button sleep = new Button();
    private ServerFacts server;

    /** @param changed runs after an order was taken, so the page shows its first steps */
    PowerButtons(ServerRegistry registry, PowerActions power, Runnable changed) {
        this.registry = registry;
        this.power = power;
        this.changed = changed;
        setPadding(false);
        wake.setText(getTranslation("history.wake"));
        wake.setIcon(VaadinIcon.POWER_OFF.create());
        wake.setId("wake-server");
        wake.addClickListener(click -> wake());
        sleep.setText(getTranslation("history.sleep"));
        sleep.setIcon(VaadinIcon.MOON_O.create());
        sleep.setId("sleep-server");
        sleep.addClickListener(click -> confirmSleep());
        add(wake, sleep);
    }

    void show(ServerFacts facts) {
        server = facts;
        wake.setVisible(facts.macKnown());
    }

    Button wakeButton() {
        return wake;
    }

    Button sleepButton() {
        return sleep;
    }

    private void wake() {
        try {
            registry.requestWake(server.id(), user());
            notify(getTranslation("history.wake.requested", server.name()), NotificationVariant.LUMO_SUCCESS);
            changed.run();
        } catch (ServerNotFoundException e) {
            notify(getTranslation("history.server.gone", server.name()), NotificationVariant.LUMO_WARNING);
        } catch (EventPublishException e) {
            notify(getTranslation("history.wake.failed", e.getMessage()), NotificationVariant.LUMO_ERROR);
        }
    }

    private void confirmSleep() {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(getTranslation("history.sleep.confirm.header", server.name()));
        dialog.setText(getTranslation("history.sleep.confirm.text"));
        dialog.setConfirmText(getTranslation("history.sleep.confirm.keep"));
        dialog.setConfirmButtonTheme("primary");
        dialog.setRejectable(true);
        dialog.setRejectText(getTranslation("history.sleep"));
        dialog.setRejectButtonTheme("tertiary");
        dialog.addRejectListener(reject -> sleep());
        dialog.open();
    }

    private void sleep() {
        try {
            var command = power.requestSleep(server.id(), SleepMode.SUSPEND, false, user());
            power.firstStep(command, SLEEP_ANSWER_WAIT).ifPresentOrElse(
                    step -> notify(server.name() + ": " + step.detail(), "SLEEP_REFUSED".equals(step.status())
                            ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS),
                    () -> notify(getTranslation("history.sleep.pending", server.name()),
                            NotificationVariant.LUMO_CONTRAST));
            changed.run();
        } catch (ServerNotFoundException e) {
            notify(getTranslation("history.server.gone", server.name()), NotificationVariant.LUMO_WARNING);
        } catch (EventPublishException e) {
            notify(getTranslation("history.sleep.failed", e.getMessage()), NotificationVariant.LUMO_ERROR);
        }
    }

    private static String user() {
        return CurrentUser.name().orElse("dashboard");
    }

    private static void notify(String message, NotificationVariant variant) {
        Notification.show(message, 5000, Notification.Position.BOTTOM_END).addThemeVariants(variant);
    }
}
