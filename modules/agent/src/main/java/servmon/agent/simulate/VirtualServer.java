package servmon.agent.simulate;

import servmon.agent.power.LinearPowerEstimate;
import servmon.agent.wake.MagicPacket;
import servmon.events.MetricReport;
import servmon.events.NetInterface;
import servmon.events.PowerSource;
import servmon.events.ServerId;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One server of the simulated fleet: its identity and hardware are fixed at start (derived from its key, so a restart
 * of the simulator describes the same machine), its state changes with sleep orders and magic packets. The report
 * thread and the two listener threads meet here, hence the synchronized methods (never contended for long).
 *
 * <p>Its one interface reports broadcast {@code 127.0.0.1}: the wol-service sends magic packets to the reported
 * broadcast, and a loopback destination is one that the simulator's {@link MagicPacketListener} receives and that a
 * packet sender in loopback-only mode (test JVMs) still lets through. 127.255.255.255 would be a truer broadcast but
 * is not a loopback address to Java's check.
 */
final class VirtualServer {

    enum State { AWAKE, ASLEEP, BOOTING, REFUSED, STOPPED, REMOVED }

    /** What a sleep order got. */
    enum SleepOutcome { ACCEPTED, NOT_ARMED, NOT_AWAKE }

    static final String REPORTED_BROADCAST = "127.0.0.1";
    private static final long GIB = 1L << 30;

    final ServerIdentity identity;
    final ServerId id;
    final byte[] keyBytes;  // encoded once: the Kafka key of every report, the server id
    final SigningSecret secret;
    final long mac;
    final boolean wolArmed;
    private final List<NetInterface> interfaces;
    private final int logicalCpus;
    private final LinearPowerEstimate power;
    private final long memTotalBytes;
    private final long diskTotalBytes;
    private final long diskUsedBytes;
    private final int maxUsers;
    /** This server's own version of the fleet's curve: busier or quieter, earlier or later. */
    private final double loadScale;
    private final double phaseSeconds;

    private State state = State.AWAKE;
    private String bootId = newBootId();
    private long seq;
    private long bootedAtNanos;
    private long wakeAtNanos;
    private double lastPowerW = Double.NaN;
    private Instant lastReportAt;

    VirtualServer(int index, ServerIdentity identity, long mac, boolean wolArmed, long nowNanos) {
        this.identity = identity;
        this.id = identity.id();
        this.keyBytes = id.value().getBytes(StandardCharsets.UTF_8);
        this.secret = SigningSecret.of(identity.key());
        this.mac = mac;
        this.wolArmed = wolArmed;
        long h = mix(identity.key().value().hashCode());
        this.logicalCpus = VirtualHardware.logicalCpus(h);
        this.power = LinearPowerEstimate.forLogicalCpus(logicalCpus, null, null);
        this.memTotalBytes = logicalCpus * 4L * GIB;
        this.diskTotalBytes = (500L + 250L * Math.floorMod(h >>> 8, 8)) * GIB;
        this.diskUsedBytes = diskTotalBytes * (20 + Math.floorMod(h >>> 16, 60)) / 100;
        this.maxUsers = (int) Math.floorMod(h >>> 24, 12);
        this.loadScale = 0.6 + Math.floorMod(h >>> 32, 81) / 100.0;  // 0.6 .. 1.4
        this.phaseSeconds = (Math.floorMod(h >>> 40, 121) - 60) * 60.0;  // an hour earlier .. an hour later
        this.interfaces = List.of(new NetInterface("eth0", MagicPacket.formatMac(mac), ipv4(index),
                REPORTED_BROADCAST, wolArmed));
        this.bootedAtNanos = nowNanos - Math.floorMod(h >>> 48, 30 * 86_400) * 1_000_000_000L;  // up for hours already
    }

    ServerId id() {
        return id;
    }

    synchronized State state() {
        return state;
    }

    synchronized String bootId() {
        return bootId;
    }

