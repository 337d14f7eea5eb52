package servmon.dashboard.servers;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import servmon.dashboard.base.ui.Formats;
import servmon.dashboard.base.ui.Texts;
import servmon.events.ServerState;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The fleet header's counts, problems first: All, Problems, OFF, Waking, Empty, ON, Asleep, each with its number of
 * servers. Each is a toggle that filters tiles and list to it (ids {@code filter-all}, {@code filter-problems},
 * {@code filter-off}, ...).
 */
final class FleetCounts extends Div {

    /** The states in the header's order, problems first (the HTML preview, FleetPreview, shows the same). */
    static final ServerState[] STATES_IN_ORDER = {
        ServerState.OFF, ServerState.WAKING, ServerState.EMPTY, ServerState.ON, ServerState.ASLEEP};

    private final Map<String, Button> buttons = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();

    FleetCounts(Consumer<UnaryOperator<FleetQuery>> onFilter) {
        addClassName("fleet-counts");
        getElement().setAttribute("role", "group");
        getElement().setAttribute("aria-label", Texts.get("servers.filter.state"));
        entry("all", Texts.get("servers.filter.all"), query -> query.withState(null), onFilter);
        entry("problems", Texts.get("servers.filter.problems"), FleetQuery::withProblemsOnly, onFilter);
        for (ServerState state : STATES_IN_ORDER) {
            entry(key(state), StateLabels.text(state),
                    query -> query.withState(state), onFilter);
            buttons.get(key(state))
                    .addClassName(StateLabels.cssClass(state));
        }
    }

    private void entry(String key, String label, UnaryOperator<FleetQuery> filter,
                       Consumer<UnaryOperator<FleetQuery>> onFilter) {
        Button button = new Button(label, click -> onFilter.accept(filter));
        button.setId("filter-" + key);
        button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        button.addClassName("fleet-count");
        buttons.put(key, button);
        labels.put(key, label);
        add(button);
    }

    /** Shows the fleet's numbers and which filter is on. */
    void show(FleetSnapshot fleet, FleetQuery query) {
        count("all", fleet.size());
        count("problems", fleet.problems());
        for (ServerState state : STATES_IN_ORDER) {
            count(key(state), fleet.counts().get(state));
        }
        String active = query.problemsOnly() ? "problems"
                : query.state() == null ? "all" : key(query.state());
        buttons.forEach((key, button) -> {
            boolean on = key.equals(active);
            if (on != button.hasThemeName(ButtonVariant.LUMO_PRIMARY.getVariantName())) {
                if (on) {
                    button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                } else {
                    button.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
                }
            }
            button.getElement().setAttribute("aria-pressed", Boolean.toString(on));
        });
    }

    private void count(String key, int count) {
        Button button = buttons.get(key);
        button.setText(labels.get(key) + " " + Formats.count(count));
        button.setClassName("has-some", count > 0);
    }

    private static String key(ServerState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    String text(String key) {
        return buttons.get(key).getText();
    }
}
