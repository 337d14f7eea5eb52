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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Answers an agent's enrollment on the agent-control topic: its first report (seq 0) from a registered server is
 * accepted with the server's name, signed with the server's secret so the agent can tell it from a forged one;
 * reports from an unknown id are refused with advice, at most once per id per
 * {@code servmon.ingestor.refusal-rate-limit}. A refusal cannot be signed (nobody here knows that key); the agent
 * weighs it accordingly.
 */
@Component
public class EnrollmentResponder {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentResponder.class);

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final RefusalRateLimiter refusals;
    private final Clock clock;

    EnrollmentResponder(KafkaTemplate<byte[], byte[]> kafka, IngestorProperties properties, Clock clock) {
        this.kafka = kafka;
        this.refusals = new RefusalRateLimiter(properties.refusalRateLimit(), clock);
        this.clock = clock;
    }

    /** What an operator and the agent read when a server id is not registered; also the dead-letter reason. */
    public static String unknownKeyAdvice(ServerId key) {
        return "unknown server " + key.value()
                + ": add the server in the dashboard (Add Server) and start its agent with the key shown there";
    }

    /**
     * @param unknownStarting unknown keys whose agent just started: refused every time, because that agent is
     *                        waiting for the answer; the rate limit only quiets agents that keep on reporting
     */
    public void answer(Map<ServerId, KnownServer> enrolled, Set<ServerId> unknownKeys, Set<ServerId> unknownStarting,
                       PendingSends sends) {
        enrolled.forEach((key, server) -> {
            sends.add(send(key, true, "enrolled as " + server.name(), server.secret()));
            log.info("Agent of server {} ({}) enrolled", server.name(), key);
        });
        for (ServerId key : unknownKeys) {
            if (refusals.tryAcquire(key) || unknownStarting.contains(key)) {
                sends.add(send(key, false, unknownKeyAdvice(key), null));
                log.warn("Refused enrollment of unknown server {}", key);
            }
        }
    }

    /** @param secret the server's, to sign with; null for a refusal */
    private CompletableFuture<SendResult<byte[], byte[]>> send(ServerId key, boolean accepted, String message,
                                                               SigningSecret secret) {
        AgentControl reply = AgentControl.enrollReply(key, accepted, message, clock.instant());
        byte[] recordKey = key.value().getBytes(StandardCharsets.UTF_8);
        byte[] value = EventCodec.encode(reply);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.AGENT_CONTROL.name(), recordKey, value);
        if (secret != null) {
            RecordSignature.sign(secret, record.topic(), recordKey, value, record.headers());
        }
        return kafka.send(record);
    }
}
