package servmon.dashboard.servers;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dataview.GridListDataView;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import servmon.dashboard.base.ui.Formats;
import servmon.dashboard.base.ui.PlainSelect;
import servmon.dashboard.energy.FleetEnergy;
import servmon.dashboard.energy.FleetEnergyHeader;
import servmon.dashboard.security.CurrentUser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The fleet at a glance: the counts per state (each a filter), a search by name, a group and an order; a page of
 * tiles, problems first; and the whole list below, a grid that renders only the rows in view. Live: the shared
 * {@link FleetFeed} pushes what changed to every open page, and the page sends the browser only what it shows of it.
 */
@Route("")
@PermitAll
class ServersView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    static final int TILES_PER_PAGE = 48;
    private static final int ALL_ROWS_VISIBLE_UP_TO = 25;
    private static final int REFRESH_ROWS_ONE_BY_ONE_UP_TO = 20;

    private final FleetFeed feed;
    private final FleetEnergyHeader energyHeader;
    private final ServerActions actions;
    private final PendingFleetChanges pending = new PendingFleetChanges();
    private FleetQuery query = FleetQuery.EVERYTHING;
    private FleetSnapshot fleet = FleetSnapshot.EMPTY;
    private Registration subscription;

    private final FleetCounts counts = new FleetCounts(this::filter);
    private final TextField search = new TextField();
    private final PlainSelect group = new PlainSelect(getTranslation("servers.group"),
            value -> query(query.withGroup(value)));
    private final PlainSelect sort = new PlainSelect(getTranslation("servers.order"),
            value -> query(query.withSort(FleetSort.valueOf(value))));

    private final Div tiles = new Div();
    private final Map<Long, ServerTile> tileById = new HashMap<>();
    private List<Long> tileOrder = List.of();
    private final Button previousPage = new Button(getTranslation("servers.page.previous"),
            VaadinIcon.ANGLE_LEFT.create());
    private final Button nextPage = new Button(getTranslation("servers.page.next"), VaadinIcon.ANGLE_RIGHT.create());
    private final Span pageRange = new Span();
    private int page;
    private final Paragraph noServers = new Paragraph();
    private final Paragraph noMatch = new Paragraph(getTranslation("servers.no-match"));

    private final Grid<FleetServer> grid = new Grid<>();
    private final List<FleetServer> rows = new ArrayList<>();
    private final Map<Long, Integer> rowIndex = new HashMap<>();
    private final GridListDataView<FleetServer> rowsView;

    ServersView(FleetFeed feed, ServerRegistry registry, PowerActions power, AuthenticationContext authentication,
                FleetEnergy energy) {
        this.feed = feed;
        this.energyHeader = new FleetEnergyHeader(energy);
        this.actions = new ServerActions(registry, power, authentication, feed, this::openHistory);
        addClassName("servers-view");

        search.setId("server-search");
        search.setPlaceholder(getTranslation("servers.search"));
        search.setAriaLabel(getTranslation("servers.search"));
        search.setClearButtonVisible(true);
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(change -> query(query.withSearch(change.getValue())));
        group.setId("server-group");
        sort.setId("server-sort");
        Map<String, String> orders = new LinkedHashMap<>();
        for (FleetSort order : FleetSort.values()) {
            orders.put(order.name(), order.label());
        }
        sort.setOptions(orders);
        Div controls = new Div(search, group, sort);
        controls.addClassName("fleet-controls");

        tiles.addClassName("server-tiles");
        // one listener for every tile: a tile fires servmon-open when clicked or opened with Enter or Space
        tiles.getElement().addEventListener("servmon-open", open -> open.getEventDataElement("event.target")
                        .flatMap(Element::getComponent)
                        .filter(ServerTile.class::isInstance)
                        .ifPresent(tile -> openHistory(((ServerTile) tile).serverId())))
                .addEventDataElement("event.target");
        previousPage.setId("tiles-previous");
        nextPage.setId("tiles-next");
        nextPage.setIconAfterText(true);
        previousPage.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        nextPage.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        previousPage.addClickListener(click -> showPage(page - 1));
        nextPage.addClickListener(click -> showPage(page + 1));
        pageRange.setId("tiles-range");
        Div pager = new Div(previousPage, pageRange, nextPage);
        pager.addClassName("tile-pager");
        if (CurrentUser.isAdmin()) {
            noServers.add(new Span(getTranslation("servers.none.before")),
                    new RouterLink(getTranslation("servers.none.link"), AddServerView.class),
                    new Span(getTranslation("servers.none.after")));
        } else {
            // a viewer cannot add servers: no link to a page that would answer 403
            noServers.add(new Span(getTranslation("servers.none.viewer")));
        }
        noServers.addClassName("no-servers");
        noMatch.addClassName("no-servers");

        rowsView = grid.setItems(rows);
        rowsView.setIdentifierProvider(FleetServer::id);
        configureGrid();

        add(new H2(getTranslation("servers.heading")), energyHeader, counts, controls, noServers, noMatch, tiles, pager,
                new H2(getTranslation("servers.list")), grid);
    }

    // on every navigation here, also when the view instance is reused (e.g. clicking Servers while on it)
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        showFleet(feed.snapshot());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        // called on the feed's thread: note the change, and let the UI take all noted changes at once when it can
        subscription = feed.subscribe(change -> {
            if (pending.add(change)) {
                ui.access(() -> apply(pending.take()));
            }
        });
        FleetSnapshot now = feed.snapshot();
        if (now != fleet) {  // it changed between beforeEnter and the subscription
            showFleet(now);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
    }

    /** What the feed changed since this page last took its changes. */
    void apply(PendingFleetChanges.Batch batch) {
        if (batch.reorders()) {
            showFleet(batch.snapshot());
            return;
        }
        fleet = batch.snapshot();
        counts.show(fleet, query);
        // A few changes go row by row. Many go as one refresh of the rows in the browser's view: refreshing each
        // row sends every row the grid still holds a key for, and at 10,000 servers that was 1,800 rows a push
        // (a 530 KB frame).
        boolean rowByRow = batch.changed().size() <= REFRESH_ROWS_ONE_BY_ONE_UP_TO;
        for (Long id : batch.changed()) {
            FleetServer server = fleet.servers().get(id);
            Integer index = rowIndex.get(id);
            if (server == null || index == null) {
                continue;  // not shown with this filter
            }
            rows.set(index, server);
            if (rowByRow) {
                rowsView.refreshItem(server);
            }
            ServerTile tile = tileById.get(id);
            if (tile != null) {
                tile.show(server);
            }
        }
        if (!rowByRow) {
            rowsView.refreshAll();
        }
        energyHeader.refresh();
    }

    /** Re-reads what the page shows from the fleet: after a filter, a new order, servers added or removed. */
    private void showFleet(FleetSnapshot snapshot) {
        fleet = snapshot;
        counts.show(fleet, query);
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("", getTranslation("servers.group.all"));
        fleet.groups().forEach(name -> groups.put(name, name));
        group.setOptions(groups);
        group.setVisible(!fleet.groups().isEmpty());
        if (query.group() != null && !fleet.groups().contains(query.group())) {
            query = query.withGroup(null);  // its last server left the group
        }

        List<FleetServer> matching = query.apply(fleet);
        rows.clear();
        rows.addAll(matching);
        rowIndex.clear();
        for (int i = 0; i < rows.size(); i++) {
            rowIndex.put(rows.get(i).id(), i);
        }
        rowsView.refreshAll();
        // small fleets: the whole list without a scroll bar; large ones: a scrolling list that renders what shows
        grid.setAllRowsVisible(rows.size() <= ALL_ROWS_VISIBLE_UP_TO);
        noServers.setVisible(fleet.size() == 0);
        noMatch.setVisible(fleet.size() > 0 && rows.isEmpty());
        showPage(page);
        energyHeader.refresh();
    }

    private void showPage(int wanted) {
        int pages = Math.max(1, (rows.size() + TILES_PER_PAGE - 1) / TILES_PER_PAGE);
        page = Math.max(0, Math.min(wanted, pages - 1));
        int from = page * TILES_PER_PAGE;
        int to = Math.min(rows.size(), from + TILES_PER_PAGE);
        List<FleetServer> shown = rows.subList(from, to);
        List<Long> order = new ArrayList<>(shown.size());
        for (FleetServer server : shown) {
            order.add(server.id());
            ServerTile tile = tileById.get(server.id());
            if (tile == null) {
                tileById.put(server.id(), new ServerTile(server));
            } else {
                tile.show(server);
            }
        }
        if (!order.equals(tileOrder)) {  // another page, filter or order: re-lay the tiles, reusing those that stay
            tileById.keySet().retainAll(order);
            tiles.removeAll();
            order.forEach(id -> tiles.add(tileById.get(id)));
            tileOrder = order;
        }
        pageRange.setText(rows.isEmpty() ? "" : getTranslation("servers.page.range", Formats.count(from + 1),
                Formats.count(to), Formats.count(rows.size())));
        previousPage.setEnabled(page > 0);
        nextPage.setEnabled(page < pages - 1);
        previousPage.getParent().ifPresent(pager -> pager.setVisible(pages > 1));
    }

    private void filter(UnaryOperator<FleetQuery> change) {
        query(change.apply(query));
    }

    private void query(FleetQuery next) {
        if (!next.equals(query)) {
            query = next;
            page = 0;
            showFleet(fleet);
        }
    }

    private void configureGrid() {
        grid.setId("server-list");
        grid.addClassName("server-list");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(FleetServer::name).setHeader(getTranslation("servers.column.name")).setSortable(true).setFlexGrow(2);
        grid.addColumn(LitRenderer.<FleetServer>of(
                        "<span class=\"state-badge ${item.css}\">${item.text}</span>")
                        .withProperty("css", server -> StateLabels.cssClass(server.state()))
                        .withProperty("text", server -> StateLabels.text(server.state())))
                .setHeader(getTranslation("servers.column.state")).setComparator(FleetServer::attentionRank);
        grid.addColumn(server -> server.group() == null ? "" : server.group()).setHeader(getTranslation("servers.column.group"))
                .setSortable(true);
        grid.addColumn(server -> Formats.cpu(server.cpuPct())).setHeader(getTranslation("servers.column.cpu"))
                .setComparator(server -> server.cpuPct() == null ? -1 : server.cpuPct())
                .setPartNameGenerator(server -> server.highCpu() ? "cpu-high" : null);
        grid.addColumn(server -> Formats.power(server.powerW(), server.powerSource())).setHeader(getTranslation("servers.column.power"));
        grid.addColumn(server -> server.userCount() == null ? "–" : server.userCount().toString())
                .setHeader(getTranslation("servers.column.users"));
        grid.addColumn(server -> Formats.ago(server.lastSeen(), Instant.now())).setHeader(getTranslation("servers.column.last-seen"));
        grid.addColumn(actions.renderer()).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.addItemDoubleClickListener(click -> openHistory(click.getItem().id()));
    }

    private void openHistory(long serverId) {
        getUI().ifPresent(ui -> ui.navigate("servers/" + serverId + "/history"));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("servers.title");
    }

    // for the browserless tests
    FleetCounts counts() {
        return counts;
    }

    ServerActions actions() {
        return actions;
    }

    List<FleetServer> listed() {
        return List.copyOf(rows);
    }
}
