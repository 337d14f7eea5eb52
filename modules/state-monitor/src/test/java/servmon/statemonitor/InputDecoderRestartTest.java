package servmon.statemonitor;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import servmon.events.EventCodec;
import servmon.events.ServerId;
import servmon.events.Topics;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder checks signatures against the secrets in its memory: a second instance (a restarted or revived task)
 * must load them from the store the first one left, or it would let every report of a known server through unchecked.
 */
class InputDecoderRestartTest {

    static final long T0 = 1_772_366_400_000L;
    static final String STATE_MACHINE = "state-machine";
    static final String DEAD_LETTERS = "dead-letters";

    final ServerId server = ServerId.random();
    final KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(StateMonitorTopology.SECRETS), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();

    @Test
    void secrets_learnt_before_a_restart_check_the_reports_after_it() {
        MockProcessorContext<Object, Object> first = new MockProcessorContext<>();
        first.addStateStore(store);
        store.init(first.getStateStoreContext(), store);
        InputDecoder before = new InputDecoder(STATE_MACHINE, DEAD_LETTERS, DeadLetterCounts.unobserved());
        before.init(first);
        first.setRecordMetadata(Topics.SERVERS.name(), 0, 0);
        before.process(new Record<>(server.value(), EventCodec.encode(Events.registration(server)), T0));
        before.close();

        MockProcessorContext<Object, Object> second = new MockProcessorContext<>();
        second.addStateStore(store);
        InputDecoder after = new InputDecoder(STATE_MACHINE, DEAD_LETTERS, DeadLetterCounts.unobserved());
        after.init(second);
        byte[] report = EventCodec.encode(Events.report(server, 8, "boot-1"));
        second.setRecordMetadata(Topics.METRICS.name(), 0, 0);
        after.process(new Record<>(server.value(), report, T0));  // unsigned
        second.setRecordMetadata(Topics.METRICS.name(), 0, 1);
        after.process(new Record<>(server.value(), report, T0, Events.signed(server.value(), report).headers()));

        List<String> to = second.forwarded().stream().map(forward -> forward.childName().orElseThrow()).toList();
        assertThat(to).containsExactly(DEAD_LETTERS, STATE_MACHINE);
    }
}
