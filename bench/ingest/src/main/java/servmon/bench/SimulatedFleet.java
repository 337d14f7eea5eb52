package servmon.bench;

import servmon.events.MetricReport;
import servmon.events.NetInterface;
import servmon.events.PowerSource;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Servers registered straight into the {@code server} table (as the dashboard would, without its page: the public id
 * and signing secret derived from a fresh key, which itself is never stored), and the reports their agents would send: every value is a function of (server, round), so the CSV of the LOAD DATA
 * comparison holds exactly the rows the ingestor wrote.
 */
final class SimulatedFleet {

    private static final int SERVERS_PER_INSERT = 1_000;

    private final ServerId[] serverIds;
    private final SigningSecret[] secrets;
    private final long[] ids;
    private final List<NetInterface>[] interfaces;
    private final String[] bootIds;

    @SuppressWarnings("unchecked")
    private SimulatedFleet(ServerId[] serverIds, SigningSecret[] secrets, long[] ids) {
        this.serverIds = serverIds;
        this.secrets = secrets;
        this.ids = ids;
        this.interfaces = new List[serverIds.length];
        this.bootIds = new String[serverIds.length];
        for (int i = 0; i < serverIds.length; i++) {
            String mac = String.format("52:54:00:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
            String ip = "10.%d.%d.%d".formatted((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
            interfaces[i] = List.of(new NetInterface("eth0", mac, ip, "10.255.255.255", true));
            bootIds[i] = "00000000-0000-4000-8000-%012d".formatted(i);
        }
    }

    /** Registers {@code count} servers with fresh random keys, a thousand rows per INSERT. */
    static SimulatedFleet register(Connection c, int count) throws SQLException {
        // derived as the dashboard's ServerRegistry does at Add Server; the keys themselves are not kept, as nothing needs them
        ServerId[] serverIds = new ServerId[count];
        SigningSecret[] secrets = new SigningSecret[count];
        for (int i = 0; i < count; i++) {
            ServerKey key = ServerKey.random();
            serverIds[i] = ServerId.of(key);
            secrets[i] = SigningSecret.of(key);
        }
        Timestamp now = Timestamp.from(Instant.now());
        for (int from = 0; from < count; from += SERVERS_PER_INSERT) {
            int n = Math.min(SERVERS_PER_INSERT, count - from);
            String sql = "INSERT INTO server (public_id, signing_secret, name, created_at) VALUES "
                    + String.join(",", java.util.Collections.nCopies(n, "(?, ?, ?, ?)"));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < n; i++) {
                    ps.setString(4 * i + 1, serverIds[from + i].value());
                    ps.setString(4 * i + 2, secrets[from + i].toText());
                    ps.setString(4 * i + 3, name(from + i));
                    ps.setTimestamp(4 * i + 4, now);
                }
                ps.executeUpdate();
            }
        }
        Map<String, Long> idByPublicId = new HashMap<>(count * 2);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, public_id FROM server")) {
            while (rs.next()) {
                idByPublicId.put(rs.getString(2), rs.getLong(1));
            }
        }
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = idByPublicId.get(serverIds[i].value());
        }
        return new SimulatedFleet(serverIds, secrets, ids);
    }

    int size() {
        return serverIds.length;
    }

    ServerId serverId(int server) {
        return serverIds[server];
    }

    /** What server {@code server}'s agent signs its reports with. */
    SigningSecret secret(int server) {
        return secrets[server];
    }

    long id(int server) {
        return ids[server];
    }

    /** What server {@code server}'s agent reports in round {@code round}, sampled at {@code sampledAt}, every second. */
    MetricReport report(int server, long round, Instant sampledAt) {
        return report(server, round, sampledAt, 1);
    }

    /**
     * The same, from an agent that reports every {@code intervalS} seconds: the state monitor calls a server OFF after
     * about two of its intervals without a report, so a fleet paced slower must say so.
     */
    MetricReport report(int server, long round, Instant sampledAt, int intervalS) {
        long h = mix(server * 1_000_003L + round);
        double cpu = (h & 0x3ff) % 1000 / 10.0;
        double watts = 80 + cpu * 2.2 + (h >>> 10 & 0xf);
        long memTotal = 64L << 30;
        // seq far from 0: a fleet already running, so no report asks the ingestor for an enrollment reply
        return new MetricReport(ServmonEvent.VERSION, serverIds[server], sampledAt, 1_000 + round, intervalS, bootIds[server], name(server),
                cpu, watts, PowerSource.BMC, (int) (h >>> 14 & 0x7), memTotal / 4 + (h >>> 17 & 0xffffff) * 1024,
                memTotal, cpu / 25, 400L << 30, 1L << 40, h >>> 41 & 0xfffff, h >>> 21 & 0xfffff,
                40 + cpu / 4, 86_400 + round, interfaces[server]);
    }

    static String name(int server) {
        return "bench-%05d".formatted(server);
    }

    /** SplitMix64's finaliser: cheap, and every bit depends on every input bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
