package servmon.dashboard.notify;

import com.icegreen.greenmail.util.GreenMail;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import servmon.dashboard.DashboardTestSupport;
import servmon.events.SigningSecret;
import servmon.events.ServerKey;
import servmon.events.CommandId;
import servmon.events.EventCodec;
import servmon.events.MetricReport;
import servmon.events.PowerSource;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;
import servmon.events.Topics;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts end to end inside the dashboard: state records and wake results on the real in-process Kafka broker, the
 * real MariaDB, a webhook on 127.0.0.1 and an in-process SMTP server. The state monitor is played by this test: it
 * writes the records the monitor writes when a server stops reporting. The settings (OFF for 2 s, the channels) are
 * the shared test context's (DashboardTestSupport).
 */
class NotificationDeliveryTest extends DashboardTestSupport {

    private static final Duration OFF_FOR = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final WebhookReceiver webhook = TestChannels.webhook();
    private static final GreenMail smtp = TestChannels.smtp();

    @Autowired
    private KafkaListenerEndpointRegistry listeners;
    @Autowired
    private NotificationLog sent;
    @Autowired
    private MaintenanceWindows maintenance;
    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void listenersHaveTheirPartitions() {
        // wake results and reports are read from "now" on: what is sent before the group has them would be missed
        await().atMost(PATIENCE).until(() -> notifyContainers().stream().allMatch(container ->
                container.getAssignedPartitions() != null && !container.getAssignedPartitions().isEmpty()));
    }

