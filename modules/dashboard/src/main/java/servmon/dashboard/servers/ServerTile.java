package servmon.dashboard.servers;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import servmon.dashboard.base.ui.Formats;
import servmon.events.ServerState;

/** One server as a block: name, CPU gauge, state, power and users. A click opens its history. */
final class ServerTile extends Div {

    private final long serverId;
    private final H3 name = new H3();
    private final CpuGauge gauge = new CpuGauge();
    private final Span state = new Span();
    private final Span power = new Span();
    private final Span users = new Span();
    private ServerState shownState;

    ServerTile(ServerSummary server) {
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
        show(server);
    }

    void show(ServerSummary server) {
        name.setText(server.name());
        if (shownState != server.state()) {
            if (shownState != null) {
                removeClassName(StateLabels.cssClass(shownState));
            }
            addClassName(StateLabels.cssClass(server.state()));
            state.setText(StateLabels.text(server.state()));
            shownState = server.state();
        }
        // a server that is not up shows no load: its last figures would read as current
        boolean live = server.state() == ServerState.ON;
        gauge.setCpu(live ? server.cpuPct() : null);
        power.setText(live ? Formats.power(server.powerW(), server.powerSource()) : "");
        users.setText(live ? Formats.users(server.userCount()) : "");
        getElement().setAttribute("title", server.name() + ": " + StateLabels.text(server.state()));
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

    String powerText() {
        return power.getText();
    }
}
