package servmon.dashboard.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.events.DeadLetterReason;
import servmon.events.InvalidEventException;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.SigningSecret;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the reports no agent signed away from the alert rules, as the ingestor and the state monitor refuse them: a
 * forged report could otherwise raise a CPU or power alert, or a key conflict, for any server. The signing secrets come
 * from the {@link ServerDirectory}, which looks up the misses of a whole batch in one query. Skipped reports are
 * counted as {@code servmon_notify_reports_skipped_total{reason}}, not dead-lettered: the ingestor dead-letters them,
 * once.
 */
final class ReportSignatures {

    private static final Logger log = LoggerFactory.getLogger(ReportSignatures.class);

    private final ServerDirectory servers;
    private final Map<DeadLetterReason, Counter> skipped = new EnumMap<>(DeadLetterReason.class);

    ReportSignatures(ServerDirectory servers, MeterRegistry registry) {
        this.servers = servers;
        for (DeadLetterReason reason : List.of(DeadLetterReason.NO_KEY, DeadLetterReason.BAD_KEY,
                DeadLetterReason.UNKNOWN_SERVER, DeadLetterReason.UNSIGNED, DeadLetterReason.BAD_SIGNATURE)) {
            skipped.put(reason, Counter.builder("servmon.notify.reports.skipped")
                    .description("Reports the alert rules did not take: not signed by a registered server's agent")
                    .tag("reason", reason.tag())
                    .register(registry));
        }
    }

    /** The records of {@code batch} that their server's agent signed, in order; the others are counted and left out. */
    List<ConsumerRecord<String, byte[]>> signed(List<ConsumerRecord<String, byte[]>> batch) {
        Map<ConsumerRecord<String, byte[]>, ServerId> ids = new HashMap<>(batch.size() * 2);
        Set<ServerId> wanted = new LinkedHashSet<>();
        List<ConsumerRecord<String, byte[]>> signed = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            if (record.key() == null) {
                skip(record, DeadLetterReason.NO_KEY, "no key");
                continue;
            }
            try {
                ServerId id = ServerId.of(record.key());
                ids.put(record, id);
                wanted.add(id);
            } catch (IllegalArgumentException e) {
                skip(record, DeadLetterReason.BAD_KEY, e.getMessage());
            }
        }
        Map<ServerId, Optional<ServerDirectory.Server>> known = servers.findAll(wanted);
        for (ConsumerRecord<String, byte[]> record : batch) {
            ServerId id = ids.get(record);
            if (id == null) {
                continue;
            }
            Optional<SigningSecret> secret =
                    known.getOrDefault(id, Optional.empty()).map(ServerDirectory.Server::secret);
            if (secret.isEmpty()) {
                skip(record, DeadLetterReason.UNKNOWN_SERVER, "server " + id + " is not registered");
                continue;
            }
            try {
                RecordSignature.verify(secret.get(), record.topic(), record.key(), record.value(), record.headers());
                signed.add(record);
            } catch (InvalidEventException e) {
                skip(record, e.reason(), e.getMessage());
            }
        }
        return signed;
    }

    private void skip(ConsumerRecord<String, byte[]> record, DeadLetterReason reason, String why) {
        skipped.get(reason).increment();
        log.debug("Skipped the report at {}-{}@{} for the alert rules: {}", record.topic(), record.partition(),
                record.offset(), why);
    }
}
