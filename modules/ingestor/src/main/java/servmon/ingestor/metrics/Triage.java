package servmon.ingestor.metrics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import servmon.events.ServerId;
import servmon.ingestor.Refusal;
import servmon.ingestor.servers.KnownServer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one poll batch of metric records comes to.
 *
 * @param samples     valid reports of registered servers, in batch order
 * @param sources     the record of each sample, at the same index: what is dead-lettered if the database refuses it
 * @param refusals    records for the dead-letter topic, in batch order
 * @param enrolled    registered servers whose agent just started (a report with seq 0), to answer with acceptance
 * @param unknownStarting the unknown keys among them whose agent just started (seq 0): always answered, so a
 *                    restarted agent hears its refusal even within the refusal rate limit
 * @param unknownKeys well-formed reports' keys that no registered server has, to answer with refusal
 */
record Triage(List<Sample> samples, List<ConsumerRecord<String, byte[]>> sources, List<Refusal> refusals,
              Map<ServerId, KnownServer> enrolled, Set<ServerId> unknownKeys, Set<ServerId> unknownStarting) {
}
