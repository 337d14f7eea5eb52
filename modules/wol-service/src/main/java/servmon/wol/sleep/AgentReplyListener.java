package servmon.wol.sleep;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import servmon.events.AgentControl;
import servmon.events.AgentReply;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.ServmonEvent;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;
import servmon.wol.wake.AcceptedSleeps;
import servmon.wol.wake.PendingWakes;
import servmon.wol.wake.WakeResultPublisher;

/** Turns agents' answers to sleep and relay orders into steps of the server's power log. */
@Component
class AgentReplyListener {

    private final WakeResultPublisher results;
    private final PendingWakes pendingWakes;
    private final AcceptedSleeps acceptedSleeps;

    AgentReplyListener(WakeResultPublisher results, PendingWakes pendingWakes, AcceptedSleeps acceptedSleeps) {
        this.results = results;
        this.pendingWakes = pendingWakes;
        this.acceptedSleeps = acceptedSleeps;
    }

    @KafkaListener(id = "agent-replies", groupId = "servmon-wol-service",
            topics = "#{T(servmon.events.Topics).AGENT_REPLIES.name()}")
    void onReply(ConsumerRecord<String, byte[]> record) throws InvalidEventException {
        AgentReply reply = EventCodec.decode(record.value(), AgentReply.class);
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
}
