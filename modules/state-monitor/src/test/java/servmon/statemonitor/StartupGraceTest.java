package servmon.statemonitor;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import servmon.events.ServerId;
import servmon.events.ServerStateChanged;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static servmon.events.ServerState.EMPTY;
import static servmon.events.ServerState.OFF;
import static servmon.events.ServerState.ON;

/**
 * A restart of the monitor, played on the processor: a second instance works on the store the first one left,
 * as a restarted stream task does after restoring it.
 */
class StartupGraceTest {

    static final long T0 = 1_772_366_400_000L;

    final ServerId server = ServerId.random();
    final KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(StateMonitorTopology.STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();

    @Test
    void restart_gives_every_server_a_full_timeout_before_off() {
        MockProcessorContext<String, ServerStateChanged> first = contextAt(T0);
        store.init(first.getStateStoreContext(), store);
        ServerStateProcessor before = new ServerStateProcessor(StateMonitorTopologyTest.DEFAULTS);
        before.init(first);
        before.process(new Record<>(server.value(), new Input.Registered(Events.registration(server)), T0));
        before.process(new Record<>(server.value(), new Input.Report(Events.report(server, 8, "boot-1")), T0));
        assertThat(states(first)).containsExactly(EMPTY, ON);
        before.close();

        // The monitor was down for a minute: the store says the server was last seen 60 s ago, far beyond 17 s.
        long restart = T0 + 60_000;
        MockProcessorContext<String, ServerStateChanged> second = contextAt(restart);
        ServerStateProcessor after = new ServerStateProcessor(StateMonitorTopologyTest.DEFAULTS);
        after.init(second);
        Punctuator check = second.scheduledPunctuators().getFirst().getPunctuator();
        // the input flows: ticks keep coming through the whole time checked below
        after.process(new Record<>("tick", new Input.Tick(restart + 20_000), restart));

        for (long at = restart + 250; at <= restart + 17_000; at += 250) {  // checks come every 250 ms
            check.punctuate(at);
        }
        assertThat(states(second)).as("no OFF before a full timeout after the restart").isEmpty();

        for (long at = restart + 17_250; at <= restart + 18_500; at += 250) {
            check.punctuate(at);
        }
        assertThat(second.forwarded()).singleElement().satisfies(forward -> {
            ServerStateChanged off = forward.record().value();
            assertThat(off.state()).isEqualTo(OFF);
            assertThat(off.lastSeen().toEpochMilli()).as("the real last sighting, not the restart").isEqualTo(T0);
        });
    }

    private MockProcessorContext<String, ServerStateChanged> contextAt(long wallClockMs) {
        MockProcessorContext<String, ServerStateChanged> context = new MockProcessorContext<>();
        context.addStateStore(store);
        context.setCurrentSystemTimeMs(wallClockMs);
        return context;
    }

    private static List<servmon.events.ServerState> states(MockProcessorContext<String, ServerStateChanged> context) {
        return context.forwarded().stream().map(forward -> forward.record().value().state()).toList();
    }
}
