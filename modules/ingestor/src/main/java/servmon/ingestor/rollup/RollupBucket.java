package servmon.ingestor.rollup;

import servmon.events.MetricReport;
import servmon.events.PowerSource;

import java.time.LocalDateTime;

/**
 * What a batch adds to one server's bucket: counts, sums, minima and maxima (never averages, so that buckets add up
 * exactly whatever order samples arrive in), and energy: each sample stands for its agent's interval at its watts.
 */
final class RollupBucket {

    final long serverId;
    final LocalDateTime start;
    int samples;
    double cpuMin = Double.MAX_VALUE;
    double cpuSum;
    double cpuMax = -Double.MAX_VALUE;
    int powerN;
    double powerMin = Double.MAX_VALUE;
    double powerSum;
    double powerMax = -Double.MAX_VALUE;
    int usersMin = Integer.MAX_VALUE;
    long usersSum;
    int usersMax = Integer.MIN_VALUE;
    int memN;
    long memMin = Long.MAX_VALUE;
    double memSum;
    long memMax = Long.MIN_VALUE;
    double energyWh;
    double estimatedWh;
    int diskN;
    double diskSum;
    // both directions counted together: an agent reports both rates or neither (V10)
    int netN;
    double netRxSum;
    double netTxSum;

    RollupBucket(long serverId, LocalDateTime start) {
        this.serverId = serverId;
        this.start = start;
    }

    void add(MetricReport report) {
        samples++;
        double cpu = report.cpuPct();
        cpuMin = Math.min(cpuMin, cpu);
        cpuSum += cpu;
        cpuMax = Math.max(cpuMax, cpu);
        int users = report.userCount();
        usersMin = Math.min(usersMin, users);
        usersSum += users;
        usersMax = Math.max(usersMax, users);
        Double watts = report.powerW();
        if (watts != null) {
            powerN++;
            powerMin = Math.min(powerMin, watts);
            powerSum += watts;
            powerMax = Math.max(powerMax, watts);
            double wh = watts * report.intervalS() / 3600.0;
            energyWh += wh;
            if (report.powerSource() == null || report.powerSource() == PowerSource.ESTIMATE) {
                estimatedWh += wh;
            }
        }
        Long mem = report.memUsedBytes();
        if (mem != null) {
            memN++;
            memMin = Math.min(memMin, mem);
            memSum += mem;
            memMax = Math.max(memMax, mem);
        }
        Long disk = report.diskUsedBytes();
        if (disk != null) {
            diskN++;
            diskSum += disk;
        }
        Long rx = report.netRxBytesPerS();
        if (rx != null) {
            netN++;
            netRxSum += rx;
            Long tx = report.netTxBytesPerS();
            netTxSum += tx == null ? 0 : tx;
        }
    }

    Double powerMinOrNull() {
        return powerN == 0 ? null : powerMin;
    }

    Double powerMaxOrNull() {
        return powerN == 0 ? null : powerMax;
    }

    Long memMinOrNull() {
        return memN == 0 ? null : memMin;
    }

    Long memMaxOrNull() {
        return memN == 0 ? null : memMax;
    }
}
