package servmon.events;

import org.apache.kafka.clients.admin.NewTopic;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static servmon.events.TopicSpec.Cleanup.COMPACT;
import static servmon.events.TopicSpec.Cleanup.DELETE;

/**
 * Every servmon topic. All are keyed by the server id ({@link ServerId}, UTF-8 string; never the secret key), so one server's events stay in order
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
     * The power policies in force, one record under the key "policies" (see {@link PowerPolicies}); compacted, so
     * the latest version is kept for good. Written by the dashboard only. Created with the installation's partition
     * count like every topic (TopicSpec.toNewTopic), of which the one key uses one.
     */
    public static final TopicSpec POWER_POLICIES =
            new TopicSpec("servmon.power-policies.v1", PowerPolicies.class, PARTITIONS, COMPACT, null);
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
    /*
     * Dead-letter topics: one per event topic, named after it with ".dlt". A consumer puts there, at once and counted,
     * each record it refuses (invalid, or refused by the database), with the reason and origin in DeadLetterHeaders
     * and the value as received (truncated past DeadLetters.MAX_VALUE_BYTES), so one bad record never stops a
     * partition. Kept a month: long enough for an operator to look.
     */
    public static final TopicSpec METRICS_DLT = deadLetterTopic(METRICS);
    public static final TopicSpec SERVERS_DLT = deadLetterTopic(SERVERS);
    public static final TopicSpec SERVER_STATE_DLT = deadLetterTopic(SERVER_STATE);
    public static final TopicSpec WAKE_COMMANDS_DLT = deadLetterTopic(WAKE_COMMANDS);
    public static final TopicSpec WAKE_RESULTS_DLT = deadLetterTopic(WAKE_RESULTS);
    public static final TopicSpec AGENT_CONTROL_DLT = deadLetterTopic(AGENT_CONTROL);
    public static final TopicSpec SLEEP_COMMANDS_DLT = deadLetterTopic(SLEEP_COMMANDS);
    public static final TopicSpec AGENT_REPLIES_DLT = deadLetterTopic(AGENT_REPLIES);
    public static final TopicSpec POWER_POLICIES_DLT = deadLetterTopic(POWER_POLICIES);

    private static final Map<String, TopicSpec> DEAD_LETTER_TOPICS = Map.of(
            METRICS.name(), METRICS_DLT, SERVERS.name(), SERVERS_DLT, SERVER_STATE.name(), SERVER_STATE_DLT,
            WAKE_COMMANDS.name(), WAKE_COMMANDS_DLT, WAKE_RESULTS.name(), WAKE_RESULTS_DLT,
            AGENT_CONTROL.name(), AGENT_CONTROL_DLT, SLEEP_COMMANDS.name(), SLEEP_COMMANDS_DLT,
            AGENT_REPLIES.name(), AGENT_REPLIES_DLT, POWER_POLICIES.name(), POWER_POLICIES_DLT);

    public static final List<TopicSpec> ALL =
            List.of(METRICS, SERVERS, SERVER_STATE, WAKE_COMMANDS, WAKE_RESULTS, AGENT_CONTROL, SLEEP_COMMANDS,
                    AGENT_REPLIES, POWER_POLICIES, MONITOR_TICKS, MONITOR_REROUTED, METRICS_DLT, SERVERS_DLT,
                    SERVER_STATE_DLT, WAKE_COMMANDS_DLT, WAKE_RESULTS_DLT, AGENT_CONTROL_DLT, SLEEP_COMMANDS_DLT,
                    AGENT_REPLIES_DLT, POWER_POLICIES_DLT);

    /** The dead-letter topic of the event topic {@code topic}. */
    public static TopicSpec deadLetterOf(String topic) {
        TopicSpec deadLetters = DEAD_LETTER_TOPICS.get(topic);
        if (deadLetters == null) {
            throw new IllegalArgumentException(topic + " is not a servmon event topic: it has no dead-letter topic");
        }
        return deadLetters;
    }

    private static TopicSpec deadLetterTopic(TopicSpec input) {
        return new TopicSpec(input.name() + ".dlt", null, PARTITIONS, DELETE, Duration.ofDays(30));
    }

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
