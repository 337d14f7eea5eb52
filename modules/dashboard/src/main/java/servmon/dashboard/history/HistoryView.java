package servmon.dashboard.history;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.PermitAll;
import servmon.dashboard.DashboardProperties;
import servmon.dashboard.base.ui.BrowserZone;
import servmon.dashboard.base.ui.Formats;
import servmon.dashboard.base.ui.PollingRefresh;
import servmon.dashboard.energy.EnergyText;
import servmon.dashboard.energy.FleetEnergy;
import servmon.dashboard.energy.ServerEnergyReport;
import servmon.dashboard.security.CurrentUser;
import servmon.dashboard.servers.PowerActions;
import servmon.dashboard.servers.ServerRegistry;
import servmon.store.energy.EnergyAmount;
import servmon.store.history.HistoryTier;
import servmon.events.ServerState;
import servmon.events.WakeStatus;
import servmon.store.history.SleepSpan;
import servmon.store.history.StateChange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One server's page: its state now, CPU, power, memory, disk and network charts over a chosen range (gaps drawn as
 * gaps), its changes of state in that range, the times it slept, every step of its wakes and sleeps, and a list of
 * every sample, loaded page by page as it scrolls, with the range's samples as a CSV download. The charts follow new samples while the page is open; the
 * list holds still (a snapshot, see {@link PinnedSamplePages}) and offers the newer samples with a button.
 * <p>
 * Admins also get Wake and Sleep, editing of name, MAC and group, and a new key. A viewer's page is built without
 * them, so it offers nothing the browser could call.
 */
