package servmon.wol.wake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.WakeCommand;
import servmon.events.WakeResult;

/**
 * Serves {@code servmon.wake-commands.v1}, a public interface: any system may publish a command there. A command
 * that is not a valid one goes to its dead-letter topic (see KafkaConfiguration); every other one gets exactly one
 * wake result (more than one only if this service stops between sending packets and committing the offset).
 */
@Component
class WakeCommandListener {

    private static final Logger log = LoggerFactory.getLogger(WakeCommandListener.class);

    private final WakeService wakeService;
    private final WakeResultPublisher results;

    WakeCommandListener(WakeService wakeService, WakeResultPublisher results) {
        this.wakeService = wakeService;
        this.results = results;
    }

    @KafkaListener(id = "wake-commands", groupId = "servmon-wol-service",
            topics = "#{T(servmon.events.Topics).WAKE_COMMANDS.name()}")
    void onCommand(ConsumerRecord<String, byte[]> record) throws InvalidEventException {
        WakeCommand command = EventCodec.decode(record.value(), WakeCommand.class);
        WakeResult result = wakeService.wake(command);
        results.publish(result);
        log.info("Wake {} command {} from {}: {} {}", command.serverId().value(),
                printable(command.commandId().value()), printable(command.requestedBy()), result.status(), result.detail());
    }

    /** Any client may publish commands: their free text must not break the one-line-per-command log. */
    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
