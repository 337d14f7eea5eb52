package servmon.statemonitor;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.events.AgentControl;
import servmon.events.AgentReply;
import servmon.events.MetricReport;
import servmon.events.ServerId;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static servmon.events.ServerState.ASLEEP;
import static servmon.events.ServerState.OFF;
import static servmon.events.ServerState.ON;
import static servmon.events.ServerState.WAKING;

/**
 * The state machine: decides each registered server's state from registrations, reports, wake commands and the
 * passing of wall-clock time, keeps it in the store and emits every change. One instance per stream task, i.e.
 * per partition of the co-partitioned input topics.
 * <p>
 * The task's servers are held in memory as well (loaded from the store at init), and the store is written only when a
 * fact changes: a report that only moves a server's last-seen time touches memory alone. Persisting that time would
 * buy nothing, since after a restart every server gets a full timeout from the start anyway, and would cost a store
 * write and a changelog record per report of the fleet (10,000 a second at 10,000 servers).
 */
final class ServerStateProcessor implements Processor<String, Input, String, ServerStateChanged> {

    private static final Logger log = LoggerFactory.getLogger(ServerStateProcessor.class);
    private static final long NOT_STARTED = Long.MIN_VALUE;
    /** A key conflict is shown until no flip between the two boot ids has been seen for this long. */
    private static final long CONFLICT_HOLD_MS = 60_000;

    private final StateMonitorProperties props;
    private final StateTransitions transitions;
    private final long wakeTimeoutMs;
    private ProcessorContext<String, ServerStateChanged> context;
    private KeyValueStore<String, byte[]> store;
    /** The store's content, with each ON server's latest last-seen time, which the store does not get. */
    private final Map<String, TrackedServer> servers = new HashMap<>();
    /**
     * Wall-clock time this task started working: the first record or check after init, because the context's
     * clock is not set yet during init. Until then no deadline is checked at all.
     */
    private long startedAtMs = NOT_STARTED;
    /**
     * When the newest tick this task processed was sent: its input is complete up to about then, so silence is judged
     * up to then and no further. Unset until the first tick: no OFF without proof that input flows.
     */
    private long watermarkMs = NOT_STARTED;
    private long lastCheckMs = NOT_STARTED;

    ServerStateProcessor(StateMonitorProperties props) {
        this(props, StateTransitions.unobserved());
    }

