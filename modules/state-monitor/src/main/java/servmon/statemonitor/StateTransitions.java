package servmon.statemonitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import servmon.events.ServerState;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts the state changes the monitor publishes, by the state entered: {@code servmon_state_transitions_total{state}}
 * in Prometheus (a registration counts as entering EMPTY). Called from the stream threads: counters only, made once.
 */
final class StateTransitions {

    private final Map<ServerState, Counter> entered = new EnumMap<>(ServerState.class);
    private final Counter conflicts;

    StateTransitions(MeterRegistry registry) {
        conflicts = Counter.builder("servmon.key.conflicts")
                .description("Times two agents were found reporting with one server key")
                .register(registry);
        for (ServerState state : ServerState.values()) {
            entered.put(state, Counter.builder("servmon.state.transitions")
                    .description("Server state changes published by the state monitor, by the state entered")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    /** Counted in a registry of its own that nobody reads: for tests that drive the topology directly. */
    static StateTransitions unobserved() {
        return new StateTransitions(new SimpleMeterRegistry());
    }

    void entered(ServerState state) {
        entered.get(state).increment();
    }

    void conflict() {
        conflicts.increment();
    }
}
