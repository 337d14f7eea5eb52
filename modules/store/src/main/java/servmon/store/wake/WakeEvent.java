package servmon.store.wake;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** What happened to a wake command, as the ingestor recorded it from the wol-service's results. */
@Entity
@Immutable
@Table(name = "wake_event")
public class WakeEvent {

    @EmbeddedId
    private WakeEventId id;

    @Column(name = "server_id", nullable = false)
    private long serverId;

    @Column(length = 500)
    private String detail;

    @Column(name = "packets_sent", nullable = false)
    private int packetsSent;

    @Column(nullable = false)
    private Instant at;

    protected WakeEvent() {
    }

    public String getCommandId() {
        return id.commandId();
    }

    public String getStatus() {
        return id.status();
    }

    public long getServerId() {
        return serverId;
    }

    public String getDetail() {
        return detail;
    }

    public int getPacketsSent() {
        return packetsSent;
    }

    public Instant getAt() {
        return at;
    }
}
