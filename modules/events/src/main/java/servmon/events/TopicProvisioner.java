package servmon.events;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the servmon topics that are missing; every service calls it at start, so start order does not matter. */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    public static void ensureTopics(String bootstrapServers, short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ensureTopics(admin, Topics.ALL, replicationFactor);
        }
    }

    /**
     * The partition count this installation's topics have: the metrics topic's, when it exists (an installation
     * made by an older version may have fewer than {@link Topics#PARTITIONS}), else {@link Topics#PARTITIONS}.
     * Topics a newer version adds must match it, or Kafka Streams refuses the co-partitioned inputs.
     */
    public static int partitionsInUse(Map<String, Object> adminConfig) {
        try (Admin admin = Admin.create(adminConfig)) {
            return partitionsInUse(admin);
        } catch (RuntimeException e) {
            return Topics.PARTITIONS;
        }
    }

    static int partitionsInUse(Admin admin) {
        try {
            return admin.describeTopics(List.of(Topics.METRICS.name())).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.METRICS.name()).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Topics.PARTITIONS;
        } catch (ExecutionException | TimeoutException e) {
            return Topics.PARTITIONS;  // not created yet (or no broker yet): a new installation
        }
    }

    public static void ensureTopics(Admin admin, Collection<TopicSpec> specs, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            int partitions = existing.contains(Topics.METRICS.name()) ? partitionsInUse(admin) : Topics.PARTITIONS;
            List<NewTopic> missing = specs.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> spec.toNewTopic(replicationFactor, partitions))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    log.info("Created topic {}", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {  // another service won the race
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create servmon topics: " + e.getMessage(), e);
        }
    }
}
