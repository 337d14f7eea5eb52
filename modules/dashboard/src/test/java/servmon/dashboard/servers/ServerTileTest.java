package servmon.dashboard.servers;

import org.junit.jupiter.api.Test;
import servmon.events.ServerState;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What a tile hands its element: the figures, and for its tooltip what is wrong besides the state. */
class ServerTileTest {

    @Test
    void a_tile_with_conflicting_reports_and_a_failed_wake_says_both_and_is_marked_a_problem() {
        ServerTile tile = new ServerTile(server(ServerState.WAKING, true, true));

        assertThat(tile.hasClassName("tile-problem")).isTrue();
        assertThat(tile.note()).contains("(two agents report with its key)").contains("(its last wake timed out)");
    }

    @Test
    void a_fine_tile_has_no_note_and_loses_it_when_the_problem_is_gone() {
        ServerTile tile = new ServerTile(server(ServerState.ON, true, false));
        assertThat(tile.note()).isNotEmpty();

        tile.show(server(ServerState.ON, false, false));

        assertThat(tile.note()).isEmpty();
        assertThat(tile.hasClassName("tile-problem")).isFalse();
        assertThat(tile.stateText()).isEqualTo("ON");
    }

    private static FleetServer server(ServerState state, boolean conflict, boolean wakeFailed) {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        return new FleetServer(7, "web-7", null, true, state, now, now, 20.0, 90.0, null, 2, conflict, wakeFailed);
    }
}
