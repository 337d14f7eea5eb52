package servmon.dashboard.energy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import servmon.dashboard.servers.ServerNotFoundException;
import servmon.store.energy.EnergyAmount;
import servmon.store.energy.EnergyReads;
import servmon.store.energy.GroupAmount;
import servmon.store.energy.PowerNow;
import servmon.store.server.ServerRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The energy figures for the pages and the API: kWh used (from the rollups), kWh saved by sleeping (from the sleep
 * periods) and watts now, for the fleet, a group or a server (see docs/energy.md). One query per figure, for the
 * whole fleet at once.
 */
@Service
@Transactional(readOnly = true)
@EnableConfigurationProperties(EnergyProperties.class)
public class FleetEnergy {

    private final EnergyReads reads;
    private final ServerRepository servers;
    private final Cache<ZoneId, EnergyHeader> headers;

    FleetEnergy(JdbcClient jdbc, ServerRepository servers, EnergyProperties properties) {
        this.reads = new EnergyReads(jdbc);
        this.servers = servers;
        this.headers = Caffeine.newBuilder().expireAfterWrite(properties.headerRefresh()).maximumSize(100).build();
    }

    /**
     * The fleet's energy over [from, to), per group and in total; with {@code groupOrNull}, that group's only
     * (a group no server is in has all figures 0).
     */
    public FleetEnergyReport fleet(Instant from, Instant to, String groupOrNull) {
        Instant now = Instant.now();
        Map<String, EnergyAmount> used = byGroup(reads.usedByGroup(from, to, now));
        Map<String, EnergyAmount> saved = byGroup(reads.savedByGroup(from, to, now));
        Map<String, Double> watts = new HashMap<>();
        reads.powerNowByGroup().forEach(power -> watts.put(power.group(), power.watts()));

        // by name, the servers in no group last
        TreeSet<String> names = new TreeSet<>(Comparator.nullsLast(Comparator.naturalOrder()));
        names.addAll(used.keySet());
        names.addAll(saved.keySet());
        names.addAll(watts.keySet());
        if (groupOrNull != null) {
            names.removeIf(name -> !groupOrNull.equals(name));
        }
        List<GroupEnergy> groups = new ArrayList<>();
        EnergyAmount usedTotal = EnergyAmount.ZERO;
        EnergyAmount savedTotal = EnergyAmount.ZERO;
        double wattsTotal = 0;
        for (String name : names) {
            EnergyAmount groupUsed = used.getOrDefault(name, EnergyAmount.ZERO);
            EnergyAmount groupSaved = saved.getOrDefault(name, EnergyAmount.ZERO);
            double groupWatts = watts.getOrDefault(name, 0.0);
            groups.add(new GroupEnergy(name, groupWatts, EnergyFigure.of(groupUsed), EnergyFigure.of(groupSaved)));
            usedTotal = usedTotal.plus(groupUsed);
            savedTotal = savedTotal.plus(groupSaved);
            wattsTotal += groupWatts;
        }
        return new FleetEnergyReport(from, to, groupOrNull, wattsTotal, EnergyFigure.of(usedTotal),
                EnergyFigure.of(savedTotal), List.copyOf(groups));
    }

    /** One server's energy over [from, to). */
    public ServerEnergyReport server(long serverId, Instant from, Instant to) {
        if (!servers.existsById(serverId)) {
            throw new ServerNotFoundException(serverId);
        }
        Instant now = Instant.now();
        return new ServerEnergyReport(serverId, from, to,
                EnergyFigure.of(reads.usedByServer(serverId, from, to, now)),
                EnergyFigure.of(reads.savedByServer(serverId, from, to, now)));
    }

    /** Watts now, kWh used and saved today, kWh saved this month, for the fleet header; reused for a while. */
    public EnergyHeader header(ZoneId zone) {
        return headers.get(zone, this::readHeader);
    }

    private EnergyHeader readHeader(ZoneId zone) {
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant startOfDay = today.atStartOfDay(zone).toInstant();
        Instant startOfMonth = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
        double watts = 0;
        double estimatedW = 0;
        for (PowerNow power : reads.powerNowByGroup()) {
            watts += power.watts();
            estimatedW += power.estimatedW();
        }
        return new EnergyHeader(watts, estimatedW,
                EnergyFigure.of(total(reads.usedByGroup(startOfDay, now, now))),
                EnergyFigure.of(total(reads.savedByGroup(startOfDay, now, now))),
                EnergyFigure.of(total(reads.savedByGroup(startOfMonth, now, now))));
    }

    private static Map<String, EnergyAmount> byGroup(List<GroupAmount> amounts) {
        Map<String, EnergyAmount> map = new HashMap<>();
        amounts.forEach(amount -> map.put(amount.group(), amount.amount()));
        return map;
    }

    private static EnergyAmount total(List<GroupAmount> amounts) {
        return amounts.stream().map(GroupAmount::amount).reduce(EnergyAmount.ZERO, EnergyAmount::plus);
    }
}
