package servmon.wol.wake;

import org.springframework.stereotype.Service;
import servmon.events.ServmonEvent;
import servmon.events.WakeCommand;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;
import servmon.wol.packet.Delivery;
import servmon.wol.packet.Destination;
import servmon.wol.packet.MagicPacketSender;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides what to do with one wake command and does it. Today: send magic packets and report SENT.
 * The seam for what comes next (confirming by a new boot id, retries with back-off, relaying through an awake
 * agent on the target's subnet, power policies) is here.
 */
@Service
class WakeService {

    private final WakeTargets targets;
    private final WakeDestinations destinations;
    private final MagicPacketSender sender;
    private final Clock clock;

    WakeService(WakeTargets targets, WakeDestinations destinations, MagicPacketSender sender, Clock clock) {
        this.targets = targets;
        this.destinations = destinations;
        this.sender = sender;
        this.clock = clock;
    }

    WakeResult wake(WakeCommand command) {
        return switch (targets.find(command.serverKey())) {
            case WakeTarget.Unwakeable unwakeable -> result(command, WakeStatus.NOT_WAKEABLE, unwakeable.reason(), 0);
            case WakeTarget.Reachable target -> send(command, target);
        };
    }

    private WakeResult send(WakeCommand command, WakeTarget.Reachable target) {
        List<Destination> to = destinations.forTarget(target.broadcast());
        if (to.isEmpty()) {
            return result(command, WakeStatus.FAILED, "no destination: set servmon.wol.destinations", 0);
        }
        Delivery delivery = sender.send(target.packet(), to);
        String failures = delivery.failures().entrySet().stream()
                .map(failure -> failure.getKey() + " (" + failure.getValue() + ")")
                .collect(Collectors.joining(", "));
        if (delivery.reachedNone()) {
            return result(command, WakeStatus.FAILED, "could not send to " + failures, 0);
        }
        String detail = "sent " + delivery.datagramsSent() + " magic packets for " + target.packet().mac()
                + " (" + target.macSource() + ") to " + joined(delivery.reached())
                + (failures.isEmpty() ? "" : "; failed: " + failures);
        return result(command, WakeStatus.SENT, detail, delivery.datagramsSent());
    }

    private WakeResult result(WakeCommand command, WakeStatus status, String detail, int packetsSent) {
        return new WakeResult(ServmonEvent.VERSION, command.serverKey(), command.commandId(), status, detail,
                packetsSent, clock.instant());
    }

    private static String joined(List<Destination> destinations) {
        return destinations.stream().map(Destination::toString).collect(Collectors.joining(", "));
    }
}
