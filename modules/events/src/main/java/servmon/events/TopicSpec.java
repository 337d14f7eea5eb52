package servmon.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One topic: its name, what its values are, and how it is created.
 *
 * @param valueType  the event its values hold; null for the dead-letter topic, whose values are raw bytes
 * @param retention  how long records are kept under the delete policy; ignored when compacted
 */
public record TopicSpec(String name, Class<? extends ServmonEvent> valueType, int partitions, Cleanup cleanup,
                        Duration retention) {

    public enum Cleanup { DELETE, COMPACT }

    public NewTopic toNewTopic(short replicationFactor) {
        return toNewTopic(replicationFactor, partitions);
    }

    /** As created in an installation whose topics have {@code partitionCount} partitions. */
    public NewTopic toNewTopic(short replicationFactor, int partitionCount) {
        Map<String, String> configs = new HashMap<>();
        if (cleanup == Cleanup.COMPACT) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        }
        return new NewTopic(name, partitionCount, replicationFactor).configs(configs);
    }
}
