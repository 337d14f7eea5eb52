package servmon.dashboard.servers;

import java.util.Comparator;

/** The orders the main page offers for tiles and list; every one ends by name, then id, so it is total. */
enum FleetSort {

    ATTENTION("Problems first", Comparator.comparingInt(FleetServer::attentionRank)),
    NAME("Name", (a, b) -> 0),
    CPU("CPU, highest first", Comparator.comparing(FleetSort::liveCpu, Comparator.reverseOrder())),
    POWER("Power, highest first", Comparator.comparing(FleetSort::livePower, Comparator.reverseOrder()));

    private final String label;
    private final Comparator<FleetServer> order;

    FleetSort(String label, Comparator<FleetServer> first) {
        this.label = label;
        this.order = first.thenComparing(FleetServer::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparingLong(FleetServer::id);
    }

    String label() {
        return label;
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
