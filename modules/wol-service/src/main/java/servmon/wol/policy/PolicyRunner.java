package servmon.wol.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import servmon.events.CommandId;
import servmon.events.ServerRegistered;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.ServmonEvent;
import servmon.events.SleepCommand;
import servmon.events.SleepMode;
import servmon.events.Topics;
import servmon.events.WakeCommand;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;
import servmon.events.policy.PolicySettings;
import servmon.wol.sleep.SleepGuard;
import servmon.wol.wake.WakeResultPublisher;
import servmon.wol.wake.WakeTargets;
import servmon.wol.wake.WakeTimes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the power policies on the live fleet: every {@code evaluate-every}, the fleet as the wol-service knows it
 * (registrations, states, the latest load of each server) goes to the {@link PolicyEngine}, and each decision is
 * logged to the server's power log with its reason (POLICY_DECIDED, or POLICY_DRY_RUN) and then carried out the way
 * any client would ask for it: a sleep or wake command on its topic, so the state monitor, the checks of a sleep and
 * the confirmation of a wake all apply as they do to an admin's click.
 */
@Component
class PolicyRunner {

    private static final Logger log = LoggerFactory.getLogger(PolicyRunner.class);

    private final PolicySource source;
    private PolicySettings settings;
    private PolicyEngine engine;
    private Instant lastEvaluation = Instant.MIN;
    private final WakeTargets targets;
    private final FleetLoad load;
    private final WakeTimes wakeTimes;
    private final WakeResultPublisher results;
    private final KafkaTemplate<String, ServmonEvent> commands;
    private final KafkaListenerEndpointRegistry listeners;
    private final Clock clock;

    PolicyRunner(PolicySource source, WakeTargets targets, FleetLoad load, WakeTimes wakeTimes,
                 WakeResultPublisher results, KafkaTemplate<String, ServmonEvent> policyCommandTemplate,
                 KafkaListenerEndpointRegistry listeners, Clock clock) {
        this.source = source;
        this.targets = targets;
        this.load = load;
        this.wakeTimes = wakeTimes;
        this.results = results;
        this.commands = policyCommandTemplate;
        this.listeners = listeners;
        this.clock = clock;
    }

    /** Every second: picks up changed policies, and evaluates them at their own interval. */
    @Scheduled(fixedDelay = 1000)
    void tick() {
        PolicySettings latest = source.current();
        if (latest != settings) {
            settings = latest;
            engine = PolicyEngine.of(latest);  // what the old one remembered (idle since when) starts over
            log.info("Power policies in force: {}", latest.policies().stream().map(p -> p.name() + " (group "
                    + p.group() + (p.dryRun() ? ", dry run" : "") + ")").toList());
        }
        if (settings.policies().isEmpty()) {
            return;
        }
        var loadListener = listeners.getListenerContainer(FleetLoad.LISTENER);
        if (loadListener != null && !loadListener.isRunning()) {
            loadListener.start();
        }
        Instant now = clock.instant();
        if (now.isBefore(lastEvaluation.plus(settings.evaluateEvery()))) {
            return;
        }
        lastEvaluation = now;
        evaluate(now);
    }

    private void evaluate(Instant now) {
        for (PolicyDecision decision : engine.decide(now, fleet())) {
            try {
                carryOut(decision, now);
            } catch (RuntimeException e) {
                // Kafka did not take it: the engine decides again once its order times out
                log.warn("Policy decision not carried out: {}: {}", decision, e.getMessage());
            }
        }
    }

    private void carryOut(PolicyDecision decision, Instant now) {
        CommandId commandId = CommandId.random();
        results.publish(new WakeResult(ServmonEvent.VERSION, decision.server(), commandId,
                decision.dryRun() ? WakeStatus.POLICY_DRY_RUN : WakeStatus.POLICY_DECIDED, decision.toString(), 0,
                now));
        log.info("{}", decision);
        if (decision.dryRun()) {
            return;
        }
        String requestedBy = "policy " + decision.policy();
        ServmonEvent command = decision.action() == PolicyDecision.Action.SLEEP
                ? new SleepCommand(ServmonEvent.VERSION, decision.server(), commandId, SleepMode.SUSPEND, false,
                requestedBy, now)
                : new WakeCommand(ServmonEvent.VERSION, decision.server(), commandId, requestedBy,
                decision.reason(), now);
        String topic = decision.action() == PolicyDecision.Action.SLEEP ? Topics.SLEEP_COMMANDS.name()
                : Topics.WAKE_COMMANDS.name();
        send(topic, decision, command);
    }

    private void send(String topic, PolicyDecision decision, ServmonEvent command) {
        try {
            commands.send(topic, decision.server().value(), command).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("command not acknowledged: " + e.getMessage(), e);
        }
    }

    private List<ServerView> fleet() {
        List<ServerView> fleet = new ArrayList<>();
        for (Map.Entry<ServerRegistered, ServerStateChanged> entry : targets.fleet().entrySet()) {
            ServerRegistered server = entry.getKey();
            ServerStateChanged state = entry.getValue();
            if (server.group() == null) {
                continue;  // policies steer groups
            }
            ServerState now = state == null ? ServerState.EMPTY : state.state();
            Optional<FleetLoad.Load> latest = now == ServerState.ON ? load.of(server.serverId()) : Optional.empty();
            fleet.add(new ServerView(server.serverId(), server.name(), server.group(), now,
                    latest.map(FleetLoad.Load::cpuPct).orElse(null), latest.map(FleetLoad.Load::users).orElse(null),
                    wakeTimes.of(server.serverId()).orElse(null),
                    SleepGuard.canWakeAgain(server, state, targets.find(server.serverId()))));
        }
        return fleet;
    }
}
