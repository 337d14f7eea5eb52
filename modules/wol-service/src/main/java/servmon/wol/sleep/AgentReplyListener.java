package servmon.wol.sleep;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import servmon.events.AgentControl;
import servmon.events.AgentReply;
import servmon.events.DeadLetterReason;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServerRegistered;
import servmon.events.ServmonEvent;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;
import servmon.wol.wake.AcceptedSleeps;
import servmon.wol.wake.PendingWakes;
import servmon.wol.wake.WakeResultPublisher;
import servmon.wol.wake.WakeTargets;

/**
 * Turns agents' answers to sleep and relay orders into steps of the server's power log. Only an answer signed by the
 * server's own agent counts ({@link RecordSignature}, with the secret of its registration): an accepted sleep lets a
 * wake go out before the server is ASLEEP and says the server is going silent on purpose, so a forged one is refused
 * to the dead-letter topic with the reason, as any invalid record is.
 */
@Component
class AgentReplyListener {

    private final WakeTargets targets;
    private final WakeResultPublisher results;
    private final PendingWakes pendingWakes;
    private final AcceptedSleeps acceptedSleeps;

    AgentReplyListener(WakeTargets targets, WakeResultPublisher results, PendingWakes pendingWakes,
                       AcceptedSleeps acceptedSleeps) {
        this.targets = targets;
        this.results = results;
        this.pendingWakes = pendingWakes;
        this.acceptedSleeps = acceptedSleeps;
    }

    @KafkaListener(id = "agent-replies", groupId = "servmon-wol-service",
            topics = "#{T(servmon.events.Topics).AGENT_REPLIES.name()}")
    void onReply(ConsumerRecord<String, byte[]> record) throws InvalidEventException {
        AgentReply reply = verified(record);
        WakeStatus status;
        String detail;
        if (reply.type() == AgentControl.Type.SLEEP) {
            if (reply.accepted()) {
                acceptedSleeps.accepted(reply.serverId());
            }
            status = reply.accepted() ? WakeStatus.SLEEP_ACCEPTED : WakeStatus.SLEEP_REFUSED;
            detail = reply.accepted()
                    ? "the agent is going to sleep" + (reply.powerW() == null ? "" : ", drawing " + reply.powerW() + " W")
                    : "the agent refused: " + reply.reason();
        } else if (reply.type() == AgentControl.Type.RELAY_WAKE) {
            // the reply comes from the peer; the step belongs to the woken server's log, which the wake knows
            pendingWakes.relayed(reply.commandId(), reply.accepted(), reply.reason(), reply.serverId().value());
            return;
        } else {
            return;
        }
        results.publish(new WakeResult(ServmonEvent.VERSION, reply.serverId(), reply.commandId(), status, detail, 0,
                reply.at()));
    }

    /**
     * The answer, if its server's agent signed it: checked before it is parsed, with the secret of the registration
     * of the record key (the signature covers the key, and the answer must be about that server). Orders go to
     * registered servers only, so an answer of a server that is not registered (any more) answers nothing.
     */
    private AgentReply verified(ConsumerRecord<String, byte[]> record) throws InvalidEventException {
        ServerId key = serverIdOf(record.key());
        ServerRegistered registration = targets.registration(key).orElseThrow(() -> new InvalidEventException(
                DeadLetterReason.UNKNOWN_SERVER, "answer of server " + key + ", which is not registered", null));
        if (registration.signingSecret() == null) {
            throw new InvalidEventException(DeadLetterReason.BAD_SIGNATURE, "server " + key
                    + " was registered without a signing secret: register it again in the dashboard", null);
        }
        RecordSignature.verify(registration.signingSecret(), record.topic(), record.key(), record.value(),
                record.headers());
        AgentReply reply = EventCodec.decode(record.value(), AgentReply.class);
        if (!reply.serverId().equals(key)) {
            throw new InvalidEventException(DeadLetterReason.KEY_MISMATCH, "serverId " + reply.serverId()
                    + " does not match the record key " + key, null);
        }
        return reply;
    }

    private static ServerId serverIdOf(String key) throws InvalidEventException {
        if (key == null) {
            throw new InvalidEventException(DeadLetterReason.NO_KEY, "record has no key: an agent's answer is keyed"
                    + " by its server id", null);
        }
        try {
            return ServerId.of(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(DeadLetterReason.BAD_KEY, "record key is not a server id: "
                    + e.getMessage(), null);
        }
    }
}