    @Test
    void a_server_off_for_n_seconds_raises_one_webhook_post_and_one_email() throws Exception {
        TestServer db = register("db", "office");
        Instant offAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publishState(db, ServerState.OFF, offAt);

        await().atMost(PATIENCE).until(() -> webhook.postsAbout(db.name()).size() == 1 && mailsAbout(db.name()) == 1);
        JsonNode post = webhook.postsAbout(db.name()).getFirst();
        assertThat(post.path("v").asInt()).isEqualTo(1);
        assertThat(post.path("rule").asString()).isEqualTo("server-off");
        assertThat(post.path("serverId").asLong()).isEqualTo(db.id());
        assertThat(post.path("group").asString()).isEqualTo("office");
        assertThat(post.path("happenedAt").asString()).isEqualTo(offAt.toString());
        assertThat(Instant.parse(post.path("raisedAt").asString())).isAfterOrEqualTo(offAt.plus(OFF_FOR));
        assertThat(post.path("summary").asString()).startsWith(db.name() + ": OFF for ");
        MimeMessage mail = mailAbout(db.name());
        assertThat(mail.getSubject()).startsWith("[servmon] " + db.name() + ": OFF for ");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ops@servmon.test");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(logOf(db))
                .extracting(NotificationLog.Entry::channel, NotificationLog.Entry::outcome, NotificationLog.Entry::attempts)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("webhook ops", NotificationLog.Outcome.DELIVERED, 1),
                        org.assertj.core.groups.Tuple.tuple("email", NotificationLog.Outcome.DELIVERED, 1)));
        // once: a canary OFF raised later proves the OFF check went round again without a second alert for db
        raiseCanary();
        assertThat(webhook.postsAbout(db.name())).hasSize(1);
        assertThat(mailsAbout(db.name())).isEqualTo(1);
    }

    @Test
    void a_webhook_answering_500_twice_then_200_is_retried_and_logged_as_delivered_after_3_attempts() {
        TestServer flaky = register("flaky", null);
        webhook.answer(flaky.name(), 500, 500);
        publishState(flaky, ServerState.OFF, Instant.now());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(logOf(flaky))
                .filteredOn(entry -> entry.channel().equals("webhook ops")).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.outcome()).isEqualTo(NotificationLog.Outcome.DELIVERED);
                    assertThat(entry.attempts()).isEqualTo(3);
                }));
        assertThat(webhook.postsAbout(flaky.name())).hasSize(3);
    }

    @Test
    void a_webhook_answering_404_is_not_retried_and_logged_as_failed() {
        TestServer gone = register("gone", null);
        webhook.answer(gone.name(), 404);
        publishState(gone, ServerState.OFF, Instant.now());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(logOf(gone))
                .filteredOn(entry -> entry.channel().equals("webhook ops")).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.outcome()).isEqualTo(NotificationLog.Outcome.FAILED);
                    assertThat(entry.attempts()).isEqualTo(1);
                    assertThat(entry.detail()).isEqualTo("HTTP 404");
                }));
    }

    @Test
    void an_asleep_server_and_one_in_a_maintenance_window_raise_nothing() throws Exception {
        TestServer sleeper = register("sleeper", null);
        TestServer serviced = register("serviced", "lab-" + sleeper.id());
        maintenance.add(null, "lab-" + sleeper.id(), Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600),
                "disk swap", "test");
        Instant at = Instant.now();
        publishState(sleeper, ServerState.ASLEEP, at);
        publishState(serviced, ServerState.OFF, at);

        // read as often as the database answers, from before the alert is raised until it is logged: a held-back
        // alert is logged as SILENCED at once, never for a moment as SENDING (which the page would show)
        List<String> outcomes = await().atMost(PATIENCE).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> outcomesOf(serviced), seen -> {
                    assertThat(seen).as("a held-back alert is never logged as SENDING").doesNotContain("SENDING");
                    return !seen.isEmpty();
                });
        assertThat(outcomes).containsExactly("SILENCED");

        raiseCanary();  // raised after both would have been: the check has gone past them
        assertThat(webhook.postsAbout(sleeper.name())).isEmpty();
        assertThat(webhook.postsAbout(serviced.name())).isEmpty();
        assertThat(mailsAbout(sleeper.name()) + mailsAbout(serviced.name())).isZero();
        assertThat(logOf(sleeper)).isEmpty();
        assertThat(logOf(serviced)).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(NotificationLog.Outcome.SILENCED);
            assertThat(entry.detail()).contains("disk swap");
        });
    }

    @Test
    void an_off_that_began_long_before_the_start_is_history() throws Exception {
        TestServer old = register("old", null);
        publishState(old, ServerState.OFF, Instant.now().minus(Duration.ofHours(2)));

        raiseCanary();
        assertThat(webhook.postsAbout(old.name())).isEmpty();
        assertThat(logOf(old)).isEmpty();
    }

    @Test
    void a_restart_that_reads_the_state_topic_again_raises_nothing_new() throws Exception {
        TestServer told = register("told", null);
        RecordMetadata off = publishState(told, ServerState.OFF, Instant.now());
        // one entry per channel (webhook and e-mail), both delivered
        await().atMost(PATIENCE).until(() -> webhook.postsAbout(told.name()).size() == 1 && logOf(told).size() == 2
                && logOf(told).stream().allMatch(entry -> entry.outcome() == NotificationLog.Outcome.DELIVERED));
        List<NotificationLog.Entry> before = logOf(told);

        // the listeners stop and start again: the state topic is read from its beginning, told's OFF with it
        notifyContainers().forEach(MessageListenerContainer::stop);
        notifyContainers().forEach(MessageListenerContainer::start);
        listenersHaveTheirPartitions();
        // a canary in told's partition, after its OFF: when the canary is raised, told's OFF was read again before it
        raiseCanary(off.partition());

        assertThat(webhook.postsAbout(told.name())).hasSize(1);
        assertThat(mailsAbout(told.name())).isEqualTo(1);
        assertThat(logOf(told)).isEqualTo(before);
    }

    @Test
    void a_wake_that_timed_out_raises_an_alert() {
        TestServer stubborn = register("stubborn", null);
        CommandId command = CommandId.random();
        publish(Topics.WAKE_RESULTS.name(), null, stubborn.key(), new WakeResult(1, stubborn.key(), command,
                WakeStatus.TIMED_OUT, "no new boot id within 120 s", 3, Instant.now()));

        await().atMost(PATIENCE).until(() -> webhook.postsAbout(stubborn.name()).size() == 1);
        JsonNode post = webhook.postsAbout(stubborn.name()).getFirst();
        assertThat(post.path("rule").asString()).isEqualTo("wake-timed-out");
        assertThat(post.path("incident").asString()).isEqualTo(command.value());
        assertThat(post.path("summary").asString()).contains("no new boot id within 120 s");
    }

    @Test
    void forged_and_unsigned_reports_raise_no_cpu_alert() {
        TestServer victim = register("victim", null);
        TestServer neighbour = register("neighbour", null);
        double unsignedBefore = skipped("unsigned");
        double forgedBefore = skipped("bad_signature");
        Instant start = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);

        // 99 % for 3 s (the rule: above 90 % for 2 s), by a client without a key and by the neighbour's agent
        for (int second = 0; second <= 3; second++) {
            publishReport(victim, start.plusSeconds(second), null);
            publishReport(victim, start.plusSeconds(second), SigningSecret.of(neighbour.agentKey()));
        }
        // the neighbour's own reports behind them, on the same partition: once its alert is raised, they were read
        for (int second = 0; second <= 3; second++) {
            publishReport(neighbour, start.plusSeconds(second), SigningSecret.of(neighbour.agentKey()));
        }

        await().atMost(PATIENCE).until(() -> webhook.postsAbout(neighbour.name()).size() == 1);
        assertThat(webhook.postsAbout(neighbour.name()).getFirst().path("rule").asString()).isEqualTo("cpu-over");
        assertThat(webhook.postsAbout(victim.name())).isEmpty();
        assertThat(logOf(victim)).isEmpty();
        assertThat(skipped("unsigned") - unsignedBefore).isEqualTo(4.0);
        assertThat(skipped("bad_signature") - forgedBefore).isEqualTo(4.0);
    }

    /** @param agentKey what its agent holds: the id and the secret in the table are derived from it */
    private record TestServer(long id, String name, ServerId key, ServerKey agentKey) {
    }

    private TestServer register(String prefix, String group) {
        String name = uniqueName(prefix);
        ServerKey agentKey = ServerKey.random();
        ServerId key = ServerId.of(agentKey);
        jdbc.update("insert into server (public_id, signing_secret, name, site, created_at) values (?, ?, ?, ?, ?)",
                key.value(), SigningSecret.of(agentKey).toText(), name, group, utc(Instant.now()));
        long id = jdbc.queryForObject("select id from server where name = ?", Long.class, name);
        return new TestServer(id, name, key, agentKey);
    }

    /** A report of 99 % CPU, signed with {@code signer} as an agent signs it (null: unsigned), on partition 0. */
    private static void publishReport(TestServer server, Instant sampledAt, SigningSecret signer) {
        MetricReport report = new MetricReport(ServmonEvent.VERSION, server.key(), sampledAt, 1L, 1, "boot-1",
                server.name(), 99.0, 85.0, PowerSource.ESTIMATE, 1, 2_000_000_000L, 8_000_000_000L, 0.4,
                10_000_000_000L, 50_000_000_000L, 1_000L, 2_000L, 48.0, 3_600L, List.of());
        byte[] value = EventCodec.encode(report);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.METRICS.name(), 0, server.key().value(), value);
        if (signer != null) {
            RecordSignature.sign(signer, record.topic(), record.key(), value, record.headers());
        }
        send(record);
    }

    private double skipped(String reason) {
        return meters.get("servmon.notify.reports.skipped").tag("reason", reason).counter().count();
    }

    /** A server that goes OFF now, in {@code partition} (any when null), and whose alert is awaited. */
    private void raiseCanary(Integer partition) {
        TestServer canary = register("canary", null);
        publish(Topics.SERVER_STATE.name(), partition, canary.key(), state(canary, ServerState.OFF, Instant.now()));
        await().atMost(PATIENCE).until(() -> webhook.postsAbout(canary.name()).size() == 1);
    }

    private void raiseCanary() {
        raiseCanary(null);
    }

    private RecordMetadata publishState(TestServer server, ServerState state, Instant since) {
        return publish(Topics.SERVER_STATE.name(), null, server.key(), state(server, state, since));
    }

    private static ServerStateChanged state(TestServer server, ServerState state, Instant since) {
        return new ServerStateChanged(1, server.key(), state, ServerState.ON, since, since, "boot-1", 1, List.of());
    }

    private static RecordMetadata publish(String topic, Integer partition, ServerId key, ServmonEvent event) {
        return send(new ProducerRecord<>(topic, partition, key.value(), EventCodec.encode(event)));
    }

    private static RecordMetadata send(ProducerRecord<String, byte[]> record) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    /** Straight from the table, cheap enough to ask every millisecond. */
    private List<String> outcomesOf(TestServer server) {
        return jdbc.queryForList("select outcome from notification_sent where server_id = ?", String.class,
                server.id());
    }

    private List<NotificationLog.Entry> logOf(TestServer server) {
        return sent.recent(10_000).stream().filter(entry -> entry.serverId() == server.id()).toList();
    }

    private List<MessageListenerContainer> notifyContainers() {
        return List.of(listeners.getListenerContainer(AlertSources.STATES),
                listeners.getListenerContainer(AlertSources.WAKE_RESULTS),
                listeners.getListenerContainer(AlertSources.REPORTS));
    }

    private static long mailsAbout(String serverName) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> subject(mail).contains(serverName)).count();
    }

    private static MimeMessage mailAbout(String serverName) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> subject(mail).contains(serverName))
                .findFirst().orElseThrow();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

}
