package servmon.ingestor.state;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import servmon.events.ServerKey;
import servmon.events.ServerStateChanged;
import servmon.ingestor.EventRecords;
import servmon.ingestor.servers.KnownServer;
import servmon.ingestor.servers.ServerDirectory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Stores the state monitor's verdicts (ON, OFF, WAKING, ASLEEP) in {@code server_status}, a batch at a time. */
@Component
class ServerStateListener {

    private static final Logger log = LoggerFactory.getLogger(ServerStateListener.class);

    private final ServerDirectory directory;
    private final ServerStateWriter writer;
    private final Clock clock;

    ServerStateListener(ServerDirectory directory, ServerStateWriter writer, Clock clock) {
        this.directory = directory;
        this.writer = writer;
        this.clock = clock;
    }

    @KafkaListener(id = "ingestor-server-state", topics = "#{T(servmon.events.Topics).SERVER_STATE.name()}",
            groupId = "servmon-ingestor-state", batch = "true")
    void onStates(List<ConsumerRecord<String, byte[]>> records) {
        List<ServerStateChanged> changes = EventRecords.decodeAll(records, ServerStateChanged.class, log);
        if (changes.isEmpty()) {
            return;
        }
        Map<ServerKey, KnownServer> known = directory.resolve(
                changes.stream().map(ServerStateChanged::serverKey).collect(Collectors.toSet()));
        List<ServerStateWriter.StateRow> rows = new ArrayList<>(changes.size());
        for (ServerStateChanged change : changes) {
            KnownServer server = known.get(change.serverKey());
            if (server == null) {
                log.debug("Ignored state {} of unregistered server key {}", change.state(), change.serverKey());
            } else {
                rows.add(new ServerStateWriter.StateRow(server.id(), change));
            }
        }
        writer.write(rows, clock.instant());
    }
}
