package servmon.wol.wake;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import servmon.events.AgentControl;
import servmon.events.EventCodec;
import servmon.events.RecordSignature;
import servmon.events.ServerRegistered;
import servmon.events.Topics;

import java.util.concurrent.CompletableFuture;

/**
 * Sends an order (sleep, relay a wake, your server was removed) to one agent on the control topic, signed with the
 * secret of the server's registration: an agent obeys only orders signed with its own key's secret, so nobody else
 * who can write to the topic can put it to sleep or stop it.
 */
@Component
public class AgentOrderSender {

    private final KafkaTemplate<String, AgentControl> control;

    AgentOrderSender(KafkaTemplate<String, AgentControl> control) {
        this.control = control;
    }

    /**
     * @param to the registration of the server the order is for
     * @throws IllegalStateException if the registration carries no signing secret: its agent would ignore the order
     */
    public CompletableFuture<SendResult<String, AgentControl>> send(ServerRegistered to, AgentControl order) {
        if (to.signingSecret() == null) {
            throw new IllegalStateException("server " + to.name() + " (" + to.serverId() + ") was registered without"
                    + " a signing secret, so its agent would ignore the order: register it again in the dashboard");
        }
        String key = order.serverId().value();
        ProducerRecord<String, AgentControl> record = new ProducerRecord<>(Topics.AGENT_CONTROL.name(), key, order);
        // the template's EventSerializer writes these very bytes (EventCodec is deterministic)
        RecordSignature.sign(to.signingSecret(), record.topic(), key, EventCodec.encode(order), record.headers());
        return control.send(record);
    }
}
