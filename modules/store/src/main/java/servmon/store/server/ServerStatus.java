package servmon.store.server;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The latest state and the latest sample of one server, one row per server. The ingestor keeps it current
 * with JDBC; the dashboard creates it (state EMPTY) when it registers the server and otherwise only reads it.
 */
@Entity
@Table(name = "server_status")
public class ServerStatus {

    /** The state of a server that was registered and never reported. */
    public static final String EMPTY = "EMPTY";

    // Shares the server's id; no association mapped, so loading a status never drags its server along.
    @Id
    @Column(name = "server_id")
    private Long serverId;

    /** EMPTY, ON, OFF, WAKING or ASLEEP (servmon.events.ServerState names). */
    @Column(nullable = false, length = 16)
    private String state;

    @Column(name = "state_since")
    private Instant stateSince;

    @Column(name = "last_seen")
    private Instant lastSeen;

    @Column(name = "last_sampled_at")
    private Instant lastSampledAt;

    @Column(name = "cpu_pct")
    private Double cpuPct;

    @Column(name = "power_w")
    private Double powerW;

    @Column(name = "power_source", length = 16)
    private String powerSource;

    @Column(name = "user_count")
    private Integer userCount;

    @Column(name = "boot_id", length = 64)
    private String bootId;

    @Column(length = 255)
    private String hostname;

    @Column(name = "interval_s")
    private Integer intervalS;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ServerStatus() {
    }

    /** The row of a server that has just been registered: EMPTY since {@code now}. */
    public static ServerStatus empty(long serverId, Instant now) {
        ServerStatus status = new ServerStatus();
        status.serverId = serverId;
        status.state = EMPTY;
        status.stateSince = now;
        status.updatedAt = now;
        return status;
    }

    public void changeState(String state, Instant since, Instant now) {
        this.state = state;
        this.stateSince = since;
        this.updatedAt = now;
    }

    public void recordSample(Instant sampledAt, double cpuPct, Double powerW, String powerSource, int userCount,
                             Instant seenAt) {
        this.lastSampledAt = sampledAt;
        this.lastSeen = seenAt;
        this.cpuPct = cpuPct;
        this.powerW = powerW;
        this.powerSource = powerSource;
        this.userCount = userCount;
        this.updatedAt = seenAt;
    }

    public Long getServerId() {
        return serverId;
    }

    public String getState() {
        return state;
    }

    public Instant getStateSince() {
        return stateSince;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public Instant getLastSampledAt() {
        return lastSampledAt;
    }

    public Double getCpuPct() {
        return cpuPct;
    }

    public Double getPowerW() {
        return powerW;
    }

    public String getPowerSource() {
        return powerSource;
    }

    public Integer getUserCount() {
        return userCount;
    }

    public String getBootId() {
        return bootId;
    }

    public String getHostname() {
        return hostname;
    }

    public Integer getIntervalS() {
        return intervalS;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
