package servmon.store.wake;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A wake command's progress is one row per status it reached (SENT, then CONFIRMED or FAILED). */
@Embeddable
public record WakeEventId(
        @Column(name = "command_id", nullable = false, length = 64) String commandId,
        @Column(name = "status", nullable = false, length = 16) String status) {
}
