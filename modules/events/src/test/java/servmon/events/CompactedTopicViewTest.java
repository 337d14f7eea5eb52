package servmon.events;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import servmon.embedded.EmbeddedKafkaBroker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CompactedTopicViewTest {

    private final String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();

    @Test
    void view_reads_existing_entries_then_follows_updates_and_removals() throws Exception {
        TopicProvisioner.ensureTopics(bootstrap, (short) 1);
        ServerId first = ServerId.random();
        ServerId second = ServerId.random();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new EventSerializer<ServerRegistered>())) {
            producer.send(new ProducerRecord<>(Topics.SERVERS.name(), first.value(), registered(first, "one"))).get();
            producer.send(new ProducerRecord<>(Topics.SERVERS.name(), "not a key", null)).get();

            try (var view = new CompactedTopicView<>(bootstrap, Topics.SERVERS, ServerRegistered.class).start()) {
                assertThat(view.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
                assertThat(view.get(first)).map(ServerRegistered::name).contains("one");

                producer.send(new ProducerRecord<>(Topics.SERVERS.name(), second.value(), registered(second, "two"))).get();
                producer.send(new ProducerRecord<>(Topics.SERVERS.name(), first.value(), null)).get();

                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(view.get(second)).isPresent();
                    assertThat(view.get(first)).isEmpty();
                });
            }
        }
    }

    @Test
    void a_removal_hands_over_the_last_value_before_the_view_forgets_it() throws Exception {
        TopicProvisioner.ensureTopics(bootstrap, (short) 1);
        ServerId before = ServerId.random();
        ServerId after = ServerId.random();
        ServerId never = ServerId.random();
        List<Map.Entry<ServerId, String>> removed = new CopyOnWriteArrayList<>();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new EventSerializer<ServerRegistered>())) {
            // removed before the view starts: read while it catches up
            producer.send(new ProducerRecord<>(Topics.SERVERS.name(), before.value(), registered(before, "b"))).get();
            producer.send(new ProducerRecord<>(Topics.SERVERS.name(), before.value(), null)).get();
            producer.send(new ProducerRecord<>(Topics.SERVERS.name(), after.value(), registered(after, "a1"))).get();
            producer.send(new ProducerRecord<>(Topics.SERVERS.name(), after.value(), registered(after, "a2"))).get();

            try (var view = new CompactedTopicView<>(bootstrap, Topics.SERVERS, ServerRegistered.class)
                    .onRemoval((key, last) -> removed.add(Map.entry(key, last.name())))
                    .start()) {
                assertThat(view.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
                producer.send(new ProducerRecord<>(Topics.SERVERS.name(), never.value(), null)).get();
                producer.send(new ProducerRecord<>(Topics.SERVERS.name(), after.value(), null)).get();

                await().atMost(Duration.ofSeconds(10)).until(() -> view.get(after).isEmpty());
                assertThat(removed).containsExactly(Map.entry(before, "b"), Map.entry(after, "a2"));
            }
        }
    }

    private static ServerRegistered registered(ServerId key, String name) {
        return new ServerRegistered(ServmonEvent.VERSION, key, 1, name, null, Instant.now());
    }
}
