package servmon.dashboard.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;

import java.time.Duration;

/**
 * Refreshes a view every interval while it is on screen, through the UI's poll (one request per interval). The poll
 * itself stays on when the view goes: the frame's database banner listens to it on every page.
 */
public final class PollingRefresh {

    private Registration polling;

    private PollingRefresh(Component view, int intervalMillis, Runnable refresh) {
        view.addAttachListener(event -> {
            UI ui = event.getUI();
            ui.setPollInterval(intervalMillis);
            polling = ui.addPollListener(poll -> refresh.run());
        });
        view.addDetachListener(event -> {
            if (polling != null) {
                polling.remove();
                polling = null;
            }
        });
    }

    public static void whileAttached(Component view, Duration interval, Runnable refresh) {
        new PollingRefresh(view, (int) interval.toMillis(), refresh);
    }
}
