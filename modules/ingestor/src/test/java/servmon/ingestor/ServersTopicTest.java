package servmon.ingestor;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.ServerRegistered;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;
import servmon.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ServersTopicTest {

    @BeforeAll
    static void startIngestor() {
        RunningIngestor.context();
    }

    @Test
    void a_registration_on_the_servers_topic_is_known_without_asking_the_database() {
        learnRegistrationFromTheTopicOnly();
    }

    @Test
    void the_servers_topic_is_followed_without_committing_offsets() throws Exception {
        learnRegistrationFromTheTopicOnly();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaBroker.shared().bootstrapServers()))) {
            for (String group : admin.listGroups().all().get(10, TimeUnit.SECONDS).stream()
                    .map(GroupListing::groupId).toList()) {
                assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).keySet())
                        .as("partitions with offsets committed by group %s", group)
                        .noneMatch(partition -> partition.topic().equals(Topics.SERVERS.name()));
            }
        }
    }

    /**
     * Publishes a registration for a key the database does not have, pointing at a real row: a report with that
     * key can only be stored if the ingestor learned the key from the topic.
     */
    private static void learnRegistrationFromTheTopicOnly() {
        Fleet.Server row = Fleet.register();
        ServerKey agentKey = ServerKey.random();
        ServerId topicOnlyKey = ServerId.of(agentKey);
        SigningSecret secret = SigningSecret.of(agentKey);
        Fleet.send(Topics.SERVERS, topicOnlyKey, new ServerRegistered(ServmonEvent.VERSION, topicOnlyKey, row.id(),
                row.name(), null, Instant.now(), null, secret));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Fleet.sendSigned(Topics.METRICS, topicOnlyKey, Fleet.report(topicOnlyKey, Instant.now(), 1, 10.0), secret);
            return Fleet.sampleCount(row) > 0;
        });
    }
}
