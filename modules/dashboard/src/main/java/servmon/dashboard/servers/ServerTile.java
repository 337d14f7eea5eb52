package servmon.dashboard.servers;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import servmon.dashboard.base.ui.Formats;
import servmon.dashboard.base.ui.Texts;
import servmon.events.ServerState;

/**
 * One server as a block: name, CPU gauge, state, power and users. A click, or Enter or Space while it has the focus,
 * opens its history.
 */
final class ServerTile extends Div {

    private final long serverId;
    private final H3 name = new H3();
    private final CpuGauge gauge = new CpuGauge();
    private final Span state = new Span();
    private final Span power = new Span();
    private final Span users = new Span();
    private ServerState shownState;

    ServerTile(FleetServer server, Runnable open) {
        this.serverId = server.id();
        addClassName("server-tile");
        getElement().setAttribute("role", "link");
        getElement().setAttribute("tabindex", "0");
        state.addClassName("state-badge");
        power.addClassName("tile-power");
        users.addClassName("tile-users");
        Div figures = new Div(power, users);
        figures.addClassName("tile-figures");
        add(name, gauge, state, figures);
        addClickListener(click -> open.run());
        // a link opens with Enter; role=link tiles also with Space, which must not scroll the page then
        getElement().addEventListener("keydown", key -> open.run())
                .setFilter("event.key === 'Enter' || event.key === ' '")
                .preventDefault();
        show(server);
    }

    void show(FleetServer server) {
        name.setText(server.name());
        if (shownState != server.state()) {
            if (shownState != null) {
                removeClassName(StateLabels.cssClass(shownState));
            }
            addClassName(StateLabels.cssClass(server.state()));
            state.setText(StateLabels.text(server.state()));
            shownState = server.state();
        }
        setClassName("tile-problem", server.conflict() || server.wakeFailed());
        // a server that is not up shows no load: its last figures would read as current
        boolean live = server.state() == ServerState.ON;
        gauge.setCpu(live ? server.cpuPct() : null);
        power.setText(live ? Formats.power(server.powerW(), server.powerSource()) : "");
        users.setText(live ? Formats.users(server.userCount()) : "");
        getElement().setAttribute("title", server.name() + ": " + StateLabels.text(server.state())
                + (server.conflict() ? " " + Texts.get("servers.tile.conflict") : "")
                + (server.wakeFailed() ? " " + Texts.get("servers.tile.wake-failed") : ""));
    }

    long serverId() {
        return serverId;
    }

    String stateText() {
        return state.getText();
    }

    String cpuText() {
        return gauge.figureText();
    }

    boolean cpuHigh() {
        return gauge.hasClassName("cpu-high");
    }

    String powerText() {
        return power.getText();
    }
}
