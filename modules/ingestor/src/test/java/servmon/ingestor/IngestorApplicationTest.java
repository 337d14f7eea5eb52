package servmon.ingestor;

import jakarta.persistence.EntityManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.TopicSpec;
import servmon.events.Topics;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class IngestorApplicationTest {

    @BeforeAll
    static void startIngestor() {
        RunningIngestor.context();
    }

    @Test
    void hibernate_never_starts_in_the_ingestor() {
        assertThat(RunningIngestor.context().getBeanNamesForType(EntityManagerFactory.class)).isEmpty();
    }

    @Test
    void missing_topics_are_created_at_start() throws Exception {
        try (Admin admin = admin()) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertThat(names).containsAll(Topics.ALL.stream().map(TopicSpec::name).toList());
        }
    }

    @Test
    void schema_is_migrated_at_start() {
        Integer tables = RunningIngestor.jdbc().queryForObject("""
                SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()
                AND table_name IN ('server', 'server_status', 'metric_sample', 'wake_event')""", Integer.class);
        assertThat(tables).isEqualTo(4);
    }

    @Test
    void settings_come_from_ingestor_yml_and_the_command_line() {
        IngestorProperties properties = RunningIngestor.context().getBean(IngestorProperties.class);
        assertThat(properties.topicReplicas()).isEqualTo(1);
        assertThat(properties.retry().maxInterval()).hasMillis(500);
        assertThat(properties.retry().multiplier()).isEqualTo(2.0);
        assertThat(properties.retention().removedServers()).isEqualTo(Duration.ofDays(30));
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaBroker.shared().bootstrapServers()));
    }
}
