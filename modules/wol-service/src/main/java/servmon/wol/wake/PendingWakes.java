package servmon.wol.wake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import servmon.events.CommandId;
import servmon.events.ServerId;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The wakes sent and not yet settled, one per server. A wake is CONFIRMED when the server is ON again with a report
 * that arrived after the first packet (a new boot id after a power-off; the same one after a resume from suspend);
 * until then packets go out again with back-off, and the wake is TIMED_OUT when the server stays away too long.
 * Kept in memory; after a restart of the wol-service, {@link UnsettledWakes} tracks the wakes in flight again.
 */
@Component
public class PendingWakes {

    private static final Logger log = LoggerFactory.getLogger(PendingWakes.class);

    /**
     * @param bootIdBefore the boot id the server had when the wake was sent, to tell a reboot from a resume
     * @param firstSentAt  null while the first packet waits for its turn (claimed, not sent yet)
     * @param attempts     sends so far
     */
    record Pending(WakeCommand command, WakeTarget.Reachable target, String bootIdBefore, Instant firstSentAt,
                   int attempts, Instant nextAttemptAt) {

        boolean sent() {
            return firstSentAt != null;
        }

        String since() {
            return sent() ? "under way since " + firstSentAt : "waiting for its turn to be sent";
        }
    }

    private final Map<ServerId, Pending> pending = new ConcurrentHashMap<>();
    private final WakeTargets targets;
    private final WakeDelivery delivery;
    private final WakeResultPublisher results;
    private final WolProperties.Confirm confirm;
    private final WakeTimes wakeTimes;
    private final Clock clock;

    PendingWakes(WakeTargets targets, WakeDelivery delivery, WakeResultPublisher results, WolProperties properties,
                 WakeTimes wakeTimes, Clock clock) {
        this.targets = targets;
        this.delivery = delivery;
        this.results = results;
        this.wakeTimes = wakeTimes;
        this.confirm = properties.confirm();
        this.clock = clock;
    }

    /**
     * Takes the server for this command before any packet goes out. Commands for one server may arrive on several
     * partitions at once (a client with another partitioner) and so on several listener threads: only the first
     * claim wins, the others see it and are merged into it.
     *
     * @return the wake already under way, if any; empty when this command now holds the server
     */
    Optional<Pending> claim(WakeCommand command, WakeTarget.Reachable target, String bootIdBefore) {
        return Optional.ofNullable(pending.putIfAbsent(command.serverId(),
                new Pending(command, target, bootIdBefore, null, 0, null)));
    }

    /** The first packet of a claimed wake went out: from now on it is confirmed, retried or given up. */
    void sent(WakeCommand command, Instant sentAt) {
        pending.computeIfPresent(command.serverId(), (key, wake) -> wake.command().equals(command)
                ? new Pending(command, wake.target(), wake.bootIdBefore(), sentAt, 1, sentAt.plus(waitAfter(1)))
                : wake);
    }

    /**
     * A wake a previous run of this service sent and did not settle ({@link UnsettledWakes}): tracked again as it
     * was, its next retry due when it would have been. The boot id it had before is not known any more.
     */
    void restore(ServerId server, CommandId commandId, WakeTarget.Reachable target, Instant firstSentAt, int sends) {
        WakeCommand command = new WakeCommand(ServmonEvent.VERSION, server, commandId, "restored", null, firstSentAt);
        Instant next = firstSentAt;
        for (int sent = 1; sent <= sends; sent++) {
            next = next.plus(waitAfter(sent));
        }
        pending.putIfAbsent(server, new Pending(command, target, null, firstSentAt, sends, next));
    }

    /** A claimed wake that could not be sent: the server is free for the next command. */
    void release(WakeCommand command) {
        pending.computeIfPresent(command.serverId(), (key, wake) -> wake.command().equals(command) ? null : wake);
    }

    int size() {
        return pending.size();
    }

