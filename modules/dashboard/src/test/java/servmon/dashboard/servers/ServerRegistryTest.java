package servmon.dashboard.servers;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import servmon.dashboard.DashboardProperties;
import servmon.dashboard.DashboardTestSupport;
import servmon.embedded.TopicRecords;
import servmon.events.EventCodec;
import servmon.events.ServerId;
import servmon.events.ServerRegistered;
import servmon.events.Topics;
import servmon.events.EventSerializer;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;
import servmon.store.server.ServerRepository;
import servmon.store.server.ServerStatusRepository;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ServerRegistryTest extends DashboardTestSupport {

    @Autowired
    ServerRegistry registry;
    @Autowired
    ServerRepository servers;
    @Autowired
    ServerStatusRepository statuses;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DashboardProperties properties;

    private DefaultKafkaProducerFactory<String, ServmonEvent> unreachable;

    @Test
    void a_registered_server_is_found_by_name_without_its_key_and_starts_empty() {
        String name = uniqueName("host");
        RegisteredServer registered = registry.register("  " + name + " ", "AA:BB:CC:DD:EE:01");

        assertThat(registered.serverId()).isEqualTo(ServerId.of(registered.key()));
        // the key is shown once: the database does not keep it, so a server read back has none
        assertThat(registry.findByName(name)).contains(new RegisteredServer(registered.id(), registered.serverId(),
                null, registered.name(), registered.mac()));
        assertThat(registered.name()).isEqualTo(name);
        assertThat(registered.mac()).isEqualTo("aa:bb:cc:dd:ee:01");
        assertThat(statuses.findById(registered.id())).hasValueSatisfying(
                status -> assertThat(status.getState()).isEqualTo("EMPTY"));
        assertThat(registry.findByName("no-such-" + name)).isEmpty();
    }

    @Test
    void a_server_moved_to_another_group_is_registered_again_with_it() {
        RegisteredServer server = registry.register(uniqueName("grouped"), null, "rack-1");
        registry.changeGroup(server.id(), "rack-2");

        assertThat(servers.findById(server.id()).orElseThrow().getSite()).isEqualTo("rack-2");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                TopicRecords.all(Topics.SERVERS.name()).stream()
                        .filter(record -> server.serverId().value().equals(record.key()))
                        .map(record -> decode(record.value()).group()).toList())
                .containsExactly("rack-1", "rack-2"));
        assertThatThrownBy(() -> registry.changeGroup(server.id(), "rack\n3"))
                .isInstanceOf(ServerValidationException.class)
                .hasMessage("group must not contain control characters");
    }

    @Test
    void a_new_key_replaces_the_old_one_whose_id_the_services_forget() {
        RegisteredServer before = registry.register(uniqueName("rekeyed"), null);

        RegisteredServer after = registry.replaceKey(before.id());

        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.key()).isNotEqualTo(before.key());
        assertThat(after.serverId()).isEqualTo(ServerId.of(after.key())).isNotEqualTo(before.serverId());
        assertThat(servers.findById(before.id()).orElseThrow().getSigningSecret())
                .isEqualTo(SigningSecret.of(after.key()).toText());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var records = TopicRecords.all(Topics.SERVERS.name());
            assertThat(records).filteredOn(record -> before.serverId().value().equals(record.key()))
                    .last().satisfies(tombstone -> assertThat(tombstone.value()).isNull());
            assertThat(records).filteredOn(record -> after.serverId().value().equals(record.key()))
                    .singleElement().satisfies(record ->
                            assertThat(decode(record.value()).signingSecret()).isEqualTo(SigningSecret.of(after.key())));
        });
        // the old agent is told it was removed, even if it was away: the old id and secret are kept
        assertThat(removedServer(before.serverId())).containsExactly(before.name(),
                SigningSecret.of(before.key()).toText());
        assertThat(removedServer(after.serverId())).isEmpty();
    }

    @Test
    void a_deleted_server_keeps_its_id_and_secret_for_its_agent_that_may_be_away() {
        RegisteredServer server = registry.register(uniqueName("deleted"), null);

        registry.delete(server.id());

        assertThat(servers.findById(server.id())).isEmpty();
        assertThat(removedServer(server.serverId())).containsExactly(server.name(),
                SigningSecret.of(server.key()).toText());
        assertThat(jdbc.queryForObject("select removed_at > utc_timestamp(3) - interval 1 minute from removed_server"
                + " where public_id = ?", Boolean.class, server.serverId().value())).isTrue();
    }

    /** The name and signing secret kept in removed_server for this id, none if it has no row. */
    private List<String> removedServer(ServerId id) {
        return jdbc.query("select name, signing_secret from removed_server where public_id = ?",
                (row, n) -> List.of(row.getString("name"), row.getString("signing_secret")), id.value())
                .stream().flatMap(List::stream).toList();
    }

    private static ServerRegistered decode(byte[] value) {
        try {
            return EventCodec.decode(value, ServerRegistered.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_name_of_more_than_100_characters_is_refused() {
        assertThatThrownBy(() -> registry.register("x".repeat(101), null))
                .isInstanceOf(ServerValidationException.class)
                .hasMessage("name must be at most 100 characters (this one has 101)")
                .extracting(e -> ((ServerValidationException) e).field()).isEqualTo("name");
        assertThat(servers.findByName("x".repeat(101))).isEmpty();
    }

    @Test
    void when_kafka_does_not_take_the_registration_nothing_is_stored() {
        ServerRegistry withKafkaDown = new ServerRegistry(servers, statuses,
                new ServerEventPublisher(unreachableKafka(), properties), transactions);
        String name = uniqueName("unlucky");

        assertThatThrownBy(() -> withKafkaDown.register(name, null))
                .isInstanceOf(EventPublishException.class)
                .hasMessageContaining("servmon.servers.v1");

        assertThat(servers.findByName(name)).as("the row was rolled back").isEmpty();
    }

    @Test
    void when_kafka_does_not_take_the_tombstone_the_server_stays() {
        RegisteredServer server = registry.register(uniqueName("keeper"), null);
        ServerRegistry withKafkaDown = new ServerRegistry(servers, statuses,
                new ServerEventPublisher(unreachableKafka(), properties), transactions);

        assertThatThrownBy(() -> withKafkaDown.delete(server.id())).isInstanceOf(EventPublishException.class);

        assertThat(servers.findById(server.id())).isPresent();
        assertThat(statuses.findById(server.id())).isPresent();
        assertThat(removedServer(server.serverId())).as("written in the delete's transaction").isEmpty();
    }

    @AfterEach
    void closeUnreachableProducer() {
        if (unreachable != null) {
            unreachable.destroy();
        }
    }

    /** A producer pointed at a port nobody listens on, that gives up after half a second. */
    private KafkaTemplate<String, ServmonEvent> unreachableKafka() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofMillis(500).toMillis());
        unreachable = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new EventSerializer<>());
        return new KafkaTemplate<>(unreachable);
    }
}
