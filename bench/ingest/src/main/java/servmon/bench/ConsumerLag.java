package servmon.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import servmon.events.TopicSpec;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Records on a topic not yet committed by a consumer group. The ingestor commits offsets only after the database
 * commit, so a lag of 0 means every report produced so far is in the database.
 */
final class ConsumerLag implements AutoCloseable {

    private final Admin admin;
    private final String group;
    private final TopicSpec topic;

    ConsumerLag(String bootstrapServers, String group, TopicSpec topic) {
        this(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), group, topic);
    }

    /** @param connection bootstrap servers and, on a locked broker, a login that may see the group's offsets */
    ConsumerLag(Map<String, Object> connection, String group, TopicSpec topic) {
        this.admin = Admin.create(connection);
        this.group = group;
        this.topic = topic;
    }

    long current() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < topic.partitions(); p++) {
                latest.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the lag of " + group, e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
