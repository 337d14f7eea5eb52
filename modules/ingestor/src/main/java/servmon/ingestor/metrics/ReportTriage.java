package servmon.ingestor.metrics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.MetricReport;
import servmon.events.ServerKey;
import servmon.ingestor.enrollment.EnrollmentResponder;
import servmon.ingestor.servers.KnownServer;

import java.time.Duration;
import java.time.Instant;
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
 * Sorts a batch of metric records into samples to store and refusals to dead-letter, keeping batch order.
 * Hot path: one decode per record and one directory lookup for the whole batch.
 */
final class ReportTriage {

    /** Nothing servmon measures predates this; an earlier sampledAt is a broken clock, not history. */
    private static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z");

    private final Function<Collection<ServerKey>, Map<ServerKey, KnownServer>> directory;
    private final Duration maxClockSkew;

    ReportTriage(Function<Collection<ServerKey>, Map<ServerKey, KnownServer>> directory, Duration maxClockSkew) {
        this.directory = directory;
        this.maxClockSkew = maxClockSkew;
    }

    Triage triage(List<ConsumerRecord<String, byte[]>> records, Instant now) {
        int size = records.size();
        MetricReport[] reports = new MetricReport[size];
        String[] problems = new String[size];
        Set<ServerKey> keys = new HashSet<>();
        Instant latestPlausible = now.plus(maxClockSkew);
        for (int i = 0; i < size; i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            if (record.key() == null) {
                problems[i] = "record has no key: publish each MetricReport keyed by its server key";
                continue;
            }
            try {
                ServerKey recordKey = ServerKey.of(record.key());
                MetricReport report = EventCodec.decode(record.value(), MetricReport.class);
                problems[i] = implausible(recordKey, report, latestPlausible);
                if (problems[i] == null) {
                    reports[i] = report;
                    keys.add(recordKey);
                }
            } catch (IllegalArgumentException e) {
                problems[i] = "record key is not a server key: " + e.getMessage();
            } catch (InvalidEventException e) {
                problems[i] = e.getMessage();
            }
        }

        Map<ServerKey, KnownServer> known = keys.isEmpty() ? Map.of() : directory.apply(keys);
        List<Sample> samples = new ArrayList<>(size);
        List<Refusal> refusals = new ArrayList<>();
        Map<ServerKey, KnownServer> enrolled = new LinkedHashMap<>();
        Set<ServerKey> unknownKeys = new LinkedHashSet<>();
        Set<ServerKey> unknownStarting = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            MetricReport report = reports[i];
            if (report == null) {
                refusals.add(new Refusal(records.get(i), problems[i]));
                continue;
            }
            KnownServer server = known.get(report.serverKey());
            if (server == null) {
                unknownKeys.add(report.serverKey());
                if (report.seq() == 0) {
                    unknownStarting.add(report.serverKey());
                }
                refusals.add(new Refusal(records.get(i), EnrollmentResponder.unknownKeyAdvice(report.serverKey())));
                continue;
            }
            samples.add(new Sample(server.id(), report));
            if (report.seq() == 0) {
                enrolled.put(report.serverKey(), server);
            }
        }
        return new Triage(samples, refusals, enrolled, unknownKeys, unknownStarting);
    }

    private static String implausible(ServerKey recordKey, MetricReport report, Instant latestPlausible) {
        if (!recordKey.equals(report.serverKey())) {
            return "record key " + recordKey.shortPrefix() + " does not match serverKey "
                    + report.serverKey().shortPrefix() + " in the report: publish each report keyed by its own server key";
        }
        if (report.sampledAt().isAfter(latestPlausible)) {
            return "sampledAt " + report.sampledAt() + " is further ahead of the ingestor's clock than the allowed "
                    + "skew: check the agent machine's clock (NTP)";
        }
        if (report.sampledAt().isBefore(EARLIEST_PLAUSIBLE)) {
            return "sampledAt " + report.sampledAt() + " is before 2000: check the agent machine's clock (NTP)";
        }
        return null;
    }
}
