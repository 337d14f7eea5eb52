package servmon.ingestor.state;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import servmon.events.DeadLetterReason;
import servmon.events.ServerId;
import servmon.events.ServerStateChanged;
import servmon.ingestor.DataErrors;
import servmon.ingestor.DeadLetterPublisher;
import servmon.ingestor.EventRecords;
import servmon.ingestor.IngestorProperties;
import servmon.ingestor.PendingSends;
import servmon.ingestor.Refusal;
import servmon.ingestor.servers.KnownServer;
import servmon.ingestor.servers.ServerDirectory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stores the state monitor's verdicts (ON, OFF, WAKING, ASLEEP) in {@code server_status}, a batch at a time. A
 * record that is invalid, or that the database refuses, goes to the dead-letter topic and the others are stored:
 * one bad state never stops state persistence for the fleet.
 */
@Component
class ServerStateListener {

    private static final Logger log = LoggerFactory.getLogger(ServerStateListener.class);

    private final ServerDirectory directory;
    private final ServerStateWriter writer;
    private final DeadLetterPublisher deadLetters;
    private final IngestorProperties properties;
    private final Clock clock;

    ServerStateListener(ServerDirectory directory, ServerStateWriter writer, DeadLetterPublisher deadLetters,
                        IngestorProperties properties, Clock clock) {
        this.directory = directory;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.clock = clock;
    }

    @KafkaListener(id = "ingestor-server-state", topics = "#{T(servmon.events.Topics).SERVER_STATE.name()}",
            groupId = "servmon-ingestor-state", batch = "true")
    void onStates(List<ConsumerRecord<String, byte[]>> records) {
        EventRecords.Decoded<ServerStateChanged> decoded = EventRecords.decodeAll(records, ServerStateChanged.class);
        List<Refusal> refusals = new ArrayList<>(decoded.refusals());
        List<ServerStateChanged> changes = decoded.events();
        if (!changes.isEmpty()) {
            Map<ServerId, KnownServer> known = directory.resolve(
                    changes.stream().map(ServerStateChanged::serverId).collect(Collectors.toSet()));
            List<ServerStateWriter.StateRow> rows = new ArrayList<>(changes.size());
            List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>(changes.size());
            for (int i = 0; i < changes.size(); i++) {
                ServerStateChanged change = changes.get(i);
                KnownServer server = known.get(change.serverId());
                if (server == null) {
                    log.debug("Ignored state {} of unregistered server {}", change.state(), change.serverId());
                } else {
                    rows.add(new ServerStateWriter.StateRow(server.id(), change));
                    sources.add(decoded.sources().get(i));
                }
            }
            for (DataErrors.Refused refused :
                    DataErrors.writeSettingAsideRefused(rows, batch -> writer.write(batch, clock.instant()))) {
                refusals.add(new Refusal(sources.get(refused.index()), DeadLetterReason.DATABASE_REFUSED,
                        DataErrors.describe(refused.failure())));
            }
        }
        PendingSends sends = new PendingSends();
        deadLetters.publish(refusals, sends);
        sends.awaitAll(properties.sendTimeout());
    }
}
