package servmon.ingestor.wake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import servmon.events.DeadLetterReason;
import servmon.events.ServerId;
import servmon.events.WakeResult;
import servmon.ingestor.DataErrors;
import servmon.ingestor.DbTime;
import servmon.ingestor.DeadLetterPublisher;
import servmon.ingestor.EventRecords;
import servmon.ingestor.IngestorProperties;
import servmon.ingestor.PendingSends;
import servmon.ingestor.Refusal;
import servmon.ingestor.servers.KnownServer;
import servmon.ingestor.servers.ServerDirectory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps the history of wake commands: one {@code wake_event} row per command and status (SENT, CONFIRMED, …). A
 * result that is invalid, or that the database refuses, goes to the dead-letter topic; the others are stored.
 */
@Component
class WakeResultListener {

    private static final Logger log = LoggerFactory.getLogger(WakeResultListener.class);

    // IGNORE: a redelivered result is already there ((command_id, status) is the key), and a server deleted
    // meanwhile fails its foreign key as a warning instead of blocking the batch.
    private static final String INSERT_WAKE_EVENT = """
            INSERT IGNORE INTO wake_event (command_id, status, server_id, detail, packets_sent, at)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private record WakeRow(long serverId, WakeResult result, ConsumerRecord<String, byte[]> source) {
    }

    private final ServerDirectory directory;
    private final JdbcTemplate jdbc;
    private final DeadLetterPublisher deadLetters;
    private final IngestorProperties properties;

    WakeResultListener(ServerDirectory directory, JdbcTemplate jdbc, DeadLetterPublisher deadLetters,
                       IngestorProperties properties) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        this.properties = properties;
    }

    @KafkaListener(id = "ingestor-wake-results", topics = "#{T(servmon.events.Topics).WAKE_RESULTS.name()}",
            groupId = "servmon-ingestor-wakes", batch = "true")
    void onResults(List<ConsumerRecord<String, byte[]>> records) {
        EventRecords.Decoded<WakeResult> decoded = EventRecords.decodeAll(records, WakeResult.class);
        List<Refusal> refusals = new ArrayList<>(decoded.refusals());
        List<WakeResult> results = decoded.events();
        if (!results.isEmpty()) {
            Map<ServerId, KnownServer> known = directory.resolve(
                    results.stream().map(WakeResult::serverId).collect(Collectors.toSet()));
            List<WakeRow> rows = new ArrayList<>(results.size());
            for (int i = 0; i < results.size(); i++) {
                WakeResult result = results.get(i);
                KnownServer server = known.get(result.serverId());
                if (server == null) {
                    log.debug("Ignored wake result {} of unregistered server {}", result.status(),
                            result.serverId());
                } else {
                    rows.add(new WakeRow(server.id(), result, decoded.sources().get(i)));
                }
            }
            for (DataErrors.Refused refused : DataErrors.writeSettingAsideRefused(rows, this::insert)) {
                refusals.add(new Refusal(rows.get(refused.index()).source(), DeadLetterReason.DATABASE_REFUSED,
                        DataErrors.describe(refused.failure())));
            }
        }
        PendingSends sends = new PendingSends();
        deadLetters.publish(refusals, sends);
        sends.awaitAll(properties.sendTimeout());
    }

    private void insert(List<WakeRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT_WAKE_EVENT, rows, rows.size(), (ps, row) -> {
            WakeResult result = row.result();
            ps.setString(1, result.commandId().value());
            ps.setString(2, result.status().name());
            ps.setLong(3, row.serverId());
            ps.setString(4, result.detail() == null || result.detail().length() <= 500
                    ? result.detail() : result.detail().substring(0, 500));
            ps.setInt(5, result.packetsSent());
            ps.setObject(6, DbTime.utc(result.at()));
        });
    }
}
