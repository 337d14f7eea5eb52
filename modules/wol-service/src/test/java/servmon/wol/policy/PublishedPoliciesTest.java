package servmon.wol.policy;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.EventCodec;
import servmon.events.PowerPolicies;
import servmon.events.ServmonEvent;
import servmon.events.TopicProvisioner;
import servmon.events.Topics;
import servmon.events.policy.PowerPolicy;
import servmon.wol.WolApplication;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Policies saved in the dashboard reach the wol-service through the compacted topic: the latest version on it is in
 * force ahead of the configuration, a new version replaces it, and without one the configuration is back.
 */
class PublishedPoliciesTest {

    // dry runs on a group no server of the other tests has: whatever runs meanwhile, these policies order nothing
    private static final String CONFIGURED = "--servmon.wol.policy.policies[0].name=from-config";
    private static KafkaProducer<String, byte[]> producer;
    private static ConfigurableApplicationContext service;

    @BeforeAll
    static void startService() {
        String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        TopicProvisioner.ensureTopics(bootstrap, (short) 1);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer());
        service = WolApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--servmon.wol.destinations=127.0.0.1:9",
                CONFIGURED,
                "--servmon.wol.policy.policies[0].group=published-policies-test",
                "--servmon.wol.policy.policies[0].dry-run=true");
    }

    @AfterAll
    static void stopService() {
        if (producer != null) {
            // the broker is shared with the other tests of this JVM: leave no dashboard policies in force for them
            producer.send(new ProducerRecord<>(Topics.POWER_POLICIES.name(), PowerPolicies.KEY.value(), null));
            producer.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void the_latest_published_version_is_in_force_ahead_of_the_configuration() {
        PolicySource source = service.getBean(PolicySource.class);
        assertThat(names(source)).containsExactly("from-config");

        publish(policies("saved-first", "Mon-Fri 08:00-19:00"), 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(names(source)).containsExactly("saved-first"));
        assertThat(source.current().policies().getFirst().schedule()).containsExactly("Mon-Fri 08:00-19:00");

        publish(policies("saved-second", "daily 06:00-22:00"), 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(names(source)).containsExactly("saved-second"));

        producer.send(new ProducerRecord<>(Topics.POWER_POLICIES.name(), PowerPolicies.KEY.value(), null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(names(source)).containsExactly("from-config"));
    }

    private static List<String> names(PolicySource source) {
        return source.current().policies().stream().map(PowerPolicy::name).toList();
    }

    private static String policies(String name, String window) {
        return """
                servmon:
                  wol:
                    policy:
                      policies:
                        - name: %s
                          group: published-policies-test
                          dry-run: true
                          schedule: [%s]
                """.formatted(name, window);
    }

    private static void publish(String yaml, int version) {
        PowerPolicies event = new PowerPolicies(ServmonEvent.VERSION, yaml, version, "admin", Instant.now());
        producer.send(new ProducerRecord<>(Topics.POWER_POLICIES.name(), PowerPolicies.KEY.value(),
                EventCodec.encode(event)));
        producer.flush();
    }
}
