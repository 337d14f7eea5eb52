package servmon.dashboard.servers;

import org.junit.jupiter.api.Test;
import servmon.events.ServerState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The main page's filters and orders over a fleet snapshot, as pure logic. */
class FleetQueryTest {

    private static final FleetServer CALM = server(1, "calm", "rack-a", ServerState.ON, 5.0, false, false);
    private static final FleetServer BUSY = server(2, "Busy", "rack-b", ServerState.ON, 97.0, false, false);
    private static final FleetServer GONE = server(3, "gone", "rack-a", ServerState.OFF, 60.0, false, false);
    private static final FleetServer TWIN = server(4, "twin", null, ServerState.ON, 20.0, true, false);
    private static final FleetServer STUCK = server(5, "stuck", null, ServerState.ASLEEP, null, false, true);
    private static final FleetServer NEW = server(6, "new", null, ServerState.EMPTY, null, false, false);
    private static final FleetServer DOZING = server(7, "dozing", "rack-b", ServerState.ASLEEP, null, false, false);
    private static final FleetSnapshot FLEET = fleet(CALM, BUSY, GONE, TWIN, STUCK, NEW, DOZING);

    @Test
    void problems_first_then_waking_never_reported_on_and_asleep_each_by_name() {
        assertThat(FleetQuery.EVERYTHING.apply(FLEET)).containsExactly(GONE, TWIN, STUCK, NEW, BUSY, CALM, DOZING);
    }

    @Test
    void by_cpu_the_busiest_first_and_servers_that_are_not_on_last() {
        assertThat(FleetQuery.EVERYTHING.withSort(FleetSort.CPU).apply(FLEET))
                .containsExactly(BUSY, TWIN, CALM, DOZING, GONE, NEW, STUCK);
    }

    @Test
    void the_search_matches_part_of_the_name_in_any_case() {
        assertThat(FleetQuery.EVERYTHING.withSearch(" BUS ").apply(FLEET)).containsExactly(BUSY);
    }

    @Test
    void a_state_a_group_and_only_problems_filter() {
        assertThat(FleetQuery.EVERYTHING.withState(ServerState.ASLEEP).apply(FLEET)).containsExactly(STUCK, DOZING);
        assertThat(FleetQuery.EVERYTHING.withGroup("rack-a").apply(FLEET)).containsExactly(GONE, CALM);
        assertThat(FleetQuery.EVERYTHING.withProblemsOnly().apply(FLEET)).containsExactly(GONE, TWIN, STUCK);
        assertThat(FleetQuery.EVERYTHING.withProblemsOnly().withState(ServerState.ON).problemsOnly())
                .as("a state replaces the problems filter").isFalse();
    }

    @Test
    void the_snapshot_counts_states_problems_and_groups() {
        assertThat(FLEET.counts()).containsEntry(ServerState.ON, 3).containsEntry(ServerState.OFF, 1)
                .containsEntry(ServerState.ASLEEP, 2).containsEntry(ServerState.EMPTY, 1)
                .containsEntry(ServerState.WAKING, 0);
        assertThat(FLEET.problems()).isEqualTo(3);
        assertThat(FLEET.groups()).containsExactly("rack-a", "rack-b");
    }

    @Test
    void high_cpu_is_only_for_a_server_that_is_on() {
        assertThat(BUSY.highCpu()).isTrue();
        assertThat(server(8, "off", null, ServerState.OFF, 99.0, false, false).highCpu()).as("OFF: its last figure is not current").isFalse();
    }

    private static FleetServer server(long id, String name, String group, ServerState state, Double cpu,
                                      boolean conflict, boolean wakeFailed) {
        return new FleetServer(id, name, group, true, state, null, null, cpu, null, null, null, conflict, wakeFailed);
    }

    private static FleetSnapshot fleet(FleetServer... servers) {
        Map<Long, FleetServer> byId = new HashMap<>();
        List.of(servers).forEach(server -> byId.put(server.id(), server));
        return FleetSnapshot.of(byId);
    }
}
