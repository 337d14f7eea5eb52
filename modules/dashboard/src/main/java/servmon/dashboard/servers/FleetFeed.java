package servmon.dashboard.servers;

import com.vaadin.flow.shared.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The fleet's latest state in memory, one copy for every open page: read whole from the database once, then every
 * poll interval only the status rows written since (with the servers registered meanwhile), and whole again now and
 * then. Each read that changed something is handed to the subscribed pages, which push what they show of it.
 * <p>
 * Why the database and not the state topic: the ingestor's {@code server_status} row is what is stored, what the API
 * and the server page read; the topic arrives before it is stored, and the latest figures (CPU, watts, users) are on
 * the metrics topic only, which the dashboard's Kafka login may not read (it writes commands and reads nothing). One
 * query a second for the whole dashboard replaces one a page every two seconds.
 */
@Component
@EnableConfigurationProperties(FleetFeedProperties.class)
class FleetFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FleetFeed.class);

    private final FleetReads reads;
    private final FleetFeedProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final List<Consumer<FleetChange>> subscribers = new CopyOnWriteArrayList<>();
    private volatile FleetSnapshot snapshot;
    // guarded by this: the reads run one at a time
    private Instant lastReadStart;
    private Instant lastFullRead;
    private long highestId;
    private boolean failing;
    private ScheduledExecutorService poller;

    FleetFeed(FleetReads reads, FleetFeedProperties properties) {
        this.reads = reads;
        this.properties = properties;
    }

    /**
     * The fleet as last read; read now if it never was (the first page right after start). Empty while the database
     * has never been readable since the start: the page's database banner says why.
     */
    FleetSnapshot snapshot() {
        FleetSnapshot current = snapshot;
        if (current == null) {
            refresh();
            current = snapshot;
        }
        return current == null ? FleetSnapshot.EMPTY : current;
    }

    /** The fleet as last read, without reading: empty if it never was read. */
    Optional<FleetSnapshot> lastRead() {
        return Optional.ofNullable(snapshot);
    }

    /**
     * Calls {@code subscriber} on the feed's thread after each read that changed something. It must return quickly
     * (a page hands the change to its UI's queue and returns).
     */
    Registration subscribe(Consumer<FleetChange> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    int subscribers() {
        return subscribers.size();
    }

    /** Reads the whole fleet now and hands on what changed: after a change made here, so its page sees it at once. */
    synchronized void refresh() {
        read(true);
    }

    /** One tick: the rows written since the last read, or the whole fleet when it is due or servers were removed. */
    synchronized void poll() {
        boolean full = snapshot == null || lastFullRead == null
                || !clock.instant().isBefore(lastFullRead.plus(properties.resyncInterval()));
        read(full);
    }

    private void read(boolean full) {
        Instant started = clock.instant();
        FleetSnapshot before = snapshot == null ? FleetSnapshot.EMPTY : snapshot;
        List<FleetServer> rows;
        try {
            if (!full && reads.count() != before.size()) {
                full = true;  // removed servers show only in a whole read (added ones also in the short one)
            }
            rows = full ? reads.all() : reads.changedSince(lastReadStart.minus(properties.overlap()), highestId);
            if (failing) {
                log.info("Fleet feed reads the database again");
                failing = false;
            }
        } catch (DataAccessException e) {
            if (!failing) {  // the database banner tells the pages; one line here is enough
                log.warn("Fleet feed cannot read the database ({}); pages keep the last figures", e.getMessage());
                failing = true;
            }
            return;
        }
        lastReadStart = started;
        if (full) {
            lastFullRead = started;
        }
        apply(before, rows, full);
    }

    private void apply(FleetSnapshot before, List<FleetServer> rows, boolean full) {
        Map<Long, FleetServer> changed = new HashMap<>();
        Set<Long> moved = new HashSet<>();
        for (FleetServer row : rows) {
            FleetServer old = before.servers().get(row.id());
            if (!row.equals(old)) {
                changed.put(row.id(), row);
                if (old == null || old.state() != row.state() || old.attentionRank() != row.attentionRank()
                        || !old.name().equals(row.name()) || !Objects.equals(old.group(), row.group())) {
                    moved.add(row.id());
                }
            }
            highestId = Math.max(highestId, row.id());
        }
        Set<Long> removed = new HashSet<>();
        if (full) {
            Set<Long> present = new HashSet<>();
            rows.forEach(row -> present.add(row.id()));
            before.servers().keySet().stream().filter(id -> !present.contains(id)).forEach(removed::add);
        }
        if (changed.isEmpty() && removed.isEmpty() && snapshot != null) {
            return;
        }
        Map<Long, FleetServer> servers = new HashMap<>(before.servers());
        servers.putAll(changed);
        servers.keySet().removeAll(removed);
        FleetSnapshot after = FleetSnapshot.of(servers);
        snapshot = after;
        FleetChange change = new FleetChange(after, Map.copyOf(changed), Set.copyOf(moved), Set.copyOf(removed));
        for (Consumer<FleetChange> subscriber : subscribers) {
            try {
                subscriber.accept(change);
            } catch (RuntimeException e) {  // one page's failure must not keep the others from their updates
                log.warn("A page failed to take a fleet change", e);
            }
        }
    }

    @Override
    public synchronized void start() {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("fleet-feed").factory());
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, properties.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {  // a scheduled task that throws is never run again
            log.warn("Fleet feed read failed", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }
}
