package servmon.dashboard.servers;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dataview.GridListDataView;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import servmon.dashboard.DashboardProperties;
import servmon.dashboard.base.ui.PollingRefresh;
import servmon.dashboard.base.ui.Formats;
import servmon.dashboard.energy.FleetEnergy;
import servmon.dashboard.energy.FleetEnergyHeader;
import servmon.dashboard.security.CurrentUser;

import java.time.Instant;
import servmon.events.SleepMode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet at a glance: a tile per server, and below them the list with Wake and Delete. Re-reads the fleet
 * (one query) every refresh interval while the page is open.
 */
@Route("")
@PageTitle("Servers · servmon")
@PermitAll
class ServersView extends Main implements BeforeEnterObserver {

    private static final int ALL_ROWS_VISIBLE_UP_TO = 25;
    /** How long a click on Sleep waits for the wol-service's decision, to show a refusal with its reason at once. */
    private static final java.time.Duration SLEEP_ANSWER_WAIT = java.time.Duration.ofSeconds(3);

    private final FleetOverview fleet;
    private final ServerRegistry registry;
    private final PowerActions power;
    private final AuthenticationContext authentication;
    private final FleetEnergyHeader energyHeader;

    private final Div tiles = new Div();
    private final Map<Long, ServerTile> tileById = new HashMap<>();
    private List<Long> tileOrder = List.of();
    private final Paragraph noServers = new Paragraph();
    private final Grid<ServerSummary> grid = new Grid<>();
    private final List<ServerSummary> rows = new ArrayList<>();
    private final GridListDataView<ServerSummary> rowsView;

    ServersView(FleetOverview fleet, ServerRegistry registry, PowerActions power,
                AuthenticationContext authentication, DashboardProperties properties, FleetEnergy energy) {
        this.fleet = fleet;
        this.energyHeader = new FleetEnergyHeader(energy);
        this.registry = registry;
        this.power = power;
        this.authentication = authentication;
        PollingRefresh.whileAttached(this, properties.refreshInterval(), this::refresh);
        addClassName("servers-view");

        tiles.addClassName("server-tiles");
        noServers.add(new Span("No servers yet. "), new RouterLink("Add one", AddServerView.class),
                new Span(" and run the agent on it with the key it gets."));
        noServers.addClassName("no-servers");

        rowsView = grid.setItems(rows);
        rowsView.setIdentifierProvider(ServerSummary::id);
        configureGrid();

        add(new H2("Servers"), energyHeader, noServers, tiles, new H2("List"), grid);
    }

