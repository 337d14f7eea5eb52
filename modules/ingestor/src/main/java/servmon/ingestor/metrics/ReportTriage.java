package servmon.ingestor.metrics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import servmon.events.DeadLetterReason;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.MetricReport;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.ingestor.Refusal;
import servmon.ingestor.enrollment.EnrollmentResponder;
import servmon.ingestor.servers.KnownServer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Sorts a batch of metric records into samples to store and refusals to dead-letter, keeping batch order. What a
 * report may hold (ranges, sizes, a sampledAt within the allowed clock skew) is {@link EventCodec}'s to check, the
 * same for every consumer; the triage adds what only the ingestor knows: registrations, and whether the report is signed by its server.
 * Hot path: one decode per record and one directory lookup for the whole batch.
 */
final class ReportTriage {

    private final Function<Collection<ServerId>, Map<ServerId, KnownServer>> directory;

    ReportTriage(Function<Collection<ServerId>, Map<ServerId, KnownServer>> directory) {
        this.directory = directory;
    }

    Triage triage(List<ConsumerRecord<String, byte[]>> records) {
        int size = records.size();
        MetricReport[] reports = new MetricReport[size];
        Refusal[] problems = new Refusal[size];
        Set<ServerId> keys = new HashSet<>();
        for (int i = 0; i < size; i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            if (record.key() == null) {
                problems[i] = new Refusal(record, DeadLetterReason.NO_KEY,
                        "record has no key: publish each MetricReport keyed by its server id");
                continue;
            }
            ServerId recordKey;
            try {
                recordKey = ServerId.of(record.key());
            } catch (IllegalArgumentException e) {
                problems[i] = new Refusal(record, DeadLetterReason.BAD_KEY,
                        "record key is not a server id: " + e.getMessage());
                continue;
            }
            try {
                MetricReport report = EventCodec.decode(record.value(), MetricReport.class);
                if (recordKey.equals(report.serverId())) {
                    reports[i] = report;
                    keys.add(recordKey);
                } else {
                    problems[i] = new Refusal(record, DeadLetterReason.KEY_MISMATCH, "record key "
                            + recordKey.value() + " does not match serverId " + report.serverId().value()
                            + " in the report: publish each report keyed by its own server id");
                }
            } catch (InvalidEventException e) {
                problems[i] = new Refusal(record, e.reason(), e.getMessage());
            }
        }

        Map<ServerId, KnownServer> known = keys.isEmpty() ? Map.of() : directory.apply(keys);
        List<Sample> samples = new ArrayList<>(size);
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>(size);
        List<Refusal> refusals = new ArrayList<>();
        Map<ServerId, KnownServer> enrolled = new LinkedHashMap<>();
        Set<ServerId> unknownKeys = new LinkedHashSet<>();
        Set<ServerId> unknownStarting = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            MetricReport report = reports[i];
            if (report == null) {
                refusals.add(problems[i]);
                continue;
            }
            KnownServer server = known.get(report.serverId());
            if (server != null && !signedBy(server, records.get(i), refusals)) {
                continue;
            }
            if (server == null) {
                unknownKeys.add(report.serverId());
                if (report.seq() == 0) {
                    unknownStarting.add(report.serverId());
                }
                refusals.add(new Refusal(records.get(i), DeadLetterReason.UNKNOWN_SERVER,
                        EnrollmentResponder.unknownKeyAdvice(report.serverId())));
                continue;
            }
            samples.add(new Sample(server.id(), report));
            sources.add(records.get(i));
            if (report.seq() == 0) {
                enrolled.put(report.serverId(), server);
            }
        }
        return new Triage(samples, sources, refusals, enrolled, unknownKeys, unknownStarting);
    }

    /**
     * Whether the record carries its server's signature; if not, adds its refusal. The ids are public, so only the
     * signature (HMAC with the secret derived from the server's key) tells the server's agent from another agent or
     * any client that writes to the topic. Checked over the bytes as received, after the key matched the value.
     */
    private static boolean signedBy(KnownServer server, ConsumerRecord<String, byte[]> record, List<Refusal> refusals) {
        try {
            RecordSignature.verify(server.secret(), record.topic(), record.key(), record.value(), record.headers());
            return true;
        } catch (InvalidEventException e) {
            refusals.add(new Refusal(record, e.reason(), e.getMessage()));
            return false;
        }
    }
}
