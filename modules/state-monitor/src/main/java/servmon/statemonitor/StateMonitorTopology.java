package servmon.statemonitor;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import org.apache.kafka.streams.state.Stores;
import servmon.events.DeadLetterHeaders;
import servmon.events.EventSerializer;
import servmon.events.ServerStateChanged;
import servmon.events.TopicSpec;
import servmon.events.Topics;

import java.nio.charset.StandardCharsets;

/**
 * The monitor's topology: registrations, reports, wake commands and agents' answers (co-partitioned by server id),
 * decoded by one decoder, then one state-machine processor with a persistent store per server, writing to the
 * server-state topic. Records the shared validator refuses go to their dead-letter topics.
 */
final class StateMonitorTopology {

    /** Per server id, a {@link TrackedServer} in {@link TrackedServerCodec}'s format. */
    static final String STORE = "server-states";
    /** Per server id, the signing secret of its registration, that its reports and answers are checked with. */
    static final String SECRETS = "server-secrets";
    private static final String STATE_MACHINE = "server-state";
    /** Decodes every input topic's records (and the rerouted ones). */
    private static final String DECODER = "decode-input";
    private static final String DEAD_LETTERS = "dead-letters";

    private StateMonitorTopology() {
    }

    static Topology buildTopology(StateMonitorProperties props) {
        return buildTopology(props, StateTransitions.unobserved(), 1);
    }

    static Topology buildTopology(StateMonitorProperties props, StateTransitions transitions) {
        return buildTopology(props, transitions, 1);
    }

    /**
     * @param partitions the input topics' partition count, so records another client put on another partition than
     *                   the Java client would are rerouted to where their server lives; 1 reroutes nothing
     */
    static Topology buildTopology(StateMonitorProperties props, StateTransitions transitions, int partitions) {
        return buildTopology(props, transitions, DeadLetterCounts.unobserved(), partitions);
    }

    /** @param deadLetters counts the input records refused to their dead-letter topics */
    static Topology buildTopology(StateMonitorProperties props, StateTransitions transitions,
                                  DeadLetterCounts deadLetters, int partitions) {
        Topology topology = new Topology();
        // The servers topic is compacted: a monitor without offsets reads it all to learn the fleet. Old reports and
        // wake commands say nothing about now (their processing time would make them look fresh), so skip them.
        addRoutedSource(topology, Topics.SERVERS, AutoOffsetReset.earliest(), partitions);
        addRoutedSource(topology, Topics.METRICS, AutoOffsetReset.latest(), partitions);
        addRoutedSource(topology, Topics.WAKE_COMMANDS, AutoOffsetReset.latest(), partitions);
        addRoutedSource(topology, Topics.AGENT_REPLIES, AutoOffsetReset.latest(), partitions);
        // Records rerouted to the partition where their server lives; the earliest, as they were sent on purpose.
        topology.addSource(AutoOffsetReset.earliest(), Topics.MONITOR_REROUTED.name(),
                new UsePartitionTimeOnInvalidTimestamp(), new StringDeserializer(), new ByteArrayDeserializer(),
                Topics.MONITOR_REROUTED.name());
        // One decoder for all of them: it learns the signing secrets from registrations and checks reports and
        // answers with them, from its memory
        topology.addProcessor(DECODER, () -> new InputDecoder(STATE_MACHINE, DEAD_LETTERS, deadLetters),
                routerOf(Topics.SERVERS), routerOf(Topics.METRICS), routerOf(Topics.WAKE_COMMANDS),
                routerOf(Topics.AGENT_REPLIES), Topics.MONITOR_REROUTED.name());
        // The monitor's own heartbeat: only new ticks say anything about the input now.
        topology.addSource(AutoOffsetReset.latest(), Topics.MONITOR_TICKS.name(), new UsePartitionTimeOnInvalidTimestamp(),
                new StringDeserializer(), new ByteArrayDeserializer(), Topics.MONITOR_TICKS.name());
        topology.addProcessor(decoderOf(Topics.MONITOR_TICKS), TickDecoder::new, Topics.MONITOR_TICKS.name());

        topology.addProcessor(STATE_MACHINE, () -> new ServerStateProcessor(props, transitions), DECODER,
                decoderOf(Topics.MONITOR_TICKS));
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray()),
                STATE_MACHINE);
        // learnt from registrations, what reports and answers are checked with; the decoder keeps it in memory too
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SECRETS), Serdes.String(), Serdes.ByteArray()),
                DECODER);
        // EventSerializer writes a null value as is: the tombstone of a removed server.
        topology.addSink("server-state-sink", Topics.SERVER_STATE.name(), new StringSerializer(),
                new EventSerializer<ServerStateChanged>(), STATE_MACHINE);
        // Refused input, each to the dead-letter topic of the topic it was published on (DeadLetters names it).
        topology.addSink(DEAD_LETTERS, StateMonitorTopology::deadLetterTopicOf, new ByteArraySerializer(),
                new ByteArraySerializer(), DECODER);
        return topology;
    }

    private static String deadLetterTopicOf(Object key, Object value, RecordContext context) {
        Header origin = context.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC);
        return Topics.deadLetterOf(new String(origin.value(), StandardCharsets.UTF_8)).name();
    }

    private static void addRoutedSource(Topology topology, TopicSpec topic, AutoOffsetReset reset, int partitions) {
        // Raw bytes in, decoded by the decoder: a bad record can never fail a deserializer. An invalid timestamp
        // (negative, from a broken producer) takes the partition's time instead of stopping the stream.
        topology.addSource(reset, topic.name(), new UsePartitionTimeOnInvalidTimestamp(),
                new StringDeserializer(), new ByteArrayDeserializer(), topic.name());
        String reroute = "reroute-" + topic.name();
        topology.addProcessor(routerOf(topic), () -> new PartitionRouter(topic.name(), partitions, DECODER, reroute),
                topic.name());
        // the Java client's partitioner (murmur2 of the key), as the agents and the dashboard use
        topology.addSink(reroute, Topics.MONITOR_REROUTED.name(), new StringSerializer(), new ByteArraySerializer(),
                routerOf(topic));
    }

    private static String routerOf(TopicSpec topic) {
        return "route-" + topic.name();
    }

    private static String decoderOf(TopicSpec topic) {
        return "decode-" + topic.name();
    }
}