    // on every navigation here, also when the view instance is reused (e.g. clicking Servers while on it)
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refresh();
    }


    /** Re-reads every server with its status (one query) and updates tiles and list in place. */
    void refresh() {
        List<ServerSummary> servers = fleet.servers();
        showTiles(servers);
        rows.clear();
        rows.addAll(servers);
        rowsView.refreshAll();
        // small fleets: the whole list without a scroll bar; large ones: a scrolling list that renders what shows
        grid.setAllRowsVisible(servers.size() <= ALL_ROWS_VISIBLE_UP_TO);
        noServers.setVisible(servers.isEmpty());
        energyHeader.refresh();
    }

    private void showTiles(List<ServerSummary> servers) {
        List<Long> order = servers.stream().map(ServerSummary::id).toList();
        for (ServerSummary server : servers) {
            tileById.computeIfAbsent(server.id(), id -> newTile(server)).show(server);
        }
        if (!order.equals(tileOrder)) {  // servers came, went or were renamed: re-lay the tiles, reusing them
            tileById.keySet().retainAll(order);
            tiles.removeAll();
            order.forEach(id -> tiles.add(tileById.get(id)));
            tileOrder = order;
        }
    }

    private ServerTile newTile(ServerSummary server) {
        ServerTile tile = new ServerTile(server);
        tile.addClickListener(click -> openHistory(server.id()));
        return tile;
    }

    private void configureGrid() {
        grid.addClassName("server-list");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(ServerSummary::name).setHeader("Name").setSortable(true).setFlexGrow(2);
        grid.addComponentColumn(ServersView::stateBadge).setHeader("State")
                .setComparator(ServerSummary::state);
        grid.addColumn(server -> Formats.cpu(server.cpuPct())).setHeader("CPU");
        grid.addColumn(server -> Formats.power(server.powerW(), server.powerSource())).setHeader("Power");
        grid.addColumn(server -> server.userCount() == null ? "–" : server.userCount().toString())
                .setHeader("Users");
        grid.addColumn(server -> Formats.ago(server.lastSeen(), Instant.now())).setHeader("Last seen");
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.addItemDoubleClickListener(click -> openHistory(click.getItem().id()));
    }

    private static Component stateBadge(ServerSummary server) {
        Span badge = new Span(StateLabels.text(server.state()));
        badge.addClassNames("state-badge", StateLabels.cssClass(server.state()));
        return badge;
    }

    private Component actions(ServerSummary server) {
        Button wake = new Button("Wake", click -> wake(server));
        wake.addThemeVariants(ButtonVariant.LUMO_SMALL);
        wake.setTooltipText("Send Wake-on-LAN to " + server.name());
        Button sleep = new Button("Sleep", click -> confirmSleep(server));
        sleep.addThemeVariants(ButtonVariant.LUMO_SMALL);
        sleep.setTooltipText("Suspend " + server.name() + " (servmon checks it can wake it again)");
        Button history = new Button("History", click -> openHistory(server.id()));
        history.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Button delete = new Button("Delete", click -> confirmDelete(server));
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        // ids by server, so a script or a browser test can act on one row of a long list
        wake.setId("wake-" + server.id());
        sleep.setId("sleep-" + server.id());
        history.setId("history-" + server.id());
        delete.setId("delete-" + server.id());
        // a viewer changes nothing: only History for them
        HorizontalLayout actions = CurrentUser.isAdmin()
                ? new HorizontalLayout(wake, sleep, history, delete) : new HorizontalLayout(history);
        actions.setSpacing(false);
        actions.addClassName("row-actions");
        return actions;
    }

    private void wake(ServerSummary server) {
        try {
            registry.requestWake(server.id(), authentication.getPrincipalName().orElse("dashboard"));
            notify("Wake-on-LAN requested for " + server.name(), NotificationVariant.LUMO_SUCCESS);
        } catch (ServerNotFoundException e) {
            notify(server.name() + " was removed meanwhile", NotificationVariant.LUMO_WARNING);
            refresh();
        } catch (EventPublishException e) {
            notify("Could not request the wake: " + e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    private void confirmSleep(ServerSummary server) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Put " + server.name() + " to sleep?");
        dialog.setText("It is suspended and shown as asleep until it is woken. servmon refuses if it could not wake "
                + "it again (Wake-on-LAN not armed) or if it is the last awake server of its group.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Sleep");
        dialog.setConfirmButtonTheme("tertiary");
        dialog.addConfirmListener(confirm -> sleep(server));
        dialog.open();
    }

    private void sleep(ServerSummary server) {
        try {
            var command = power.requestSleep(server.id(), SleepMode.SUSPEND, false,
                    authentication.getPrincipalName().orElse("dashboard"));
            power.firstStep(command, SLEEP_ANSWER_WAIT).ifPresentOrElse(
                    step -> notify(server.name() + ": " + step.detail(), "SLEEP_REFUSED".equals(step.status())
                            ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS),
                    () -> notify("Sleep of " + server.name() + " requested; no answer yet (see its power log)",
                            NotificationVariant.LUMO_CONTRAST));
        } catch (ServerNotFoundException e) {
            notify(server.name() + " was removed meanwhile", NotificationVariant.LUMO_WARNING);
            refresh();
        } catch (EventPublishException e) {
            notify("Could not request the sleep: " + e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    private void confirmDelete(ServerSummary server) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Delete " + server.name() + "?");
        dialog.setText("Its key stops working and its whole history is removed. This cannot be undone.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Delete");
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(confirm -> delete(server));
        dialog.open();
    }

    private void delete(ServerSummary server) {
        try {
            registry.delete(server.id());
            notify(server.name() + " deleted", NotificationVariant.LUMO_SUCCESS);
        } catch (ServerNotFoundException e) {
            notify(server.name() + " was already removed", NotificationVariant.LUMO_WARNING);
        } catch (EventPublishException e) {
            notify("Could not delete " + server.name() + ": " + e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void openHistory(long serverId) {
        getUI().ifPresent(ui -> ui.navigate("servers/" + serverId + "/history"));
    }

    private static void notify(String message, NotificationVariant variant) {
        Notification notification = Notification.show(message, 5000, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(variant);
    }
}
