package servmon.events;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.embedded.EmbeddedKafkaBroker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** On a broker of its own, holding what an older servmon made: topics with 3 partitions. */
class TopicProvisionerTest {

    @Test
    void topics_a_newer_version_adds_get_the_partition_count_the_installation_already_has(@TempDir Path dir)
            throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            assertThat(TopicProvisioner.partitionsInUse(config)).as("a new installation").isEqualTo(Topics.PARTITIONS);

            admin.createTopics(List.of(new NewTopic(Topics.METRICS.name(), 3, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(TopicProvisioner.partitionsInUse(config)).isEqualTo(3);

            TopicProvisioner.ensureTopics(broker.bootstrapServers(), (short) 1);
            // topics just created may not be in every metadata cache yet: describe them once they are
            Map<String, TopicDescription> topics = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.describeTopics(Topics.ALL.stream().map(TopicSpec::name).toList())
                            .allTopicNames().get(30, TimeUnit.SECONDS), described -> described != null);
            assertThat(topics.values()).extracting(topic -> topic.partitions().size()).containsOnly(3);
            assertThat(Topics.newTopics((short) 1, 3)).extracting(NewTopic::numPartitions).containsOnly(3);
        }
    }
}