    /**
     * Settles what can be settled and sends the retries that are due. Results go out together and are waited for
     * once: with a thousand wakes in flight, one round trip to Kafka per result would make retries minutes late.
     */
    @Scheduled(fixedDelayString = "${servmon.wol.confirm.check-every}")
    void check() {
        Instant now = clock.instant();
        List<CompletableFuture<Void>> steps = new ArrayList<>();
        for (Pending wake : pending.values()) {
            if (wake.sent()) {
                settle(wake, now).ifPresent(steps::add);
            }
        }
        try {
            CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
                    .get(results.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Kafka did not take some results: those wakes stay pending and the next check settles them again
            long failed = steps.stream().filter(step -> !step.isDone() || step.isCompletedExceptionally()).count();
            log.warn("{} of {} wake results not acknowledged yet, tried again at the next check: {}", failed,
                    steps.size(), e.getMessage());
        }
    }

    private Optional<CompletableFuture<Void>> settle(Pending wake, Instant now) {
        ServerId key = wake.command().serverId();
        Optional<ServerStateChanged> state = targets.state(key);
        if (state.isPresent() && backAfter(state.get(), wake.firstSentAt())) {
            wakeTimes.confirmed(key, Duration.between(wake.firstSentAt(), state.get().since()));
            return Optional.of(publish(wake, WakeStatus.CONFIRMED, howBack(wake, state.get().bootId()) + " " + Duration.between(wake.firstSentAt(),
                    state.get().since()).toMillis() + " ms after the first packet, " + wake.attempts() + " send(s)", 0)
                    .thenRun(() -> pending.remove(key, wake)));
        }
        Instant giveUpAt = wake.firstSentAt().plus(confirm.giveUpAfter());
        if (!now.isBefore(giveUpAt)
                && (ruledOut(state, wake.firstSentAt()) || !now.isBefore(giveUpAt.plus(confirm.waitForMonitor())))) {
            return Optional.of(publish(wake, WakeStatus.TIMED_OUT, "no report " + Duration.between(
                    wake.firstSentAt(), now).toSeconds() + " s after the first packet (" + wake.attempts()
                    + " sends): check that Wake-on-LAN is armed (ethtool Wake-on: g), the MAC, and that broadcasts"
                    + " reach its subnet", 0)
                    .thenRun(() -> pending.remove(key, wake)));
        }
        if (wake.attempts() < confirm.attempts() && !now.isBefore(wake.nextAttemptAt())) {
            // Not paced again: retries keep the spacing of the first packets, which were paced.
            WakeDelivery.Delivered sent = delivery.deliver(wake.command(), wake.target());
            Pending next = new Pending(wake.command(), wake.target(), wake.bootIdBefore(), wake.firstSentAt(),
                    wake.attempts() + 1, now.plus(waitAfter(wake.attempts() + 1)));
            pending.replace(key, wake, next);
            return Optional.of(publish(next, WakeStatus.RETRIED, "attempt " + next.attempts() + ": " + sent.detail(),
                    sent.packets()));
        }
        return Optional.empty();
    }

    /**
     * A peer's answer to a RELAY_WAKE for one of these wakes: logged under the woken server's key, where its power
     * log is; an answer for no pending wake (already settled) is ignored.
     */
    public void relayed(CommandId commandId, boolean accepted, String reason, String peerPrefix) {
        pending.values().stream().filter(wake -> wake.command().commandId().equals(commandId)).findFirst()
                .ifPresent(wake -> results.publish(result(wake, WakeStatus.RELAYED, accepted
                        ? "peer " + peerPrefix + " sent the packet on the server's subnet"
                        : "peer " + peerPrefix + " could not relay: " + reason, 0)));
    }

    /** How long after its {@code sends}-th send a wake is sent again: the first wait, times the back-off per send. */
    private Duration waitAfter(int sends) {
        double factor = Math.pow(confirm.backoff(), sends - 1);
        return Duration.ofMillis((long) (confirm.firstRetryAfter().toMillis() * factor));
    }

    private static String howBack(Pending wake, String bootId) {
        if (wake.bootIdBefore() == null || bootId == null) {
            return "back";
        }
        return bootId.equals(wake.bootIdBefore()) ? "back, same boot id (resumed)" : "back with a new boot id";
    }

    /**
     * The state monitor gave up on the server after this wake went out: its WAKING ran out (OFF, or ASLEEP again).
     * Until then (still WAKING, or a state from before the wake because the monitor has not read the command yet)
     * the report that confirms the wake may be waiting in the monitor's input. Only a move out of WAKING counts: a
     * monitor minutes behind may publish the ON -> ASLEEP of the sleep before this wake with a later since.
     */
    private static boolean ruledOut(Optional<ServerStateChanged> state, Instant firstSentAt) {
        return state.isPresent() && state.get().previous() == ServerState.WAKING
                && (state.get().state() == ServerState.OFF || state.get().state() == ServerState.ASLEEP)
                && state.get().since().isAfter(firstSentAt);
    }

    /** ON with a report that arrived after the wake went out: the server answered it. */
    private static boolean backAfter(ServerStateChanged state, Instant firstSentAt) {
        return state.state() == ServerState.ON && state.lastSeen() != null && state.lastSeen().isAfter(firstSentAt);
    }

    private CompletableFuture<Void> publish(Pending wake, WakeStatus status, String detail, int packets) {
        WakeResult result = result(wake, status, detail, packets);
        return results.publishAsync(result).thenRun(() -> log.info("Wake {} of {}: {} {}",
                wake.command().commandId(), wake.command().serverId().value(), status, detail));
    }

    private WakeResult result(Pending wake, WakeStatus status, String detail, int packets) {
        return new WakeResult(ServmonEvent.VERSION, wake.command().serverId(), wake.command().commandId(), status,
                detail, packets, clock.instant());
    }
}
