package servmon.store.sample;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/**
 * One reported sample, read-only here: the ingestor is the only writer (JDBC batches), so Hibernate never
 * tracks changes to these rows.
 */
@Entity
@Immutable
@Table(name = "metric_sample")
public class MetricSample {

    @EmbeddedId
    private MetricSampleId id;

    @Column(nullable = false)
    private long seq;

    @Column(name = "cpu_pct", nullable = false)
    private double cpuPct;

    @Column(name = "power_w")
    private Double powerW;

    @Column(name = "power_source", length = 16)
    private String powerSource;

    @Column(name = "user_count", nullable = false)
    private int userCount;

    @Column(name = "mem_used_bytes")
    private Long memUsedBytes;

    @Column(name = "mem_total_bytes")
    private Long memTotalBytes;

    @Column(name = "load1")
    private Double load1;

    @Column(name = "disk_used_bytes")
    private Long diskUsedBytes;

    @Column(name = "disk_total_bytes")
    private Long diskTotalBytes;

    @Column(name = "net_rx_bps")
    private Long netRxBps;

    @Column(name = "net_tx_bps")
    private Long netTxBps;

    @Column(name = "cpu_temp_c")
    private Double cpuTempC;

    @Column(name = "uptime_s")
    private Long uptimeS;

    @Column(name = "boot_id", length = 64)
    private String bootId;

    protected MetricSample() {
    }

    public long getServerId() {
        return id.serverId();
    }

    public Instant getSampledAt() {
        return id.sampledAt();
    }

    public long getSeq() {
        return seq;
    }

    public double getCpuPct() {
        return cpuPct;
    }

    public Double getPowerW() {
        return powerW;
    }

    public String getPowerSource() {
        return powerSource;
    }

    public int getUserCount() {
        return userCount;
    }

    public Long getMemUsedBytes() {
        return memUsedBytes;
    }

    public Long getMemTotalBytes() {
        return memTotalBytes;
    }

    public Double getLoad1() {
        return load1;
    }

    public Long getDiskUsedBytes() {
        return diskUsedBytes;
    }

    public Long getDiskTotalBytes() {
        return diskTotalBytes;
    }

    public Long getNetRxBps() {
        return netRxBps;
    }

    public Long getNetTxBps() {
        return netTxBps;
    }

    public Double getCpuTempC() {
        return cpuTempC;
    }

    public Long getUptimeS() {
        return uptimeS;
    }

    public String getBootId() {
        return bootId;
    }
}
