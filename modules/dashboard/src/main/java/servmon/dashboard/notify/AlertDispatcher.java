package servmon.dashboard.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends an alert to every channel, each on its own thread with retries and back-off (so a slow webhook never holds up
 * the Kafka listeners or another channel), unless a maintenance window holds it back; writes each outcome to the
 * {@link NotificationLog}, which also keeps an incident from being sent twice.
 */
final class AlertDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    private final List<NotificationChannel> channels;
    private final NotificationLog sent;
    private final MaintenanceWindows maintenance;
    private final RetryTemplate retry;
    private final ExecutorService senders;
    private final Clock clock;

    AlertDispatcher(List<NotificationChannel> channels, NotificationLog sent, MaintenanceWindows maintenance,
                    NotifyProperties.Delivery delivery, Clock clock) {
        this.channels = List.copyOf(channels);
        this.sent = sent;
        this.maintenance = maintenance;
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(delivery.attempts() - 1)
                .delay(delivery.firstBackoff())
                .multiplier(2)
                .maxDelay(delivery.maxBackoff())
                .predicate(TransientDeliveryException.class::isInstance)
                .build());
        // virtual threads: a delivery mostly waits, for the network or between retries
        this.senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("notify-", 0).factory());
        this.clock = clock;
    }

    void dispatch(Alert alert) {
        Optional<MaintenanceWindows.Window> window =
                maintenance.covering(alert.serverId(), alert.group(), alert.raisedAt());
        if (window.isPresent()) {
            String why = "maintenance window #" + window.get().id() + " (" + window.get().target() + ")"
                    + (window.get().reason() == null ? "" : ": " + window.get().reason());
            // nothing to send, so nothing to claim first: logged as it ends, once per incident all the same
            if (sent.notSent(alert, NotificationLog.ALL_CHANNELS, NotificationLog.Outcome.SILENCED, why,
                    clock.instant())) {
                log.info("{} of {} held back by {}", alert.rule().id(), alert.serverName(), why);
            }
            return;
        }
        for (NotificationChannel channel : channels) {
            sent.claim(alert, channel.name()).ifPresent(id -> senders.execute(() -> deliver(alert, channel, id)));
        }
    }

    private void deliver(Alert alert, NotificationChannel channel, long id) {
        AtomicInteger attempts = new AtomicInteger();
        try {
            retry.execute(() -> {
                attempts.incrementAndGet();
                channel.send(alert);
                return null;
            });
            sent.finish(id, NotificationLog.Outcome.DELIVERED, attempts.get(), null, clock.instant());
            log.info("Sent {} of {} by {} ({} attempts)", alert.rule().id(), alert.serverName(), channel.name(),
                    attempts.get());
        } catch (RetryException e) {
            String why = e.getLastException() == null ? e.getMessage() : e.getLastException().getMessage();
            sent.finish(id, NotificationLog.Outcome.FAILED, attempts.get(), why, clock.instant());
            log.warn("Could not send {} of {} by {} after {} attempts: {}", alert.rule().id(), alert.serverName(),
                    channel.name(), attempts.get(), why);
        } catch (RuntimeException e) {  // the log itself (database away): say so rather than lose the thread's error
            log.error("Recording the delivery of {} of {} by {} failed", alert.rule().id(), alert.serverName(),
                    channel.name(), e);
        }
    }

    /** The channels alerts go to, for the page. */
    List<String> channelNames() {
        return channels.stream().map(NotificationChannel::name).toList();
    }

    /** Deliveries still under way are cut short: their rows stay SENDING. */
    @Override
    public void close() {
        senders.shutdownNow();
    }
}
