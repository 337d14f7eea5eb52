package servmon.dashboard.notify;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * What the dispatcher writes to the log, and when: the log and the maintenance windows are stand-ins (their SQL is
 * NotificationDeliveryTest's), so that every write can be seen, not only the row a reader happens to catch.
 */
class AlertDispatcherTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Alert ALERT = new Alert(NotifyRule.SERVER_OFF, 7, "db-1", "lab", "2026-12-01T09:59:00Z",
            Instant.parse("2026-12-01T09:59:00Z"), NOW, "OFF for 60 s");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final NotificationLog sent = mock(NotificationLog.class);
    private final MaintenanceWindows maintenance = mock(MaintenanceWindows.class);
    private final RecordingChannel channel = new RecordingChannel();
    private final AlertDispatcher dispatcher = new AlertDispatcher(List.of(channel), sent, maintenance,
            new NotifyProperties.Delivery(3, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(5)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        dispatcher.close();
    }

    @Test
    void a_silenced_alert_is_logged_as_silenced_in_one_write_and_never_as_sending() {
        MaintenanceWindows.Window window = mock(MaintenanceWindows.Window.class);
        when(window.reason()).thenReturn("disk swap");
        when(maintenance.covering(anyLong(), any(), any())).thenReturn(Optional.of(window));
        when(sent.notSent(any(), any(), any(), any(), any())).thenReturn(true);

        dispatcher.dispatch(ALERT);

        verify(sent).notSent(eq(ALERT), eq(NotificationLog.ALL_CHANNELS), eq(NotificationLog.Outcome.SILENCED),
                contains("disk swap"), eq(NOW));
        verify(sent, never()).claim(any(), any());
        verify(sent, never()).finish(anyLong(), any(), anyInt(), any(), any());
        assertThat(channel.received).isEmpty();
    }

    @Test
    void an_alert_that_is_sent_is_claimed_before_it_goes_out_and_finished_after() {
        when(maintenance.covering(anyLong(), any(), any())).thenReturn(Optional.empty());
        when(sent.claim(ALERT, channel.name())).thenReturn(Optional.of(42L));

        dispatcher.dispatch(ALERT);

        verify(sent, timeout(PATIENCE.toMillis()))
                .finish(eq(42L), eq(NotificationLog.Outcome.DELIVERED), eq(1), isNull(), eq(NOW));
        InOrder order = inOrder(sent);
        order.verify(sent).claim(ALERT, channel.name());
        order.verify(sent).finish(eq(42L), any(), anyInt(), any(), any());
        verify(sent, never()).notSent(any(), any(), any(), any(), any());
        assertThat(channel.received).containsExactly(ALERT);
    }

    @Test
    void an_alert_claimed_before_by_another_dashboard_is_not_sent_again() {
        when(maintenance.covering(anyLong(), any(), any())).thenReturn(Optional.empty());
        when(sent.claim(ALERT, channel.name())).thenReturn(Optional.empty());

        dispatcher.dispatch(ALERT);

        // a delivery is only ever started for a claimed row, from dispatch itself: none will come later
        assertThat(channel.received).isEmpty();
        verify(sent, never()).finish(anyLong(), any(), anyInt(), any(), any());
    }

    /** A channel that keeps what it was given. */
    private static final class RecordingChannel implements NotificationChannel {

        final List<Alert> received = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "webhook test";
        }

        @Override
        public void send(Alert alert) {
            received.add(alert);
        }
    }
}
