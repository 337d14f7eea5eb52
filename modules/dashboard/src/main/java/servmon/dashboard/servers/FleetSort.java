package servmon.dashboard.servers;

import servmon.dashboard.base.ui.Texts;

import java.util.Comparator;
import java.util.Locale;

/** The orders the main page offers for tiles and list; every one ends by name, then id, so it is total. */
enum FleetSort {

    ATTENTION(Comparator.comparingInt(FleetServer::attentionRank)),
    NAME((a, b) -> 0),
    CPU(Comparator.comparing(FleetSort::liveCpu, Comparator.reverseOrder())),
    POWER(Comparator.comparing(FleetSort::livePower, Comparator.reverseOrder()));

    private final Comparator<FleetServer> order;

    FleetSort(Comparator<FleetServer> first) {
        this.order = first.thenComparing(FleetServer::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparingLong(FleetServer::id);
    }

    /** In the viewer's language (keys {@code servers.sort.attention}, ...). */
    String label() {
        return Texts.get("servers.sort." + name().toLowerCase(Locale.ROOT));
    }

    Comparator<FleetServer> order() {
        return order;
    }

    // figures of a server that is not ON are not current: they sort last, as unknown ones
    private static double liveCpu(FleetServer server) {
        return server.state() == servmon.events.ServerState.ON && server.cpuPct() != null ? server.cpuPct() : -1;
    }

    private static double livePower(FleetServer server) {
        return server.state() == servmon.events.ServerState.ON && server.powerW() != null ? server.powerW() : -1;
    }
}