    ServerStateProcessor(StateMonitorProperties props, StateTransitions transitions) {
        this.props = props;
        this.transitions = transitions;
        this.wakeTimeoutMs = props.wakeTimeout().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, ServerStateChanged> context) {
        this.context = context;
        this.store = context.getStateStore(StateMonitorTopology.STORE);
        // init runs again when a task is revived after an error: start over from the (restored) store
        servers.clear();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(entry -> servers.put(entry.key, TrackedServerCodec.decode(entry.value)));
        }
        startedAtMs = NOT_STARTED;
        watermarkMs = NOT_STARTED;
        lastCheckMs = NOT_STARTED;
        context.schedule(props.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkDeadlines);
    }

    @Override
    public void process(Record<String, Input> record) {
        long now = context.currentSystemTimeMs();
        noteStart(now);
        String key = record.key();
        switch (record.value()) {
            case Input.Registered registered -> register(key, registered.serverId(), now);
            case Input.Removed removed -> remove(key, removed.serverId(), now);
            case Input.Report report -> report(key, report.event(), now);
            case Input.Wake wake -> wake(key, wake.serverId(), now);
            case Input.Answer answer -> answer(key, answer.event(), now);
            case Input.Tick tick -> watermarkMs = Math.max(watermarkMs, tick.sentAtMs());
        }
    }

    /** An agent that accepted a sleep order is going down on purpose: ASLEEP, never OFF, from now on. */
    private void answer(String key, AgentReply reply, long now) {
        if (reply.type() != AgentControl.Type.SLEEP || !reply.accepted()) {
            return;
        }
        TrackedServer server = servers.get(key);
        if (server == null) {
            log.debug("Ignored a sleep answer of unregistered server {}", reply.serverId());
            return;
        }
        if (server.state() != ASLEEP) {
            publish(key, reply.serverId(), server.asleep(now, reply.powerW(), reply.at().toEpochMilli()), now);
        }
    }

    private void register(String key, ServerId serverId, long now) {
        if (servers.containsKey(key)) {
            return;  // settings changed in the dashboard; the state does not depend on them
        }
        publish(key, serverId, TrackedServer.registered(now), now);
    }

    private void remove(String key, ServerId serverId, long now) {
        store.delete(key);
        if (servers.remove(key) == null) {
            return;
        }
        // A tombstone, so that the compacted server-state topic forgets the server too.
        context.forward(new Record<>(key, null, now));
        log.info("Server {} removed: state forgotten", serverId);
    }

    // Hot path (every report of the fleet): a store write only when a fact changes, an emit only when the state does.
    private void report(String key, MetricReport report, long now) {
        TrackedServer before = servers.get(key);
        if (before == null) {
            log.debug("Ignored a report from unregistered server {}", report.serverId());
            return;
        }
        if (before.sampledBeforeSleeping(report)) {
            log.debug("Ignored a report of {} sampled before it went to sleep", report.serverId());
            return;
        }
        TrackedServer seen = before.seen(report, now);
        if (before.state() == ON && before.flipsBack(report)) {
            // Two agents with one key, taking turns: a conflict to show once, not a reboot per report.
            TrackedServer conflicted = seen.conflictUntil(now + CONFLICT_HOLD_MS);
            if (before.inConflict(now)) {
                save(key, conflicted);
            } else {
                transitions.conflict();
                log.warn("Server {}: two agents report with its key (boot ids {} and {})", report.serverId(),
                        before.bootId(), report.bootId());
                publish(key, report.serverId(), conflicted.moveTo(ON, now), now);
            }
        } else if (before.state() == ON && before.conflictUntilMs() != 0 && !before.inConflict(now)) {
            // no flip for the whole hold time: one agent is left
            publish(key, report.serverId(), seen.conflictUntil(0).moveTo(ON, now), now);
        } else if (before.state() != ON) {
            publish(key, report.serverId(), seen.moveTo(ON, now), now);
        } else if (before.bootedAgain(report)) {
            // A reboot we missed (shorter than the timeout); announced so the wol-service can confirm a wake by it.
            publish(key, report.serverId(), seen.moveTo(ON, now), now);
        } else if (seen.differsOnlyInLastSeen(before)) {
            servers.put(key, seen);
        } else {
            save(key, seen);
        }
    }

    private void wake(String key, ServerId serverId, long now) {
        TrackedServer server = servers.get(key);
        if (server == null) {
            log.debug("Ignored a wake command for unregistered server {}", serverId);
            return;
        }
        ServerState state = server.state();
        switch (state) {
            case OFF, ASLEEP, EMPTY -> publish(key, serverId, server.moveTo(WAKING, now), now);
            case ON, WAKING -> log.debug("Ignored a wake command for server {}: it is {}", serverId, state);
        }
    }

    /**
     * Turns OFF every ON server silent for too long and every WAKING server whose wake timed out. Scans the task's
     * servers in memory each check interval: some microseconds per thousand servers against the 200 ms interval; a
     * fleet of hundreds of thousands per instance would want an index by deadline.
     */
    private void checkDeadlines(long now) {
        noteStart(now);
        if (lastCheckMs != NOT_STARTED && now - lastCheckMs > props.checkInterval().toMillis()
                + props.pauseThreshold().toMillis()) {
            // paused (GC, VM, SIGSTOP) or the clock jumped: what looks like silence may be our own absence
            log.warn("{} ms passed between two checks of {}: every server gets a full timeout from now",
                    now - lastCheckMs, context.taskId());
            startedAtMs = now;
        }
        lastCheckMs = now;
        if (watermarkMs == NOT_STARTED) {
            return;
        }
        // Judged at the newest tick that came through, not at "now": when the broker stalls, no tick arrives and
        // the silence it causes proves nothing about the servers.
        long judgedAt = Math.min(now, watermarkMs);
        List<String> overdue = new ArrayList<>();
        servers.forEach((key, server) -> {
            if (isOverdue(server, judgedAt)) {
                overdue.add(key);
            }
        });
        for (String key : overdue) {
            TrackedServer server = servers.get(key);
            // A wake of a sleeping server that did not come back leaves it asleep: it was off on purpose.
            boolean stillAsleep = server.state() == WAKING && server.previous() == ASLEEP;
            publish(key, ServerId.of(key), server.moveTo(stillAsleep ? ASLEEP : OFF, now), now);
        }
    }

    private boolean isOverdue(TrackedServer server, long now) {
        // After a (re)start every server counts as seen at the start at the latest, so that a restart of the
        // monitor (or a partition moving to this instance) gives each a full timeout instead of flapping it OFF.
        return switch (server.state()) {
            case ON -> now - Math.max(server.lastSeenMs(), startedAtMs) > props.offAfterMs(server.intervalS());
            case WAKING -> now - Math.max(server.sinceMs(), startedAtMs) > wakeTimeoutMs;
            case EMPTY, OFF, ASLEEP -> false;
        };
    }

    private void publish(String key, ServerId serverId, TrackedServer server, long now) {
        save(key, server);
        context.forward(new Record<>(key, server.toEvent(serverId), now));
        transitions.entered(server.state());
        if (server.previous() == null) {
            log.info("Server {} registered: {}", serverId, server.state());
        } else {
            log.info("Server {} is {} (was {})", serverId, server.state(), server.previous());
        }
    }

    private void save(String key, TrackedServer server) {
        servers.put(key, server);
        store.put(key, TrackedServerCodec.encode(server));
    }

    private void noteStart(long now) {
        if (startedAtMs == NOT_STARTED) {
            startedAtMs = now;
        }
    }
}
