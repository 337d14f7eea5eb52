package servmon.dashboard.history;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import servmon.dashboard.DashboardProperties;
import servmon.dashboard.base.ui.PollingRefresh;
import servmon.dashboard.energy.EnergyText;
import servmon.dashboard.energy.FleetEnergy;
import servmon.dashboard.energy.ServerEnergyReport;
import servmon.dashboard.servers.PowerActions;
import servmon.store.history.HistoryTier;
import servmon.dashboard.base.ui.BrowserZone;
import servmon.dashboard.base.ui.Formats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One server's history, as the seed had it: a CPU chart and a power chart of the last 30 samples, and a list of
 * every sample, loaded page by page as it scrolls. The charts follow new samples while the page is open; the list
 * holds still (a snapshot, see {@link PinnedSamplePages}) and offers the newer samples with a button.
 */
@Route("servers/:id([0-9]{1,18})/history")
@PermitAll
class HistoryView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    private final ServerHistory history;
    /** The newest steps shown; the API has the rest. */
    private static final int POWER_LOG_ROWS = 20;
    private final H2 title = new H2();
    private final MetricChart cpuChart = new MetricChart("CPU", "%", 100.0);
    private final MetricChart powerChart = new MetricChart("Power", "W", null);
    private final Grid<SampleRow> samples = new Grid<>();
    private final Grid<PowerActions.PowerStep> powerLog = new Grid<>();
    // plain buttons rather than a radio group: components already in the committed front-end bundle
    private final HorizontalLayout rangeButtons = new HorizontalLayout();
    private ChartRange range = ChartRange.LAST_SAMPLES;
    private final Span tierNote = new Span();
    private final Span energyLine = new Span();
    private final FleetEnergy energy;
    private final PowerActions power;
    private final Button showNewer = new Button(VaadinIcon.REFRESH.create(), click -> pinNewest());
    private PinnedSamplePages pages;
    private long serverId;
    private String serverName = "";

    HistoryView(ServerHistory history, PowerActions power, DashboardProperties properties, FleetEnergy energy) {
        this.history = history;
        this.energy = energy;
        this.power = power;
        PollingRefresh.whileAttached(this, properties.refreshInterval(), this::refreshCharts);
        addClassName("history-view");
        cpuChart.setId("cpu-chart");
        powerChart.setId("power-chart");

        rangeButtons.setId("chart-range");
        for (ChartRange choice : ChartRange.values()) {
            Button button = new Button(choice.label(), click -> showRange(choice));
            button.setId("range-" + choice.name().toLowerCase(Locale.ROOT));
            button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            rangeButtons.add(button);
        }
        markRange();
        tierNote.setId("chart-tier");
        tierNote.addClassName("chart-tier");
        Div charts = new Div(chartSection("CPU usage (%)", cpuChart), chartSection("Power (W)", powerChart));
        charts.addClassName("history-charts");
        samples.setId("sample-list");
        samples.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        // no count query: the grid grows as it scrolls, and a count of a long history would cost more than a page
        samples.setItems(query -> pages == null ? Stream.empty() : pages.fetch(query.getOffset(), query.getLimit()));
        showNewer.setId("show-newer-samples");
        showNewer.addThemeVariants(ButtonVariant.LUMO_SMALL);
        showNewer.setVisible(false);
        Button back = new Button("Servers", VaadinIcon.ARROW_LEFT.create(), click -> UI.getCurrent().navigate(""));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        powerLog.setId("power-log");
        powerLog.addThemeVariants(GridVariant.LUMO_COMPACT);
        powerLog.setAllRowsVisible(true);
        energyLine.setId("server-energy");
        energyLine.addClassName("server-energy");
        add(back, title, energyLine, rangeButtons, tierNote, charts, new H3("Wakes and sleeps"), powerLog, new H3("Every sample"), showNewer, samples);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        serverId = event.getRouteParameters().getLong("id").orElse(-1L);
        serverName = history.serverName(serverId).orElse(null);
        if (serverName == null) {
            event.rerouteToError(NotFoundException.class, "No server with id " + serverId);
            return;
        }
        title.setText(serverName);
        showSamples();
        pinNewest();
        refreshCharts();
    }

    @Override
    public String getPageTitle() {
        return serverName == null ? "History · servmon" : serverName + " history · servmon";
    }


    // package-private: tests call it as the UI's poll would
    void refreshCharts() {
        List<SampleRow> last = history.lastSamples(serverId);
        ChartRange chosen = range;
        if (chosen.span() == null) {
            cpuChart.setPoints(last.stream().map(row -> new SamplePoint(row.sampledAt(), row.cpuPct())).toList());
            powerChart.setPoints(last.stream().map(row -> new SamplePoint(row.sampledAt(), row.powerW())).toList());
            tierNote.setText("");
        } else {
            // longer ranges come from the minute or hour rollups: averages per bucket, a few hundred points at most
            Instant to = Instant.now();
            ServerHistory.Series series = history.series(serverId, to.minus(chosen.span()), to);
            cpuChart.setPoints(series.points().stream().map(p -> new SamplePoint(p.at(), p.cpuAvgPct())).toList());
            powerChart.setPoints(series.points().stream().map(p -> new SamplePoint(p.at(), p.powerAvgW())).toList());
            tierNote.setText(series.tier() == HistoryTier.RAW ? "every sample"
                    : "averages per " + (series.tier() == HistoryTier.MINUTE ? "minute" : "hour"));
        }
        offerNewer(last);
        powerLog.setItems(power.log(serverId, POWER_LOG_ROWS));
        showEnergy();
    }

    /** Today's and this month's kWh, by the viewer's clock: a handful of hour rows of this one server. */
    private void showEnergy() {
        ZoneId zone = UI.getCurrent() == null ? ZoneOffset.UTC : BrowserZone.of(UI.getCurrent());
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, zone);
        ServerEnergyReport day = energy.server(serverId, today.atStartOfDay(zone).toInstant(), now);
        ServerEnergyReport month = energy.server(serverId, today.withDayOfMonth(1).atStartOfDay(zone).toInstant(), now);
        energyLine.setText("Today " + EnergyText.kWh(day.used()) + " used, " + EnergyText.kWh(day.saved())
                + " saved asleep · this month " + EnergyText.kWh(month.used()) + " used, "
                + EnergyText.kWh(month.saved()) + " saved asleep");
    }

    String energyText() {
        return energyLine.getText();
    }

    // package-private: tests choose a range as a click would
    void showRange(ChartRange choice) {
        range = choice;
        markRange();
        refreshCharts();
    }

    ChartRange range() {
        return range;
    }

    private void markRange() {
        rangeButtons.getChildren().map(Button.class::cast).forEach(button -> {
            boolean chosen = button.getId().orElse("").equals("range-" + range.name().toLowerCase(Locale.ROOT));
            button.removeThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_TERTIARY);
            button.addThemeVariants(chosen ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_TERTIARY);
        });
    }

    /** The charts' read tells, at no extra query, whether samples newer than the list's snapshot arrived. */
    private void offerNewer(List<SampleRow> last) {
        if (pages == null) {
            return;
        }
        long newer = last.stream().filter(row -> !row.sampledAt().isBefore(pages.pinnedBefore())).count();
        showNewer.setVisible(newer > 0);
        showNewer.setText(newer >= ServerHistory.CHART_SAMPLES
                ? "Show " + newer + "+ newer samples"
                : "Show " + newer + (newer == 1 ? " newer sample" : " newer samples"));
    }

    /** Moves the list's snapshot up to the newest sample and reloads it. */
    private void pinNewest() {
        pages = PinnedSamplePages.pinNewest(history, serverId);
        samples.getDataProvider().refreshAll();
        showNewer.setVisible(false);
    }

    private void showSamples() {
        ZoneId zone = UI.getCurrent() == null ? ZoneOffset.UTC : BrowserZone.of(UI.getCurrent());
        samples.removeAllColumns();
        samples.addColumn(row -> Formats.dateTime(row.sampledAt(), zone)).setHeader("Time (" + zone.getId() + ")")
                .setFlexGrow(2);
        samples.addColumn(row -> String.format(Locale.ROOT, "%.1f", row.cpuPct())).setHeader("CPU %");
        samples.addColumn(row -> row.powerW() == null ? "–" : String.format(Locale.ROOT, "%.1f", row.powerW()))
                .setHeader("Power W");
        samples.addColumn(row -> row.powerSource() == null ? "" : Formats.powerSource(row.powerSource()))
                .setHeader("Power source");
        samples.addColumn(SampleRow::userCount).setHeader("Users");
        powerLog.removeAllColumns();
        powerLog.addColumn(step -> Formats.dateTime(step.at(), zone)).setHeader("Time (" + zone.getId() + ")")
                .setFlexGrow(2);
        powerLog.addColumn(PowerActions.PowerStep::status).setHeader("Step");
        powerLog.addColumn(PowerActions.PowerStep::detail).setHeader("Detail").setFlexGrow(5);
    }

    private static Section chartSection(String heading, MetricChart chart) {
        Section section = new Section(new H3(heading), chart);
        section.addClassName("chart-card");
        return section;
    }

    MetricChart cpuChart() {
        return cpuChart;
    }

    MetricChart powerChart() {
        return powerChart;
    }

    Button showNewerButton() {
        return showNewer;
    }
}
