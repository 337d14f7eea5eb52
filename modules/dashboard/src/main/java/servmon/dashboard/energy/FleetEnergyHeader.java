package servmon.dashboard.energy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import servmon.dashboard.base.ui.BrowserZone;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The energy line above the fleet: what it draws now, what it used today and what sleeping saved today and this
 * month (today and this month by the viewer's clock). The page that holds it calls {@link #refresh()} on its poll.
 */
public class FleetEnergyHeader extends Div {

    private final FleetEnergy energy;
    private final Span wattsNow = figure("energy-watts-now");
    private final Span usedToday = figure("energy-used-today");
    private final Span savedToday = figure("energy-saved-today");
    private final Span savedThisMonth = figure("energy-saved-month");

    public FleetEnergyHeader(FleetEnergy energy) {
        this.energy = energy;
        setId("fleet-energy");
        addClassName("fleet-energy");
        add(label(getTranslation("energy.now")), wattsNow, label(getTranslation("energy.used-today")), usedToday,
                label(getTranslation("energy.saved-today")), savedToday, label(getTranslation("energy.this-month")),
                savedThisMonth);
    }

    public void refresh() {
        ZoneId zone = UI.getCurrent() == null ? ZoneOffset.UTC : BrowserZone.of(UI.getCurrent());
        EnergyHeader header = energy.header(zone);
        wattsNow.setText(EnergyText.watts(header.wattsNow(), header.estimatedWNow()));
        usedToday.setText(EnergyText.kWh(header.usedToday()));
        savedToday.setText(EnergyText.kWh(header.savedToday()));
        savedThisMonth.setText(EnergyText.kWh(header.savedThisMonth()));
    }

    private static Span figure(String id) {
        Span span = new Span();
        span.setId(id);
        span.addClassName("energy-figure");
        return span;
    }

    private static Span label(String text) {
        Span span = new Span(text);
        span.addClassName("energy-label");
        return span;
    }
}
