package servmon.wol.wake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import servmon.events.ServerKey;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;
import servmon.events.WakeCommand;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;
import servmon.wol.WolProperties;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wakes sent and not yet settled, one per server. A wake is CONFIRMED when the server is ON again with a report
 * that arrived after the first packet (a new boot id after a power-off; the same one after a resume from suspend);
 * until then packets go out again with back-off, and the wake is TIMED_OUT when the server stays away too long.
 * Kept in memory: after a restart of the wol-service the wakes in flight are neither confirmed nor retried.
 */
@Component
public class PendingWakes {

    private static final Logger log = LoggerFactory.getLogger(PendingWakes.class);

    /**
     * @param bootIdBefore the boot id the server had when the wake was sent, to tell a reboot from a resume
     * @param attempts     sends so far
     */
    record Pending(WakeCommand command, WakeTarget.Reachable target, String bootIdBefore, Instant firstSentAt,
                   int attempts, Instant nextAttemptAt) {
    }

    private final Map<ServerKey, Pending> pending = new ConcurrentHashMap<>();
    private final WakeTargets targets;
    private final WakeDelivery delivery;
    private final WakeResultPublisher results;
    private final WolProperties.Confirm confirm;
    private final Clock clock;

    PendingWakes(WakeTargets targets, WakeDelivery delivery, WakeResultPublisher results, WolProperties properties,
                 Clock clock) {
        this.targets = targets;
        this.delivery = delivery;
        this.results = results;
        this.confirm = properties.confirm();
        this.clock = clock;
    }

    Optional<Pending> underWay(ServerKey key) {
        return Optional.ofNullable(pending.get(key));
    }

    void track(WakeCommand command, WakeTarget.Reachable target, String bootIdBefore, Instant sentAt) {
        pending.put(command.serverKey(), new Pending(command, target, bootIdBefore, sentAt, 1,
                sentAt.plus(confirm.firstRetryAfter())));
    }

    int size() {
        return pending.size();
    }

    @Scheduled(fixedDelayString = "${servmon.wol.confirm.check-every}")
    void check() {
        Instant now = clock.instant();
        for (Pending wake : pending.values()) {
            try {
                settle(wake, now);
            } catch (RuntimeException e) {
                // Kafka did not take the result: the wake stays pending and the next check tries again
                log.warn("Wake {} of {} not settled yet: {}", wake.command().commandId(),
                        wake.command().serverKey().shortPrefix(), e.getMessage());
            }
        }
    }

    private void settle(Pending wake, Instant now) {
        ServerKey key = wake.command().serverKey();
        Optional<ServerStateChanged> state = targets.state(key);
        if (state.isPresent() && backAfter(state.get(), wake.firstSentAt())) {
            String bootId = state.get().bootId();
            boolean rebooted = bootId != null && !bootId.equals(wake.bootIdBefore());
            publish(wake, WakeStatus.CONFIRMED, (rebooted ? "back with a new boot id" : "back, same boot id (resumed)")
                    + " " + Duration.between(wake.firstSentAt(), state.get().since()).toMillis() + " ms after the "
                    + "first packet, " + wake.attempts() + " send(s)", 0);
            pending.remove(key, wake);
        } else if (!now.isBefore(wake.firstSentAt().plus(confirm.giveUpAfter()))) {
            publish(wake, WakeStatus.TIMED_OUT, "no report " + confirm.giveUpAfter().toSeconds() + " s after the first "
                    + "packet (" + wake.attempts() + " sends): check that Wake-on-LAN is armed (ethtool Wake-on: g), "
                    + "the MAC, and that broadcasts reach its subnet", 0);
            pending.remove(key, wake);
        } else if (wake.attempts() < confirm.attempts() && !now.isBefore(wake.nextAttemptAt())) {
            WakeDelivery.Delivered sent = delivery.deliver(wake.command(), wake.target());
            Duration wait = Duration.ofMillis((long) (confirm.firstRetryAfter().toMillis()
                    * Math.pow(confirm.backoff(), wake.attempts())));
            Pending next = new Pending(wake.command(), wake.target(), wake.bootIdBefore(), wake.firstSentAt(),
                    wake.attempts() + 1, now.plus(wait));
            pending.replace(key, wake, next);
            publish(next, WakeStatus.RETRIED, "attempt " + next.attempts() + ": " + sent.detail(), sent.packets());
        }
    }

    /**
     * A peer's answer to a RELAY_WAKE for one of these wakes: logged under the woken server's key, where its power
     * log is; an answer for no pending wake (already settled) is ignored.
     */
    public void relayed(servmon.events.CommandId commandId, boolean accepted, String reason, String peerPrefix) {
        pending.values().stream().filter(wake -> wake.command().commandId().equals(commandId)).findFirst()
                .ifPresent(wake -> publish(wake, WakeStatus.RELAYED, accepted
                        ? "peer " + peerPrefix + " sent the packet on the server's subnet"
                        : "peer " + peerPrefix + " could not relay: " + reason, 0));
    }

    /** ON with a report that arrived after the wake went out: the server answered it. */
    private static boolean backAfter(ServerStateChanged state, Instant firstSentAt) {
        return state.state() == ServerState.ON && state.lastSeen() != null && state.lastSeen().isAfter(firstSentAt);
    }

    private void publish(Pending wake, WakeStatus status, String detail, int packets) {
        WakeResult result = new WakeResult(ServmonEvent.VERSION, wake.command().serverKey(), wake.command().commandId(),
                status, detail, packets, clock.instant());
        results.publish(result);
        log.info("Wake {} of {}: {} {}", wake.command().commandId(), wake.command().serverKey().shortPrefix(), status,
                detail);
    }
}
