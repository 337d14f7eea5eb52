package servmon.dashboard.servers;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.dom.Element;
import servmon.dashboard.base.ui.Formats;
import servmon.dashboard.base.ui.Texts;
import servmon.events.ServerState;

import java.util.Locale;

/**
 * One server as a block: name, the seed's circular CPU gauge, state, power and users. A click, or Enter or Space
 * while it has the focus, opens its history.
 * <p>
 * The tile is one element, {@code <servmon-server-tile>} (servmon-server-tile.js), whose few properties hold the
 * texts; its role, focus, tooltip and click and key handling are the element's own. As a tree of ten small
 * components, 48 tiles were most of the main page's first response and of the browser's work before the first paint
 * at 10,000 servers. Its classes ({@code server-tile}, the state's class,
 * {@code tile-problem}) stay on the element, so dashboard.css and the browser tests find it as before.
 */
@Tag("servmon-server-tile")
@JsModule("./servmon-server-tile.js")
final class ServerTile extends Component implements HasStyle {

    private final long serverId;
    private ServerState shownState;

    /** A tile opens by a click, Enter or Space: the element then fires {@code servmon-open}, which the page hears. */
    ServerTile(FleetServer server) {
        this.serverId = server.id();
        addClassName("server-tile");
        show(server);
    }

    void show(FleetServer server) {
        Element tile = getElement();
        tile.setProperty("name", server.name());
        if (shownState != server.state()) {
            if (shownState != null) {
                removeClassName(StateLabels.cssClass(shownState));
            }
            addClassName(StateLabels.cssClass(server.state()));
            tile.setProperty("stateText", StateLabels.text(server.state()));
            shownState = server.state();
        }
        setClassName("tile-problem", server.conflict() || server.wakeFailed());
        // a server that is not up shows no load: its last figures would read as current
        boolean live = server.state() == ServerState.ON;
        showCpu(live ? server.cpuPct() : null);
        tile.setProperty("power", live ? Formats.power(server.powerW(), server.powerSource()) : "");
        tile.setProperty("users", live ? Formats.users(server.userCount()) : "");
        // the element makes its tooltip from the name, the state and this
        tile.setProperty("note", ((server.conflict() ? " " + Texts.get("servers.tile.conflict") : "")
                + (server.wakeFailed() ? " " + Texts.get("servers.tile.wake-failed") : "")).strip());
    }

    /** @param cpuPct 0–100, or null when unknown */
    private void showCpu(Double cpuPct) {
        Element tile = getElement();
        String figure = cpuPct == null ? "–" : String.format(Locale.ROOT, "%.0f%%", Math.max(0, Math.min(100, cpuPct)));
        boolean high = cpuPct != null && cpuPct >= FleetServer.HIGH_CPU_PCT;
        // high load has its own colour and a mark (dashboard.css), never red: red says OFF and nothing else
        String level = cpuPct == null ? "" : high ? "high" : cpuPct >= 50 ? "medium" : "";
        if (cpuPct == null) {
            tile.removeProperty("cpuPct");
        } else {
            tile.setProperty("cpuPct", Math.round(cpuPct * 10) / 10.0);
        }
        tile.setProperty("cpuText", figure);
        tile.setProperty("cpuLevel", level);
        tile.setProperty("cpuLabel", cpuPct == null ? Texts.get("servers.cpu.unknown")
                : Texts.get(high ? "servers.cpu.high" : "servers.cpu", figure));
    }

    long serverId() {
        return serverId;
    }

    String stateText() {
        return getElement().getProperty("stateText", "");
    }

    String cpuText() {
        return getElement().getProperty("cpuText", "");
    }

    boolean cpuHigh() {
        return "high".equals(getElement().getProperty("cpuLevel", ""));
    }

    String note() {
        return getElement().getProperty("note", "");
    }

    String powerText() {
        return getElement().getProperty("power", "");
    }
}
