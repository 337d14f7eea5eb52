package servmon.dashboard.servers;

import servmon.dashboard.base.ui.Texts;
import servmon.events.ServerState;

import java.util.Locale;

/** The words and CSS classes of the server states, as the seed showed them ("Empty", a red "OFF"). */
final class StateLabels {

    private StateLabels() {
    }

    /** In the viewer's language (keys {@code state.empty}, {@code state.on}, ...). */
    static String text(ServerState state) {
        return Texts.get("state." + state.name().toLowerCase(Locale.ROOT));
    }

    /** In the given language, for words written outside a page (the main page's HTML preview). */
    static String text(ServerState state, Locale locale) {
        return Texts.get(locale, "state." + state.name().toLowerCase(Locale.ROOT));
    }

    /** e.g. {@code state-off}; dashboard.css colours tiles and badges by it. */
    static String cssClass(ServerState state) {
        return "state-" + state.name().toLowerCase(Locale.ROOT);
    }
}
