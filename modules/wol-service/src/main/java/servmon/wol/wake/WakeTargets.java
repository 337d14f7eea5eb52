package servmon.wol.wake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;
import servmon.events.CompactedTopicView;
import servmon.events.ServerId;
import servmon.events.ServerRegistered;
import servmon.events.ServerStateChanged;
import servmon.events.Topics;
import servmon.wol.KafkaClientSettings;
import servmon.wol.WolProperties;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every server's registration and last reported interfaces, read from the two compacted topics; a removed server's
 * agent is told so ({@link RemovalOrders}) before its registration, and with it its secret, is forgotten. Started
 * before the wake-command listener and stopped after it, so no command is served from a half-read table. The topics
 * exist by then: Boot's KafkaAdmin creates them (fail-fast) before any lifecycle bean starts.
 */
@Component
public class WakeTargets implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WakeTargets.class);

    private final String bootstrapServers;
    private final Map<String, Object> connection;
    private final Duration catchUpTimeout;
    private final RemovalOrders removalOrders;
    private volatile CompactedTopicView<ServerRegistered> servers;
    private volatile CompactedTopicView<ServerStateChanged> states;

    WakeTargets(KafkaClientSettings kafka, WolProperties properties, RemovalOrders removalOrders) {
        this.bootstrapServers = kafka.bootstrapServers();
        this.connection = kafka.consumer();
        this.catchUpTimeout = properties.viewCatchUpTimeout();
        this.removalOrders = removalOrders;
    }

    public WakeTarget find(ServerId key) {
        if (servers == null || states == null) {
            throw new IllegalStateException("wake targets are not started");
        }
        return WakeTarget.choose(servers.get(key).orElse(null), states.get(key).orElse(null));
    }

    /** The server's latest state as the state monitor published it, if any. */
    public Optional<ServerStateChanged> state(ServerId key) {
        CompactedTopicView<ServerStateChanged> view = states;
        return view == null ? Optional.empty() : view.get(key);
    }

    public Optional<ServerRegistered> registration(ServerId key) {
        CompactedTopicView<ServerRegistered> view = servers;
        return view == null ? Optional.empty() : view.get(key);
    }

    /** Every registered server with its latest state (null when it has none yet). */
    public Map<ServerRegistered, ServerStateChanged> fleet() {
        CompactedTopicView<ServerRegistered> registered = servers;
        CompactedTopicView<ServerStateChanged> known = states;
        if (registered == null || known == null) {
            return Map.of();
        }
        Map<ServerId, ServerStateChanged> byKey = known.snapshot();
        Map<ServerRegistered, ServerStateChanged> fleet = new HashMap<>();
        registered.snapshot().forEach((key, server) -> fleet.put(server, byKey.get(key)));
        return fleet;
    }

    @Override
    public void start() {
        long startedAt = System.nanoTime();
        // a tombstone's registration still has the secret to sign the agent's REMOVED order with: the last moment
        servers = new CompactedTopicView<>(connection, Topics.SERVERS, ServerRegistered.class)
                .onRemoval((key, last) -> removalOrders.removed(last)).start();
        states = new CompactedTopicView<>(connection, Topics.SERVER_STATE, ServerStateChanged.class).start();
        try {
            long deadline = startedAt + catchUpTimeout.toNanos();
            boolean caughtUp = servers.awaitCaughtUp(catchUpTimeout)
                    && states.awaitCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (!caughtUp) {
                throw new IllegalStateException("could not read " + Topics.SERVERS.name() + " and "
                        + Topics.SERVER_STATE.name() + " within servmon.wol.view-catch-up-timeout=" + catchUpTimeout
                        + "; is Kafka at " + bootstrapServers + " reachable?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while reading the servers and server-state topics", e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        log.info("Wake targets ready: {} servers registered, {} with a state, in {} ms", servers.snapshot().size(),
                states.snapshot().size(), Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
    }

    @Override
    public void stop() {
        CompactedTopicView<?> closingServers = servers;
        CompactedTopicView<?> closingStates = states;
        servers = null;
        states = null;
        if (closingServers != null) {
            closingServers.close();
        }
        if (closingStates != null) {
            closingStates.close();
        }
    }

    @Override
    public boolean isRunning() {
        return servers != null;
    }

    /** Before the listener containers (which start later and stop earlier). */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 100;
    }
}
