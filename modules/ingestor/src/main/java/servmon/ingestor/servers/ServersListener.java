package servmon.ingestor.servers;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.ServerId;
import servmon.events.ServerRegistered;

import java.util.List;

/**
 * Follows the dashboard's registrations so that a removed server's key stops being accepted at once, and a new
 * one is known before its agent's first report. Every instance reads every partition from the start: each keeps
 * its own cache, so each must see every removal.
 */
@Component
class ServersListener {

    private static final Logger log = LoggerFactory.getLogger(ServersListener.class);

    private final ServerDirectory directory;

    ServersListener(ServerDirectory directory) {
        this.directory = directory;
    }

    @KafkaListener(id = "ingestor-servers", batch = "true", containerPostProcessor = "commitNothing",
            topicPartitions = @TopicPartition(topic = "#{T(servmon.events.Topics).SERVERS.name()}",
                    partitions = "0-#{@servmonPartitions - 1}",
                    partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")))
    void onServers(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            ServerId key;
            try {
                key = ServerId.of(record.key());
            } catch (IllegalArgumentException e) {
                log.warn("Skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                continue;
            }
            if (record.value() == null) {
                directory.forget(key);
                continue;
            }
            try {
                ServerRegistered registered = EventCodec.decode(record.value(), ServerRegistered.class);
                // without a secret, the database's is the one to check reports with: the next lookup reads it
                if (registered.rowId() > 0 && registered.serverId().equals(key) && registered.signingSecret() != null) {
                    directory.remember(key, new KnownServer(registered.rowId(), registered.name(),
                            registered.signingSecret()));
                }
            } catch (InvalidEventException e) {
                // not dead-lettered here (read without a group, again at each start): the state monitor does it once
                log.warn("Skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
    }
}
