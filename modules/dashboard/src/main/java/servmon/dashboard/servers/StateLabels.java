package servmon.dashboard.servers;

import servmon.events.ServerState;

import java.util.Locale;

/** The words and CSS classes of the server states, as the seed showed them ("Empty", a red "OFF"). */
final class StateLabels {

    private StateLabels() {
    }

    static String text(ServerState state) {
        return switch (state) {
            case EMPTY -> "Empty";
            case ON -> "ON";
            case OFF -> "OFF";
            case WAKING -> "Waking…";
            case ASLEEP -> "Asleep";
        };
    }

    /** e.g. {@code state-off}; dashboard.css colours tiles and badges by it. */
    static String cssClass(ServerState state) {
        return "state-" + state.name().toLowerCase(Locale.ROOT);
    }
}
