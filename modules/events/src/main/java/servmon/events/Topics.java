package servmon.events;

import org.apache.kafka.clients.admin.NewTopic;

import java.time.Duration;
import java.util.List;

import static servmon.events.TopicSpec.Cleanup.COMPACT;
import static servmon.events.TopicSpec.Cleanup.DELETE;

/**
 * Every servmon topic. All are keyed by the server key (UTF-8 string), so one server's events stay in order
 * on one partition, and topics that a service joins have the same partition count.
 */
public final class Topics {

    /**
     * Partitions of every keyed topic; equal counts keep them co-partitioned for Kafka Streams. Six lets up to six
     * instances of each service (or consumer threads) share the fleet; an existing installation keeps the count it
     * was created with, and raising it means raising every topic together (see docs/scaling.md).
     */
    public static final int PARTITIONS = 6;

    public static final TopicSpec METRICS =
            new TopicSpec("servmon.metrics.v1", MetricReport.class, PARTITIONS, DELETE, Duration.ofDays(7));
    public static final TopicSpec SERVERS =
            new TopicSpec("servmon.servers.v1", ServerRegistered.class, PARTITIONS, COMPACT, null);
    public static final TopicSpec SERVER_STATE =
            new TopicSpec("servmon.server-state.v1", ServerStateChanged.class, PARTITIONS, COMPACT, null);
    public static final TopicSpec WAKE_COMMANDS =
            new TopicSpec("servmon.wake-commands.v1", WakeCommand.class, PARTITIONS, DELETE, Duration.ofDays(7));
    public static final TopicSpec WAKE_RESULTS =
            new TopicSpec("servmon.wake-results.v1", WakeResult.class, PARTITIONS, DELETE, Duration.ofDays(30));
    public static final TopicSpec AGENT_CONTROL =
            new TopicSpec("servmon.agent-control.v1", AgentControl.class, PARTITIONS, DELETE, Duration.ofDays(1));
    public static final TopicSpec SLEEP_COMMANDS =
            new TopicSpec("servmon.sleep-commands.v1", SleepCommand.class, PARTITIONS, DELETE, Duration.ofDays(7));
    public static final TopicSpec AGENT_REPLIES =
            new TopicSpec("servmon.agent-replies.v1", AgentReply.class, PARTITIONS, DELETE, Duration.ofDays(7));
    /**
     * The state monitor's own heartbeat through the broker (8-byte epoch-millisecond values, key "tick"): a tick
     * that is late or missing tells the monitor its input is stalled, so silence then proves nothing.
     */
    public static final TopicSpec MONITOR_TICKS =
            new TopicSpec("servmon.monitor-ticks.v1", null, PARTITIONS, DELETE, Duration.ofHours(1));
    /**
     * Input records that reached the state monitor on another partition than the Java client's partitioner picks for
     * their key (a client with another partitioner, e.g. kcat): sent on to the right one, as received.
     */
    public static final TopicSpec MONITOR_REROUTED =
            new TopicSpec("servmon.monitor-rerouted.v1", null, PARTITIONS, DELETE, Duration.ofDays(1));
    /** Metric records the ingestor refused, as received, with the reason in {@link DeadLetterHeaders}. */
    public static final TopicSpec METRICS_DLT =
            new TopicSpec("servmon.metrics.v1.dlt", null, PARTITIONS, DELETE, Duration.ofDays(30));

    public static final List<TopicSpec> ALL =
            List.of(METRICS, SERVERS, SERVER_STATE, WAKE_COMMANDS, WAKE_RESULTS, AGENT_CONTROL, SLEEP_COMMANDS,
                    AGENT_REPLIES, MONITOR_TICKS, MONITOR_REROUTED, METRICS_DLT);

    /** Every topic as it should be created; services hand these to Spring Kafka's KafkaAdmin at start. */
    public static List<NewTopic> newTopics(short replicationFactor) {
        return newTopics(replicationFactor, PARTITIONS);
    }

    /**
     * Every topic with {@code partitions} partitions: the count the installation's topics already have (see
     * {@link TopicProvisioner#partitionsInUse}), so that a topic added by a newer version stays co-partitioned with
     * the older ones.
     */
    public static List<NewTopic> newTopics(short replicationFactor, int partitions) {
        return ALL.stream().map(spec -> spec.toNewTopic(replicationFactor, partitions)).toList();
    }

    private Topics() {
    }
}
