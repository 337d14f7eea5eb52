package servmon.dashboard.database;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.shared.Registration;
import servmon.dashboard.DashboardProperties;
import servmon.dashboard.base.ui.BrowserZone;
import servmon.dashboard.base.ui.Texts;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * "Database unavailable since 14:03:07" across the top of every page while the database is away, so that a page
 * that stopped changing is not taken for a fleet that stopped reporting. Checked at each poll of the page.
 */
public final class DatabaseBanner extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final DatabaseHealth health;
    private final int pollMillis;
    private Registration polling;

    public DatabaseBanner(DatabaseHealth health, DashboardProperties properties) {
        this.health = health;
        this.pollMillis = (int) properties.refreshInterval().toMillis();
        addClassName("database-banner");
        getElement().setAttribute("role", "alert");
        setVisible(false);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        // the frame polls on every page, so the banner comes and goes on pages that do not refresh themselves
        ui.setPollInterval(pollMillis);
        polling = ui.addPollListener(poll -> refresh(BrowserZone.of(ui)));
        refresh(BrowserZone.of(ui));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
    }

    void refresh(ZoneId zone) {
        Optional<DatabaseHealth.Outage> outage = health.outage();
        outage.ifPresent(o -> setText(Texts.get("database.banner", TIME.format(o.since().atZone(zone)),
                o.reason())));
        setVisible(outage.isPresent());
    }
}
