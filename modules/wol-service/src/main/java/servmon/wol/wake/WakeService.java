package servmon.wol.wake;

import org.springframework.stereotype.Service;
import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;
import servmon.events.WakeCommand;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;

import java.time.Clock;
import java.util.Optional;

/**
 * Decides what to do with one wake command and does it: refuse what cannot or need not be woken, merge a command
 * into the wake of the same server already under way, else send magic packets (at the paced rate) and hand the wake
 * to {@link PendingWakes}, which confirms, retries or gives it up.
 */
@Service
class WakeService {

    private final WakeTargets targets;
    private final WakeDelivery delivery;
    private final WakePacer pacer;
    private final PendingWakes pending;
    private final AcceptedSleeps sleeps;
    private final Clock clock;

    WakeService(WakeTargets targets, WakeDelivery delivery, WakePacer pacer, PendingWakes pending,
                AcceptedSleeps sleeps, Clock clock) {
        this.targets = targets;
        this.delivery = delivery;
        this.pacer = pacer;
        this.pending = pending;
        this.sleeps = sleeps;
        this.clock = clock;
    }

    WakeResult wake(WakeCommand command) {
        return switch (targets.find(command.serverId())) {
            case WakeTarget.Unwakeable unwakeable -> result(command, WakeStatus.NOT_WAKEABLE, unwakeable.reason(), 0);
            case WakeTarget.Reachable target -> wakeReachable(command, target);
        };
    }

    private WakeResult wakeReachable(WakeCommand command, WakeTarget.Reachable target) {
        ServerId server = command.serverId();
        Optional<ServerStateChanged> state = targets.state(server);
        if (state.isPresent() && state.get().state() == ServerState.ON
                && !sleeps.sleptAfter(server, state.get().since())) {
            return result(command, WakeStatus.REJECTED, "the server is ON (reporting since " + state.get().since()
                    + "): nothing to wake", 0);
        }
        Optional<PendingWakes.Pending> underWay = pending.claim(command, target,
                state.map(ServerStateChanged::bootId).orElse(null));
        if (underWay.isPresent()) {
            return result(command, WakeStatus.REJECTED, "merged into wake " + underWay.get().command().commandId()
                    + ", " + underWay.get().since(), 0);
        }
        pacer.awaitTurn();
        WakeDelivery.Delivered sent = delivery.deliver(command, target);
        if (!sent.ok()) {
            pending.release(command);
            return result(command, WakeStatus.FAILED, sent.detail(), 0);
        }
        pending.sent(command, clock.instant());
        sleeps.forget(server);
        return result(command, WakeStatus.SENT, sent.detail(), sent.packets());
    }

    private WakeResult result(WakeCommand command, WakeStatus status, String detail, int packetsSent) {
        return new WakeResult(ServmonEvent.VERSION, command.serverId(), command.commandId(), status, detail,
                packetsSent, clock.instant());
    }
}
