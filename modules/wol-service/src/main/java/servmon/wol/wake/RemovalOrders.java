package servmon.wol.wake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import servmon.events.AgentControl;
import servmon.events.ServerRegistered;

import java.time.Clock;

/**
 * Tells the agent of a server removed on the dashboard (deleted, or given a new key) that it was, with a
 * {@link AgentControl.Type#REMOVED} order signed with the secret of the registration the tombstone removed, so that
 * it stops instead of reporting into the dead-letter topic for ever.
 *
 * <p>Why the wol-service: it already signs and sends the orders to agents ({@link AgentOrderSender}), and it holds
 * every registration with its secret in {@link WakeTargets}, which sees the tombstone with the registration before it
 * forgets it. The dashboard may not write to the control topic; the ingestor sends the same order later, with the
 * secret the dashboard keeps in {@code removed_server}, to an agent that was away at the removal and reports again.
 * Every instance of the wol-service reads the whole servers topic, so with several, each sends the order: the agent
 * obeys the first. A restart sends it again for the tombstones still in the compacted
 * topic behind their registration (until the log cleaner drops that registration): harmless, as a removed id is
 * never registered again, and it reaches an agent whose server was removed while the wol-service was down.
 */
@Component
class RemovalOrders {

    private static final Logger log = LoggerFactory.getLogger(RemovalOrders.class);

    private final AgentOrderSender sender;
    private final Clock clock;

    RemovalOrders(AgentOrderSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    /** On the view's polling thread: the send itself is asynchronous. */
    void removed(ServerRegistered last) {
        if (last.signingSecret() == null) {
            log.info("Server {} ({}) was removed; its registration had no signing secret, so its agent cannot be told",
                    last.name(), last.serverId());
            return;
        }
        AgentControl order = AgentControl.removedFromServmon(last.serverId(), last.name(), clock.instant());
        sender.send(last, order).whenComplete((sent, failure) -> {
            if (failure != null) {
                log.warn("Could not tell the agent of {} ({}) that its server was removed: {}", last.name(),
                        last.serverId(), failure.toString());
            } else {
                log.info("Told the agent of {} ({}) that its server was removed", last.name(), last.serverId());
            }
        });
    }
}