@Route("servers/:id([0-9]{1,18})/history")
@PermitAll
class HistoryView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    /** The newest steps shown; the API has the rest. */
    private static final int POWER_LOG_ROWS = 20;
    /** Up to this many state changes the list shows whole; a longer one scrolls within the page. */
    private static final int STATE_CHANGE_ROWS_SHOWN = 12;
    private static final double GB = 1e9;
    private static final double KB = 1e3;

    private final ServerHistory history;
    private final H2 title = new H2();
    private final Span stateLine = new Span();
    private final MetricChart cpuChart = new MetricChart(getTranslation("history.chart.cpu"), "%", 100.0);
    private final MetricChart powerChart = new MetricChart(getTranslation("history.chart.power"), "W", null);
    private final MetricChart memoryChart = new MetricChart(getTranslation("history.chart.memory"), "GB", null);
    private final MetricChart diskChart = new MetricChart(getTranslation("history.chart.disk"), "GB", null);
    private final MetricChart networkChart = new MetricChart(getTranslation("history.chart.network.in"), "kB/s",
            null).withSecondLine(getTranslation("history.chart.network.out"));
    private final Grid<SampleRow> samples = new Grid<>();
    private final Grid<PowerActions.PowerStep> powerLog = new Grid<>();
    private final Grid<StateChange> stateChanges = new Grid<>();
    private final Span stateChangesNote = new Span();
    private final Grid<SleepSpan> sleeps = new Grid<>();
    // plain buttons rather than a radio group: components already in the committed front-end bundle
    private final HorizontalLayout rangeButtons = new HorizontalLayout();
    private ChartRange range = ChartRange.LAST_SAMPLES;
    private final Span tierNote = new Span();
    private final Span energyLine = new Span();
    private final Anchor csvDownload;
    private final FleetEnergy energy;
    private final PowerActions power;
    private final SampleCsv csv;
    private final Button showNewer = new Button(VaadinIcon.REFRESH.create(), click -> pinNewest());
    // admin only: null on a viewer's page
    private final HorizontalLayout controls;
    private final PowerButtons powerButtons;
    private final ServerEditForm editForm;
    private final KeyRotation keyRotation;
    private PinnedSamplePages pages;
    private long serverId;
    private ServerFacts facts;
    private String serverName = "";

    HistoryView(ServerHistory history, PowerActions power, DashboardProperties properties, FleetEnergy energy,
                ServerRegistry registry, SampleCsv csv) {
        this.history = history;
        this.energy = energy;
        this.power = power;
        this.csv = csv;
        PollingRefresh.whileAttached(this, properties.refreshInterval(), this::refreshCharts);
        addClassName("history-view");
        cpuChart.setId("cpu-chart");
        powerChart.setId("power-chart");
        memoryChart.setId("memory-chart");
        diskChart.setId("disk-chart");
        networkChart.setId("network-chart");

        rangeButtons.setId("chart-range");
        for (ChartRange choice : ChartRange.values()) {
            Button button = new Button(getTranslation(choice.labelKey()), click -> showRange(choice));
            button.setId("range-" + choice.name().toLowerCase(Locale.ROOT));
            button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            rangeButtons.add(button);
        }
        markRange();
        tierNote.setId("chart-tier");
        tierNote.addClassName("chart-tier");
        csvDownload = new Anchor(csvHandler(), AttachmentType.DOWNLOAD, getTranslation("history.csv"));
        csvDownload.setId("samples-csv");
        csvDownload.getElement().setAttribute("title", getTranslation("history.csv.title"));
        HorizontalLayout rangeLine = new HorizontalLayout(rangeButtons, tierNote, csvDownload);
        rangeLine.setAlignItems(FlexComponent.Alignment.BASELINE);
        rangeLine.setWrap(true);
        Div charts = new Div(chartSection("history.chart.cpu.heading", cpuChart),
                chartSection("history.chart.power.heading", powerChart),
                chartSection("history.chart.memory.heading", memoryChart),
                chartSection("history.chart.disk.heading", diskChart),
                chartSection("history.chart.network.heading", networkChart));
        charts.addClassName("history-charts");
        samples.setId("sample-list");
        samples.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        // no count query: the grid grows as it scrolls, and a count of a long history would cost more than a page
        samples.setItems(query -> pages == null ? Stream.empty() : pages.fetch(query.getOffset(), query.getLimit()));
        showNewer.setId("show-newer-samples");
        showNewer.addThemeVariants(ButtonVariant.LUMO_SMALL);
        showNewer.setVisible(false);
        Button back = new Button(getTranslation("history.back"), VaadinIcon.ARROW_LEFT.create(),
                click -> UI.getCurrent().navigate(""));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        powerLog.setId("power-log");
        powerLog.addThemeVariants(GridVariant.LUMO_COMPACT);
        powerLog.setAllRowsVisible(true);
        stateChanges.setId("state-changes");
        stateChanges.addThemeVariants(GridVariant.LUMO_COMPACT);
        stateChangesNote.setId("state-changes-note");
        sleeps.setId("sleep-periods");
        sleeps.addThemeVariants(GridVariant.LUMO_COMPACT);
        sleeps.setAllRowsVisible(true);
        energyLine.setId("server-energy");
        energyLine.addClassName("server-energy");
        stateLine.setId("server-state");
        stateLine.addClassName("server-state");

        add(back, title, stateLine);
        if (CurrentUser.isAdmin()) {
            powerButtons = new PowerButtons(registry, power, this::refreshCharts);
            editForm = new ServerEditForm(registry, newName -> showFacts());
            keyRotation = new KeyRotation(registry);
            Button edit = new Button(getTranslation("history.edit"), VaadinIcon.EDIT.create(),
                    click -> editForm.open(facts));
            edit.setId("edit-server");
            Button newKey = new Button(getTranslation("history.key"), VaadinIcon.KEY_O.create(),
                    click -> keyRotation.confirm());
            newKey.setId("rotate-key");
            newKey.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            controls = new HorizontalLayout(powerButtons, edit, newKey);
            controls.setId("server-controls");
            controls.setWrap(true);
            add(controls, editForm, keyRotation);
        } else {
            powerButtons = null;
            editForm = null;
            keyRotation = null;
            controls = null;
        }
        add(energyLine, rangeLine, charts,
                new H3(getTranslation("history.state.heading")),
                new Paragraph(getTranslation("history.state.kept")), stateChangesNote, stateChanges, sleeps,
                new H3(getTranslation("history.power-log.heading")), powerLog,
                new H3(getTranslation("history.samples.heading")), showNewer, samples);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        serverId = event.getRouteParameters().getLong("id").orElse(-1L);
        if (!showFacts()) {
            event.rerouteToError(NotFoundException.class, "No server with id " + serverId);
            return;
        }
        if (keyRotation != null) {
            keyRotation.forget();
        }
        showColumns();
        pinNewest();
        refreshCharts();
    }

    /** A step of the power log in the page's words; one this dashboard does not know (newer wol-service) as stored. */
    private String stepLabel(String status) {
        return Arrays.stream(WakeStatus.values()).filter(known -> known.name().equals(status)).findFirst()
                .map(known -> getTranslation(stepKey(known)))
                .orElse(status == null ? "" : status);
    }

    private static String stepKey(WakeStatus status) {
        return "history.step." + status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String getPageTitle() {
        return serverName == null ? getTranslation("history.title.none")
                : getTranslation("history.title", serverName);
    }

    /** Reads the server's name, MAC, group and state again; false if it is gone. */
    private boolean showFacts() {
        facts = history.facts(serverId).orElse(null);
        if (facts == null) {
            serverName = null;
            return false;
        }
        serverName = facts.name();
        title.setText(serverName);
        String state = getTranslation("history.state." + facts.state());
        stateLine.setText(facts.stateSince() == null ? state
                : getTranslation("history.state.since", state, Formats.dateTime(facts.stateSince(), zone())));
        if (powerButtons != null) {
            powerButtons.show(facts);
            keyRotation.show(facts);
        }
        return true;
    }

    // package-private: tests call it as the UI's poll would
    void refreshCharts() {
        List<SampleRow> last = history.lastSamples(serverId);
        ChartRange chosen = range;
        List<ChartRow> rows;
        Duration bucket;
        if (chosen.span() == null) {
            rows = last.stream().map(ChartRow::of).toList();
            bucket = Duration.ZERO;
            tierNote.setText("");
        } else {
            // longer ranges come from the minute or hour rollups: averages per bucket, a few hundred points at most
            Instant to = Instant.now();
            ServerHistory.Series series = history.series(serverId, to.minus(chosen.span()), to);
            rows = series.points().stream().map(ChartRow::of).toList();
            bucket = switch (series.tier()) {
                case RAW -> Duration.ZERO;
                case MINUTE -> Duration.ofMinutes(1);
                case HOUR -> Duration.ofHours(1);
            };
            tierNote.setText(getTranslation("history.tier." + series.tier().label()));
        }
        Duration step = ChartGaps.step(rows, bucket);
        boolean withDate = chosen.span() != null && chosen.span().compareTo(Duration.ofDays(1)) >= 0;
        draw(cpuChart, rows, step, withDate, ChartRow::cpuPct, null);
        draw(powerChart, rows, step, withDate, ChartRow::powerW, null);
        draw(memoryChart, rows, step, withDate, row -> scaled(row.memUsedBytes(), GB), null);
        draw(diskChart, rows, step, withDate, row -> scaled(row.diskUsedBytes(), GB), null);
        draw(networkChart, rows, step, withDate, row -> scaled(row.netRxBytesPerS(), KB),
                row -> scaled(row.netTxBytesPerS(), KB));
        offerNewer(last);
        powerLog.setItems(power.log(serverId, POWER_LOG_ROWS));
        showStateChanges(chosen);
        sleeps.setItems(history.sleepPeriods(serverId));
        showFacts();
        showEnergy();
    }

    /** The chosen range's changes; for the last 30 samples, which span no fixed time, the newest of any time. */
    private void showStateChanges(ChartRange chosen) {
        Instant to = Instant.now();
        ServerHistory.StateChanges read = history.stateChanges(serverId,
                chosen.span() == null ? Instant.EPOCH : to.minus(chosen.span()), to);
        stateChanges.setItems(read.changes());
        stateChanges.setAllRowsVisible(read.changes().size() <= STATE_CHANGE_ROWS_SHOWN);
        stateChangesNote.setText(read.more() ? getTranslation("history.changes.more", ServerHistory.STATE_CHANGES)
                : read.changes().isEmpty() ? getTranslation("history.changes.none") : "");
        stateChangesNote.setVisible(read.more() || read.changes().isEmpty());
    }

    /** A state in the page's words; one this dashboard does not know (newer state monitor) as stored. */
    private String stateLabel(String state) {
        return Arrays.stream(ServerState.values()).anyMatch(known -> known.name().equals(state))
                ? getTranslation("history.state." + state) : state;
    }

    private String changeLabel(StateChange change) {
        return change.from() == null ? stateLabel(change.to())
                : stateLabel(change.from()) + " → " + stateLabel(change.to());
    }

    private void draw(MetricChart chart, List<ChartRow> rows, Duration step, boolean withDate,
                      Function<ChartRow, Double> figure, Function<ChartRow, Double> secondOrNull) {
        chart.setPoints(ChartGaps.points(rows, step, figure),
                secondOrNull == null ? List.of() : ChartGaps.points(rows, step, secondOrNull), zone(), withDate);
    }

    private static Double scaled(Double value, double unit) {
        return value == null ? null : value / unit;
    }

    /**
     * What the CSV download holds: the samples of the chosen range; for "last 30 samples", from the oldest of them.
     * The end is exclusive: 1 ms after the newest sample (sampled_at holds milliseconds) or now.
     */
    CsvRange csvRange() {
        Instant now = Instant.now();
        if (range.span() != null) {
            return new CsvRange(now.minus(range.span()), now);
        }
        List<SampleRow> last = history.lastSamples(serverId);
        return last.isEmpty() ? new CsvRange(now, now)
                : new CsvRange(last.getFirst().sampledAt(), last.getLast().sampledAt().plusMillis(1));
    }

    record CsvRange(Instant from, Instant to) {
    }

    private DownloadHandler csvHandler() {
        return event -> {
            CsvRange bounds = csvRange();
            event.setFileName(SampleCsv.fileName(serverName == null ? "server" : serverName));
            event.setContentType("text/csv;charset=UTF-8");
            csv.write(serverId, bounds.from(), bounds.to(), event.getOutputStream());
        };
    }

    /** Today's and this month's kWh, by the viewer's clock: a handful of hour rows of this one server. */
    private void showEnergy() {
        ZoneId zone = zone();
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, zone);
        ServerEnergyReport day = energy.server(serverId, today.atStartOfDay(zone).toInstant(), now);
        ServerEnergyReport month = energy.server(serverId, today.withDayOfMonth(1).atStartOfDay(zone).toInstant(), now);
        energyLine.setText(getTranslation("history.energy", EnergyText.kWh(day.used()), EnergyText.kWh(day.saved()),
                EnergyText.kWh(month.used()), EnergyText.kWh(month.saved())));
    }

    private static ZoneId zone() {
        return UI.getCurrent() == null ? ZoneOffset.UTC : BrowserZone.of(UI.getCurrent());
    }

    String energyText() {
        return energyLine.getText();
    }

    String stateText() {
        return stateLine.getText();
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
        showNewer.setText(newer >= ServerHistory.CHART_SAMPLES ? getTranslation("history.newer.many", newer)
                : getTranslation(newer == 1 ? "history.newer.one" : "history.newer.some", newer));
    }

    /** Moves the list's snapshot up to the newest sample and reloads it. */
    private void pinNewest() {
        pages = PinnedSamplePages.pinNewest(history, serverId);
        samples.getDataProvider().refreshAll();
        showNewer.setVisible(false);
    }

    private void showColumns() {
        ZoneId zone = zone();
        String time = getTranslation("history.column.time", zone.getId());
        samples.removeAllColumns();
        samples.addColumn(row -> Formats.dateTime(row.sampledAt(), zone)).setHeader(time).setFlexGrow(2);
        samples.addColumn(row -> decimal(row.cpuPct())).setHeader(getTranslation("history.column.cpu"));
        samples.addColumn(row -> row.powerW() == null ? "–" : decimal(row.powerW()))
                .setHeader(getTranslation("history.column.power"));
        samples.addColumn(row -> row.powerSource() == null ? "" : Formats.powerSource(row.powerSource()))
                .setHeader(getTranslation("history.column.power-source"));
        samples.addColumn(SampleRow::userCount).setHeader(getTranslation("history.column.users"));
        samples.addColumn(row -> scaledText(row.memUsedBytes(), GB)).setHeader(getTranslation("history.column.memory"));
        samples.addColumn(row -> scaledText(row.diskUsedBytes(), GB)).setHeader(getTranslation("history.column.disk"));
        samples.addColumn(row -> scaledText(row.netRxBytesPerS(), KB))
                .setHeader(getTranslation("history.column.net-in"));
        samples.addColumn(row -> scaledText(row.netTxBytesPerS(), KB))
                .setHeader(getTranslation("history.column.net-out"));
        powerLog.removeAllColumns();
        powerLog.addColumn(step -> Formats.dateTime(step.at(), zone)).setHeader(time).setFlexGrow(2);
        powerLog.addColumn(step -> stepLabel(step.status())).setHeader(getTranslation("history.column.step"));
        powerLog.addColumn(PowerActions.PowerStep::detail).setHeader(getTranslation("history.column.detail"))
                .setFlexGrow(5);
        stateChanges.removeAllColumns();
        stateChanges.addColumn(change -> Formats.dateTime(change.at(), zone)).setHeader(time).setFlexGrow(2);
        stateChanges.addColumn(this::changeLabel).setHeader(getTranslation("history.column.change")).setFlexGrow(2);
        stateChanges.addColumn(change -> change.endedAt() != null
                        ? hoursAndMinutes(Duration.between(change.at(), change.endedAt()))
                        : getTranslation("history.change.ongoing",
                                hoursAndMinutes(Duration.between(change.at(), Instant.now()))))
                .setHeader(getTranslation("history.column.lasted"));
        sleeps.removeAllColumns();
        sleeps.addColumn(span -> Formats.dateTime(span.asleepAt(), zone))
                .setHeader(getTranslation("history.column.asleep-at", zone.getId())).setFlexGrow(2);
        sleeps.addColumn(span -> span.wokeAt() == null ? getTranslation("history.still-asleep")
                : Formats.dateTime(span.wokeAt(), zone))
                .setHeader(getTranslation("history.column.woke-at", zone.getId())).setFlexGrow(2);
        sleeps.addColumn(span -> hoursAndMinutes(Duration.between(span.asleepAt(),
                span.wokeAt() == null ? Instant.now() : span.wokeAt())))
                .setHeader(getTranslation("history.column.asleep-for"));
        sleeps.addColumn(span -> {
            EnergyAmount saved = span.saved(Instant.now());
            return saved == null ? "–" : EnergyText.kWh(saved);
        }).setHeader(getTranslation("history.column.saved"));
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String scaledText(Long value, double unit) {
        return value == null ? "–" : decimal(value / unit);
    }

    private static String hoursAndMinutes(Duration duration) {
        return String.format(Locale.ROOT, "%d:%02d", duration.toHours(), duration.toMinutesPart());
    }

    private Section chartSection(String headingKey, MetricChart chart) {
        Section section = new Section(new H3(getTranslation(headingKey)), chart);
        section.addClassName("chart-card");
        return section;
    }

    MetricChart cpuChart() {
        return cpuChart;
    }

    MetricChart powerChart() {
        return powerChart;
    }

    MetricChart memoryChart() {
        return memoryChart;
    }

    MetricChart diskChart() {
        return diskChart;
    }

    MetricChart networkChart() {
        return networkChart;
    }

    Button showNewerButton() {
        return showNewer;
    }

    Anchor csvDownload() {
        return csvDownload;
    }

    /** Null on a viewer's page. */
    HorizontalLayout controls() {
        return controls;
    }

    PowerButtons powerButtons() {
        return powerButtons;
    }

    ServerEditForm editForm() {
        return editForm;
    }

    KeyRotation keyRotation() {
        return keyRotation;
    }
}
