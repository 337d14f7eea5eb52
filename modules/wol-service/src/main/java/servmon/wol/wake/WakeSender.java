package servmon.wol.wake;

import org.springframework.stereotype.Component;
import servmon.wol.packet.Delivery;
import servmon.wol.packet.Destination;
import servmon.wol.packet.MagicPacketSender;

import java.util.List;
import java.util.stream.Collectors;

/** Sends one round of magic packets to a reachable server and says what happened, for the first send and retries. */
@Component
class WakeSender {

    /** @param sent datagrams that went out; 0 when none could be sent, and {@code detail} says why */
    record Sent(int sent, String detail) {
        boolean failed() {
            return sent == 0;
        }
    }

    private final WakeDestinations destinations;
    private final MagicPacketSender sender;

    WakeSender(WakeDestinations destinations, MagicPacketSender sender) {
        this.destinations = destinations;
        this.sender = sender;
    }

    Sent send(WakeTarget.Reachable target) {
        List<Destination> to = destinations.forTarget(target.broadcast());
        if (to.isEmpty()) {
            return new Sent(0, "no destination: set servmon.wol.destinations");
        }
        Delivery delivery = sender.send(target.packet(), to);
        String failures = delivery.failures().entrySet().stream()
                .map(failure -> failure.getKey() + " (" + failure.getValue() + ")")
                .collect(Collectors.joining(", "));
        if (delivery.reachedNone()) {
            return new Sent(0, "could not send to " + failures);
        }
        return new Sent(delivery.datagramsSent(), "sent " + delivery.datagramsSent() + " magic packets for "
                + target.packet().mac() + " (" + target.macSource() + ") to " + joined(delivery.reached())
                + (failures.isEmpty() ? "" : "; failed: " + failures));
    }

    private static String joined(List<Destination> destinations) {
        return destinations.stream().map(Destination::toString).collect(Collectors.joining(", "));
    }
}
