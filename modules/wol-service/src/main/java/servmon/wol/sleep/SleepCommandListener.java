package servmon.wol.sleep;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import servmon.events.AgentControl;
import servmon.events.EventCodec;
import servmon.events.ServerId;
import servmon.events.ServerRegistered;
import servmon.events.ServmonEvent;
import servmon.events.SleepCommand;
import servmon.events.WakeResult;
import servmon.events.WakeStatus;
import servmon.wol.WolProperties;
import servmon.wol.wake.AgentOrderSender;
import servmon.wol.wake.WakeResultPublisher;
import servmon.wol.wake.WakeTargets;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@code servmon.sleep-commands.v1}: checks that the server can be woken again ({@link SleepGuard}), then
 * orders its agent to sleep; the agent's answer comes back through {@link AgentReplyListener}. Each step is a result
 * on the wake-results topic, so the server's power log shows why a sleep did or did not happen.
 */
@Component
class SleepCommandListener {

    private static final Logger log = LoggerFactory.getLogger(SleepCommandListener.class);

    private final WakeTargets targets;
    private final WakeResultPublisher results;
    private final AgentOrderSender control;
    private final WolProperties properties;
    private final Clock clock;

    SleepCommandListener(WakeTargets targets, WakeResultPublisher results, AgentOrderSender control,
                         WolProperties properties, Clock clock) {
        this.targets = targets;
        this.results = results;
        this.control = control;
        this.properties = properties;
        this.clock = clock;
    }

    @KafkaListener(id = "sleep-commands", groupId = "servmon-wol-service",
            topics = "#{T(servmon.events.Topics).SLEEP_COMMANDS.name()}")
    void onCommand(ConsumerRecord<String, byte[]> record) throws Exception {
        SleepCommand command = EventCodec.decode(record.value(), SleepCommand.class);
        ServerId key = command.serverId();
        SleepGuard.Verdict verdict = SleepGuard.check(targets.registration(key).orElse(null),
                targets.state(key).orElse(null), targets.find(key), targets.fleet());
        if (!verdict.allowed(command.force())) {
            String reasons = String.join("; ", verdict.refusals().isEmpty() ? verdict.warnings() : verdict.refusals());
            publish(command, WakeStatus.SLEEP_REFUSED, reasons + (verdict.refusals().isEmpty()
                    ? " (force the sleep to do it anyway)" : ""), clock.instant());
            return;
        }
        // stamped before the order goes out: the agent may answer before this step is published, and the log must
        // still read SLEEP_SENT before SLEEP_ACCEPTED
        Instant ordered = clock.instant();
        ServerRegistered registration = targets.registration(key).orElseThrow(() ->
                new IllegalStateException("server " + key + " is not registered"));
        control.send(registration, AgentControl.sleep(key, command.commandId(), command.mode(), ordered))
                .get(properties.resultSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        publish(command, WakeStatus.SLEEP_SENT, command.mode() + " ordered by " + command.requestedBy()
                + (verdict.warnings().isEmpty() ? "" : "; FORCED despite: " + String.join("; ", verdict.warnings())),
                ordered);
    }

    private void publish(SleepCommand command, WakeStatus status, String detail, Instant at) {
        results.publish(new WakeResult(ServmonEvent.VERSION, command.serverId(), command.commandId(), status, detail,
                0, at));
        log.info("Sleep {} command {}: {} {}", command.serverId().value(), command.commandId(), status, detail);
    }
}