    /**
     * The next report, or null when the server is not up. A server woken by a magic packet comes back here once its
     * boot delay is over, with a new boot id and seq 0, like an agent started by a fresh boot.
     *
     * @param curveCpu the fleet curve at this moment and this server's phase, before its scale
     * @param noise    a random -1..1 for this report
     */
    synchronized MetricReport nextReport(Instant at, long nowNanos, double curveCpu, double noise, int intervalS) {
        if (state == State.BOOTING && nowNanos - wakeAtNanos >= 0) {
            state = State.AWAKE;
            bootId = newBootId();
            seq = 0;
            bootedAtNanos = nowNanos;
        }
        if (state != State.AWAKE) {
            return null;
        }
        double cpu = Math.clamp(curveCpu * loadScale + noise * 6.0, 0.0, 100.0);
        cpu = Math.round(cpu * 10) / 10.0;
        double watts = Math.round(power.watts(cpu) * 10) / 10.0;
        lastPowerW = watts;
        lastReportAt = at;
        double busy = cpu / 100.0;
        // nobody logs in to an idle server: the noise scales with the load
        int users = (int) Math.max(0, Math.round(maxUsers * busy + noise * busy));
        long memUsed = (long) (memTotalBytes * Math.clamp(0.25 + 0.5 * busy + 0.02 * noise, 0.05, 0.98));
        long netRx = (long) (busy * 40_000_000 + 2_000);
        long netTx = (long) (busy * 25_000_000 + 1_000);
        long uptimeS = (nowNanos - bootedAtNanos) / 1_000_000_000L;
        return new MetricReport(ServmonEvent.VERSION, id, at, seq++, intervalS, bootId, identity.name(),
                cpu, watts, PowerSource.ESTIMATE, users, memUsed, memTotalBytes,
                Math.round(busy * logicalCpus * 100) / 100.0, diskUsedBytes, diskTotalBytes, netRx, netTx,
                Math.round((34 + 45 * busy) * 10) / 10.0, uptimeS, interfaces);
    }

    double phaseSeconds() {
        return phaseSeconds;
    }

    /** A sleep order: an armed, awake server goes silent; one that could not be woken again refuses. */
    synchronized SleepOutcome sleep() {
        if (state != State.AWAKE) {
            return SleepOutcome.NOT_AWAKE;
        }
        if (!wolArmed) {
            return SleepOutcome.NOT_ARMED;
        }
        state = State.ASLEEP;
        return SleepOutcome.ACCEPTED;
    }

    /** Watts of the last report, or NaN before the first. */
    synchronized double lastPowerW() {
        return lastPowerW;
    }

    /** A magic packet for this MAC: a sleeping server starts booting; one that is up ignores it, as a NIC would. */
    synchronized boolean wake(long nowNanos, long bootDelayNanos) {
        if (state != State.ASLEEP) {
            return false;
        }
        state = State.BOOTING;
        wakeAtNanos = nowNanos + bootDelayNanos;
        return true;
    }

    /**
     * Gone without a sleep order (a crash, a pulled plug): silent from now on, deaf to orders and magic packets.
     *
     * @return when its last report was sampled, or null if it never reported
     */
    synchronized Instant stop() {
        state = State.STOPPED;
        return lastReportAt;
    }

    /**
     * The server refused this key at enrollment: stop, as a real agent does.
     *
     * @return false if it had stopped already: refused before, or removed (the refusal of a report that was on its
     *         way when the server was removed)
     */
    synchronized boolean refused() {
        if (state == State.REFUSED || state == State.REMOVED) {
            return false;
        }
        state = State.REFUSED;
        return true;
    }

    /**
     * Its server was removed from servmon (a signed REMOVED order): it stops for good, as a real agent exits, in
     * whatever state it was (a sleeping agent hears it when it wakes; a simulated one is simply removed).
     *
     * @return false if it was removed already
     */
    synchronized boolean removed() {
        if (state == State.REMOVED) {
            return false;
        }
        state = State.REMOVED;
        return true;
    }

    /** 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 for the first 762 servers, then unique 127.x addresses. */
    static String ipv4(int index) {
        String[] documentation = {"192.0.2.", "198.51.100.", "203.0.113."};
        if (index < 3 * 254) {
            return documentation[index / 254] + (index % 254 + 1);
        }
        int k = index - 3 * 254;
        return "127." + (1 + k / (256 * 254)) + "." + (k / 254 % 256) + "." + (k % 254 + 1);
    }

    private static String newBootId() {
        return UUID.randomUUID().toString();
    }

    /** Spreads a String hash over 64 bits (SplitMix64's finaliser), so each field gets independent bits. */
    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
