package servmon.dashboard.notify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import servmon.events.DeadLetterReason;
import servmon.events.InvalidEventException;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.SigningSecret;

import java.time.Duration;
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
 * from the {@code server} table, cached in memory so that no report costs a query: the misses of a whole batch are
 * looked up in one query. A server id and its secret are both derived from the server's key, so an id's secret never
 * changes and a known one is kept for {@link #KEEP_KNOWN}; an id the table does not have is asked again after
 * {@link #RECHECK_UNKNOWN}, by when a server just added is there. Skipped reports are counted as
 * {@code servmon_notify_reports_skipped_total{reason}}, not dead-lettered: the ingestor dead-letters them, once.
 */
final class ReportSignatures {

    /** Long: an id's secret cannot change; only bounds how long a deleted server's secret stays in memory. */
    static final Duration KEEP_KNOWN = Duration.ofHours(1);
    /** How stale "not registered" may be: a new server's first reports are skipped for at most this long. */
    static final Duration RECHECK_UNKNOWN = Duration.ofSeconds(30);
    /** Keeps the IN list of one query within what any MySQL accepts comfortably (as the ingestor does). */
    private static final int MAX_IDS_PER_QUERY = 1000;
    private static final Logger log = LoggerFactory.getLogger(ReportSignatures.class);

    private final JdbcClient jdbc;
    private final Cache<ServerId, Optional<SigningSecret>> secrets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfter(Expiry.<ServerId, Optional<SigningSecret>>creating((id, secret) ->
                    secret.isPresent() ? KEEP_KNOWN : RECHECK_UNKNOWN))
            .build();
    private final Map<DeadLetterReason, Counter> skipped = new EnumMap<>(DeadLetterReason.class);

    ReportSignatures(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
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
        Map<ServerId, Optional<SigningSecret>> known = secrets.getAll(wanted, this::load);
        for (ConsumerRecord<String, byte[]> record : batch) {
            ServerId id = ids.get(record);
            if (id == null) {
                continue;
            }
            Optional<SigningSecret> secret = known.getOrDefault(id, Optional.empty());
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

    /** One query per chunk of ids; every id asked gets an answer, so "not registered" is cached too. */
    private Map<ServerId, Optional<SigningSecret>> load(Set<? extends ServerId> missing) {
        Map<ServerId, Optional<SigningSecret>> found = new HashMap<>(missing.size() * 2);
        List<String> values = missing.stream().map(ServerId::value).toList();
        for (int from = 0; from < values.size(); from += MAX_IDS_PER_QUERY) {
            jdbc.sql("select public_id, signing_secret from server where public_id in (:ids)")
                    .param("ids", values.subList(from, Math.min(values.size(), from + MAX_IDS_PER_QUERY)))
                    .query((RowCallbackHandler) row -> found.put(ServerId.of(row.getString(1)),
                            Optional.of(SigningSecret.fromText(row.getString(2)))));
        }
        for (ServerId id : missing) {
            found.putIfAbsent(id, Optional.empty());
        }
        return found;
    }

    private void skip(ConsumerRecord<String, byte[]> record, DeadLetterReason reason, String why) {
        skipped.get(reason).increment();
        log.debug("Skipped the report at {}-{}@{} for the alert rules: {}", record.topic(), record.partition(),
                record.offset(), why);
    }
}
