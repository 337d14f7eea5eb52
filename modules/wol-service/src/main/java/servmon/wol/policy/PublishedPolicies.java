package servmon.wol.policy;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;
import servmon.events.CompactedTopicView;
import servmon.events.PowerPolicies;
import servmon.events.Topics;
import servmon.wol.KafkaClientSettings;
import servmon.wol.WolProperties;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The power policies saved in the dashboard: the latest {@link PowerPolicies} on the compacted topic, followed as
 * it changes. Read to the end before the policy runner's first tick (which is scheduled after start), so a restart
 * never runs the configuration's policies for a moment in place of the dashboard's.
 */
@Component
class PublishedPolicies implements SmartLifecycle {

    private final Map<String, Object> connection;
    private final String bootstrapServers;
    private final Duration catchUpTimeout;
    private volatile CompactedTopicView<PowerPolicies> view;

    PublishedPolicies(KafkaClientSettings kafka, WolProperties properties) {
        this.bootstrapServers = kafka.bootstrapServers();
        this.connection = kafka.consumer();
        this.catchUpTimeout = properties.viewCatchUpTimeout();
    }

    /** The latest policies saved in the dashboard, if any were ever saved. */
    Optional<PowerPolicies> latest() {
        CompactedTopicView<PowerPolicies> current = view;
        return current == null ? Optional.empty() : current.get(PowerPolicies.KEY);
    }

    @Override
    public void start() {
        CompactedTopicView<PowerPolicies> started =
                new CompactedTopicView<>(connection, Topics.POWER_POLICIES, PowerPolicies.class).start();
        view = started;
        try {
            if (!started.awaitCaughtUp(catchUpTimeout)) {
                throw new IllegalStateException("could not read " + Topics.POWER_POLICIES.name() + " within "
                        + "servmon.wol.view-catch-up-timeout=" + catchUpTimeout + "; is Kafka at " + bootstrapServers
                        + " reachable?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while reading " + Topics.POWER_POLICIES.name(), e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    @Override
    public void stop() {
        CompactedTopicView<PowerPolicies> closing = view;
        view = null;
        if (closing != null) {
            closing.close();
        }
    }

    @Override
    public boolean isRunning() {
        return view != null;
    }

    /** With the other views, before the listener containers. */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 100;
    }
}
