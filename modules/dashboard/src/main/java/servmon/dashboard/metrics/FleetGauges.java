package servmon.dashboard.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import servmon.dashboard.servers.FleetOverview;
import servmon.dashboard.servers.ServerSummary;
import servmon.events.ServerState;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The fleet as Prometheus metrics: {@code servmon_server_up}, {@code servmon_server_power_watts},
 * {@code servmon_server_users}, {@code servmon_server_cpu_percent} per server and {@code servmon_servers{state}}.
 * Every refresh reads the whole fleet in ONE query and replaces the rows of a few MultiGauges; a scrape only reads
 * those rows, so 10,000 servers (some 40,000 series) never cost a query per server or per scrape.
 */
@Component
@EnableConfigurationProperties(FleetMetricsProperties.class)
class FleetGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FleetGauges.class);

    private final FleetOverview fleet;
    private final long refreshMillis;
    private final MultiGauge up;
    private final MultiGauge powerWatts;
    private final MultiGauge users;
    private final MultiGauge cpuPercent;
    private final MultiGauge perState;
    private final Object refreshing = new Object();
    private boolean failing;  // guarded by refreshing
    private ScheduledExecutorService refresher;

    FleetGauges(FleetOverview fleet, MeterRegistry registry, FleetMetricsProperties properties) {
        this.fleet = fleet;
        this.refreshMillis = properties.refresh().toMillis();
        up = MultiGauge.builder("servmon.server.up")
                .description("1 when the server is ON, else 0").register(registry);
        powerWatts = MultiGauge.builder("servmon.server.power.watts")
                .description("Latest power draw of an ON server, in watts (RAPL: CPU and DRAM only)")
                .register(registry);
        users = MultiGauge.builder("servmon.server.users")
                .description("Users logged in on an ON server").register(registry);
        cpuPercent = MultiGauge.builder("servmon.server.cpu.percent")
                .description("Latest CPU load of an ON server, 0 to 100").register(registry);
        perState = MultiGauge.builder("servmon.servers")
                .description("Registered servers by state").register(registry);
    }

    /**
     * Reads the fleet once and replaces every row. The figures of a server that is not ON are its last ones, not
     * current: they are left out, so that a sum of watts is what the fleet draws now.
     */
    void refresh() {
        synchronized (refreshing) {
            refreshRows();
        }
    }

    private void refreshRows() {
        List<ServerSummary> servers;
        try {
            servers = fleet.servers();
        } catch (RuntimeException e) {
            // no figures rather than stale ones: Prometheus shows a gap while the database is away
            if (!failing) {
                log.warn("Fleet metrics not refreshed, showing none until the database answers: {}", e.toString());
            }
            failing = true;
            for (MultiGauge gauge : List.of(up, powerWatts, users, cpuPercent, perState)) {
                gauge.register(List.of(), true);
            }
            return;
        }
        failing = false;
        List<Row<?>> upRows = new ArrayList<>(servers.size());
        List<Row<?>> powerRows = new ArrayList<>(servers.size());
        List<Row<?>> userRows = new ArrayList<>(servers.size());
        List<Row<?>> cpuRows = new ArrayList<>(servers.size());
        Map<ServerState, Integer> counts = new EnumMap<>(ServerState.class);
        for (ServerState state : ServerState.values()) {
            counts.put(state, 0);
        }
        for (ServerSummary server : servers) {
            boolean on = server.state() == ServerState.ON;
            Tags tags = Tags.of("server", server.name(), "id", Long.toString(server.id()));
            counts.merge(server.state(), 1, Integer::sum);
            upRows.add(Row.of(tags, on ? 1 : 0));
            if (!on) {
                continue;
            }
            if (server.powerW() != null) {
                String source = server.powerSource() == null ? "unknown" : lower(server.powerSource().name());
                powerRows.add(Row.of(tags.and("source", source), server.powerW()));
            }
            if (server.userCount() != null) {
                userRows.add(Row.of(tags, server.userCount()));
            }
            if (server.cpuPct() != null) {
                cpuRows.add(Row.of(tags, server.cpuPct()));
            }
        }
        List<Row<?>> stateRows = new ArrayList<>();
        counts.forEach((state, count) -> stateRows.add(Row.of(Tags.of("state", lower(state.name())), count)));
        // overwrite: a removed server's series go, instead of showing its last value for ever
        up.register(upRows, true);
        powerWatts.register(powerRows, true);
        users.register(userRows, true);
        cpuPercent.register(cpuRows, true);
        perState.register(stateRows, true);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public synchronized void start() {
        if (refresher != null) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("fleet-metrics").factory());
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, refreshMillis, TimeUnit.MILLISECONDS);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again
            log.warn("Fleet metrics refresh failed", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return refresher != null;
    }
}
