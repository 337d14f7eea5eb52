package servmon.ingestor.enrollment;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import servmon.events.AgentControl;
import servmon.events.EventCodec;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.SigningSecret;
import servmon.events.Topics;
import servmon.ingestor.IngestorProperties;
import servmon.ingestor.PendingSends;
import servmon.ingestor.servers.KnownServer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Answers an agent's enrollment on the agent-control topic: its first report (seq 0) from a registered server is
 * accepted with the server's name, signed with the server's secret so the agent can tell it from a forged one;
 * reports from an unknown id are answered at most once per id per {@code servmon.ingestor.refusal-rate-limit}.
 * An id removed on the dashboard not long ago ({@link RemovedServers}) gets the signed {@code REMOVED} order the
 * wol-service sent when it was removed, which its agent missed if it was not running then (it reads its control
 * partition from the end), so that it stops now. Any other unknown id is refused with advice; a refusal cannot be
 * signed (nobody here knows that key), and the agent weighs it accordingly.
 */
@Component
public class EnrollmentResponder {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentResponder.class);

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final RemovedServers removedServers;
    private final RefusalRateLimiter refusals;
    private final Clock clock;

    EnrollmentResponder(KafkaTemplate<byte[], byte[]> kafka, RemovedServers removedServers,
                        IngestorProperties properties, Clock clock) {
        this.kafka = kafka;
        this.removedServers = removedServers;
        this.refusals = new RefusalRateLimiter(properties.refusalRateLimit(), clock);
        this.clock = clock;
    }

    /** What an operator and the agent read when a server id is not registered; also the dead-letter reason. */
    public static String unknownKeyAdvice(ServerId key) {
        return "unknown server " + key.value()
                + ": it was never added, or was removed on the dashboard; add the server in the dashboard (Add Server)"
                + " and start its agent with the key shown there";
    }

    /**
     * @param unknownStarting unknown keys whose agent just started: answered every time, because that agent is
     *                        waiting for the answer; the rate limit only quiets agents that keep on reporting
     */
    public void answer(Map<ServerId, KnownServer> enrolled, Set<ServerId> unknownKeys, Set<ServerId> unknownStarting,
                       PendingSends sends) {
        enrolled.forEach((key, server) -> {
            sends.add(send(AgentControl.enrollReply(key, true, "enrolled as " + server.name(), clock.instant()),
                    server.secret()));
            log.info("Agent of server {} ({}) enrolled", server.name(), key);
        });
        List<ServerId> due = new ArrayList<>();
        for (ServerId key : unknownKeys) {
            if (refusals.tryAcquire(key) || unknownStarting.contains(key)) {
                due.add(key);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        // Only the ids answered now are looked up: an agent that keeps on reporting costs a query per rate limit. If
        // the database is away the batch fails and is retried, and these ids wait for their next interval (or start).
        Map<ServerId, RemovedServers.RemovedServer> removed = removedServers.find(due);
        for (ServerId key : due) {
            RemovedServers.RemovedServer gone = removed.get(key);
            if (gone != null) {
                sends.add(send(AgentControl.removedFromServmon(key, gone.name(), clock.instant()), gone.secret()));
                log.info("Told the agent of removed server {} ({}), which reported again, that it was removed",
                        gone.name(), key);
            } else {
                sends.add(send(AgentControl.enrollReply(key, false, unknownKeyAdvice(key), clock.instant()), null));
                log.warn("Refused enrollment of unknown server {}", key);
            }
        }
    }

    /** @param secret the server's, to sign with; null for a refusal */
    private CompletableFuture<SendResult<byte[], byte[]>> send(AgentControl reply, SigningSecret secret) {
        ServerId key = reply.serverId();
        byte[] recordKey = key.value().getBytes(StandardCharsets.UTF_8);
        byte[] value = EventCodec.encode(reply);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.AGENT_CONTROL.name(), recordKey, value);
        if (secret != null) {
            RecordSignature.sign(secret, record.topic(), recordKey, value, record.headers());
        }
        return kafka.send(record);
    }
}
