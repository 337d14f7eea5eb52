package servmon.ingestor.metrics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import servmon.events.DeadLetterReason;
import servmon.events.EventCodec;
import servmon.events.MetricReport;
import servmon.events.PowerSource;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;
import servmon.ingestor.Refusal;
import servmon.ingestor.servers.KnownServer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTriageTest {

    private static final Instant NOW = Instant.now().minus(Duration.ofMinutes(5));
    private static final ServerKey AGENT_KEY = ServerKey.random();
    private static final SigningSecret SECRET = SigningSecret.of(AGENT_KEY);
    private final ServerId registered = ServerId.of(AGENT_KEY);
    private final List<Collection<ServerId>> lookups = new ArrayList<>();
    private final ReportTriage triage = new ReportTriage(keys -> {
        lookups.add(List.copyOf(keys));
        return keys.contains(registered) ? Map.of(registered, new KnownServer(7, "web-1", SECRET)) : Map.of();
    });

    @Test
    void registered_reports_become_samples_and_the_batch_costs_one_lookup() {
        Triage sorted = triage.triage(List.of(
                record(registered, report(registered, NOW, 0)),
                record(registered, report(registered, NOW.plusSeconds(8), 1))));

        assertThat(sorted.samples()).extracting(Sample::serverId).containsExactly(7L, 7L);
        assertThat(sorted.refusals()).isEmpty();
        assertThat(sorted.enrolled()).containsOnlyKeys(registered);
        assertThat(lookups).hasSize(1);
    }

    @Test
    void refusals_keep_batch_order_and_say_why() {
        ServerId unknown = ServerId.random();
        Triage sorted = triage.triage(List.of(
                record(unknown, report(unknown, NOW, 4)),
                record(registered, "not json".getBytes(StandardCharsets.UTF_8)),
                new ConsumerRecord<>("servmon.metrics.v1", 0, 2, "short", new byte[0])));

        assertThat(sorted.refusals()).extracting(Refusal::reason).containsExactly(DeadLetterReason.UNKNOWN_SERVER,
                DeadLetterReason.MALFORMED, DeadLetterReason.BAD_KEY);
        assertThat(sorted.refusals()).extracting(Refusal::text).satisfiesExactly(
                reason -> assertThat(reason).startsWith("unknown server " + unknown.value()),
                reason -> assertThat(reason).startsWith("malformed MetricReport"),
                reason -> assertThat(reason).startsWith("record key is not a server id"));
        assertThat(sorted.unknownKeys()).containsExactly(unknown);
        assertThat(sorted.samples()).isEmpty();
    }

    @Test
    void a_report_from_a_clock_far_ahead_or_long_past_is_refused_by_the_shared_validator() {
        Instant now = Instant.now();
        Triage sorted = triage.triage(List.of(
                record(registered, report(registered, now.plus(Duration.ofDays(2)), 1)),
                record(registered, report(registered, Instant.parse("1970-01-01T00:00:00Z"), 2)),
                record(registered, report(registered, now.minus(Duration.ofHours(1)), 3))));

        assertThat(sorted.refusals()).extracting(Refusal::reason).containsOnly(DeadLetterReason.CLOCK).hasSize(2);
        assertThat(sorted.refusals()).extracting(Refusal::text).allMatch(text -> text.contains("clock"));
        assertThat(sorted.samples()).extracting(sample -> sample.report().seq()).containsExactly(3L);
        assertThat(sorted.sources()).extracting(ConsumerRecord::value).hasSize(1);
    }

    @Test
    void reports_not_signed_with_their_servers_secret_are_refused_and_not_stored() {
        ConsumerRecord<String, byte[]> unsigned = new ConsumerRecord<>("servmon.metrics.v1", 0, 0, registered.value(),
                EventCodec.encode(report(registered, NOW, 1)));
        ConsumerRecord<String, byte[]> otherAgents = signed(registered, report(registered, NOW, 2),
                SigningSecret.of(ServerKey.random()));
        ConsumerRecord<String, byte[]> garbled = record(registered, report(registered, NOW, 3));
        garbled.headers().remove(RecordSignature.HEADER);
        garbled.headers().add(RecordSignature.HEADER, "v1=AAAA".getBytes(StandardCharsets.US_ASCII));

        Triage sorted = triage.triage(List.of(unsigned, otherAgents, garbled, record(registered,
                report(registered, NOW, 4))));

        assertThat(sorted.refusals()).extracting(Refusal::reason).containsExactly(DeadLetterReason.UNSIGNED,
                DeadLetterReason.BAD_SIGNATURE, DeadLetterReason.BAD_SIGNATURE);
        assertThat(sorted.refusals()).extracting(Refusal::text).allMatch(text -> text.contains(registered.value()));
        assertThat(sorted.samples()).extracting(sample -> sample.report().seq()).containsExactly(4L);
    }

    /** Signed as the registered server's agent signs it. */
    private static ConsumerRecord<String, byte[]> record(ServerId key, byte[] value) {
        return signed(key, value, SECRET);
    }

    private static ConsumerRecord<String, byte[]> signed(ServerId key, MetricReport report, SigningSecret signer) {
        return signed(key, EventCodec.encode(report), signer);
    }

    private static ConsumerRecord<String, byte[]> signed(ServerId key, byte[] value, SigningSecret signer) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("servmon.metrics.v1", 0, 0, key.value(), value);
        RecordSignature.sign(signer, record.topic(), record.key(), value, record.headers());
        return record;
    }

    private static ConsumerRecord<String, byte[]> record(ServerId key, MetricReport report) {
        return record(key, EventCodec.encode(report));
    }

    private static MetricReport report(ServerId key, Instant sampledAt, long seq) {
        return new MetricReport(ServmonEvent.VERSION, key, sampledAt, seq, 8, "boot", "host", 10.0, 50.0,
                PowerSource.RAPL, 1, null, null, null, null, null, null, null, null, null, List.of());
    }
}
