package servmon.ingestor.enrollment;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import servmon.events.AgentControl;
import servmon.events.EventCodec;
import servmon.events.ServerKey;
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
 * Answers an agent's enrollment on the agent-control topic: its first report (seq 0) from a registered key is
 * accepted with the server's name; reports from an unknown key are refused with advice, at most once per key per
 * {@code servmon.ingestor.refusal-rate-limit}.
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

    /** What an operator and the agent read when a key is not registered; also the dead-letter reason. */
    public static String unknownKeyAdvice(ServerKey key) {
        return "unknown server key " + key.shortPrefix()
                + ": add the server in the dashboard (Add Server) and start its agent with the key shown there";
    }

    /**
     * @param unknownStarting unknown keys whose agent just started: refused every time, because that agent is
     *                        waiting for the answer; the rate limit only quiets agents that keep on reporting
     */
    public void answer(Map<ServerKey, KnownServer> enrolled, Set<ServerKey> unknownKeys, Set<ServerKey> unknownStarting,
                       PendingSends sends) {
        enrolled.forEach((key, server) -> {
            sends.add(send(key, true, "enrolled as " + server.name()));
            log.info("Agent of server {} ({}) enrolled", server.name(), key);
        });
        for (ServerKey key : unknownKeys) {
            if (refusals.tryAcquire(key) || unknownStarting.contains(key)) {
                sends.add(send(key, false, unknownKeyAdvice(key)));
                log.warn("Refused enrollment of unknown server key {}", key);
            }
        }
    }

    private CompletableFuture<SendResult<byte[], byte[]>> send(ServerKey key, boolean accepted, String message) {
        AgentControl reply = AgentControl.enrollReply(key, accepted, message, clock.instant());
        return kafka.send(new ProducerRecord<>(Topics.AGENT_CONTROL.name(),
                key.value().getBytes(StandardCharsets.UTF_8), EventCodec.encode(reply)));
    }
}
