package servmon.statemonitor;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import servmon.events.CommandId;
import servmon.events.EventCodec;
import servmon.events.MetricReport;
import servmon.events.NetInterface;
import servmon.events.PowerSource;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.ServerRegistered;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;
import servmon.events.Topics;
import servmon.events.WakeCommand;

import java.time.Instant;
import java.util.List;

/** Real events as the dashboard and the agents publish them. */
final class Events {

    static final List<NetInterface> NICS =
            List.of(new NetInterface("eth0", "52:54:00:12:34:56", "10.0.0.7", "10.0.0.255", true));

    private Events() {
    }

    static ServerRegistered registration(ServerId key) {
        return new ServerRegistered(ServmonEvent.VERSION, key, 42, "rack-1-node-7", null,
                Instant.parse("2026-01-01T00:00:00Z"), null, secretOf(key));
    }

    /**
     * The signing secret of a test server: as if its agent's key were the id's text (a valid key), so that every test
     * can sign for any id it made up.
     */
    static SigningSecret secretOf(ServerId key) {
        return SigningSecret.of(ServerKey.of(key.value()));
    }

    /** A report record signed as the server's agent signs it, on {@code partition} (null: the partitioner's). */
    static ProducerRecord<String, ServmonEvent> signed(Integer partition, MetricReport report) {
        String key = report.serverId().value();
        var record = new ProducerRecord<String, ServmonEvent>(Topics.METRICS.name(), partition, key, report);
        RecordSignature.sign(secretOf(report.serverId()), Topics.METRICS.name(), key, EventCodec.encode(report),
                record.headers());
        return record;
    }

    /** The same for a topology test's input topic: {@code value} signed under {@code key} with {@code key}'s secret. */
    static TestRecord<String, byte[]> signed(String key, byte[] value) {
        return signed(Topics.METRICS.name(), key, value);
    }

    /** A record of an agent on {@code topic} (reports, answers), signed as it signs them. */
    static TestRecord<String, byte[]> signed(String topic, String key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        RecordSignature.sign(secretOf(ServerId.of(key)), topic, key, value, headers);
        return new TestRecord<>(key, value, headers, (Instant) null);
    }

    static MetricReport report(ServerId key, int intervalS, String bootId) {
        return report(key, intervalS, bootId, Instant.parse("2026-01-01T00:00:00Z"));
    }

    static MetricReport report(ServerId key, int intervalS, String bootId, Instant sampledAt) {
        return new MetricReport(ServmonEvent.VERSION, key, sampledAt, 1L, intervalS, bootId, "node-7", 12.5, 85.0,
                PowerSource.ESTIMATE, 1, 2_000_000_000L, 8_000_000_000L, 0.4, 10_000_000_000L, 50_000_000_000L,
                1_000L, 2_000L, 48.0, 3_600L, NICS);
    }

    static WakeCommand wake(ServerId key) {
        return new WakeCommand(ServmonEvent.VERSION, key, CommandId.random(), "ci", "API", null);
    }
}
