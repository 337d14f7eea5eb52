package servmon.agent;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.agent.wake.MagicPacket;
import servmon.agent.wake.WakeSender;
import servmon.events.AgentControl;
import servmon.events.AgentReply;
import servmon.events.EventCodec;
import servmon.events.MetricReport;
import servmon.events.NetInterface;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;
import servmon.events.SleepMode;
import servmon.events.Topics;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Carries out the sleep and relay-wake orders addressed to this machine and answers each on
 * {@link Topics#AGENT_REPLIES} before acting: the answer must be out before the machine goes to sleep. Answers are
 * signed like reports ({@link RecordSignature}): an accepted sleep makes the server ASLEEP (expected to be silent),
 * so the services must be able to tell this agent's answer from a forged one.
 */
final class AgentOrders {

    static final String NOT_ARMED = "Wake-on-LAN is not armed";
    private static final Logger log = LoggerFactory.getLogger(AgentOrders.class);

    private final Producer<String, byte[]> producer;
    private final ServerId key;
    private final SigningSecret secret;
    private final OrderSettings settings;
    private final Supplier<MetricReport> lastReport;
    private final WakeSender wakeSender;
    private final AtomicBoolean goingToSleep = new AtomicBoolean();

    /** @param secret what the answers are signed with: the one the reports are signed with */
    AgentOrders(Producer<String, byte[]> producer, ServerId key, SigningSecret secret, OrderSettings settings,
                Supplier<MetricReport> lastReport, WakeSender wakeSender) {
        this.producer = producer;
        this.key = key;
        this.secret = secret;
        this.settings = settings;
        this.lastReport = lastReport;
        this.wakeSender = wakeSender;
    }

    /** Accepts and sleeps, or refuses with the reason; the command runs on a thread of its own. */
    void sleep(AgentControl order) {
        MetricReport last = lastReport.get();
        if (!settings.sleepEvenIfNotArmed() && !wolArmed(last)) {
            log.warn("Refused a sleep order: no interface reports Wake-on: g (arm it with 'ethtool -s IFACE wol g',"
                    + " or start the agent with --sleep-even-if-not-armed)");
            reply(order, false, NOT_ARMED + " on any interface (ethtool Wake-on: g)", null);
            return;
        }
        if (!goingToSleep.compareAndSet(false, true)) {
            reply(order, false, "already going to sleep", null);
            return;
        }
        List<String> command = order.mode() == SleepMode.POWEROFF
                ? settings.poweroffCommand() : settings.suspendCommand();
        reply(order, true, null, last == null ? null : last.powerW());
        log.info("Going to sleep ({}) on order {}: {}", order.mode(), order.commandId(), command);
        Thread.ofPlatform().daemon().name("servmon-agent-sleep").start(() -> {
            try {
                flush();  // the answer and the reports so far leave before the network goes down
                SleepCommandRunner.run(command);
            } finally {
                goingToSleep.set(false);  // back from a suspend, or the command failed: awake again
            }
        });
    }

    /** Sends the magic packet on this machine's subnet for a neighbour that is asleep. */
    void relayWake(AgentControl order) {
        String host = order.targetBroadcast() == null || order.targetBroadcast().isBlank()
                ? WakeSender.LIMITED_BROADCAST : order.targetBroadcast();
        try {
            long mac = MagicPacket.parseMac(order.targetMac());
            wakeSender.send(mac, host, settings.relayPort());
            log.info("Relayed a magic packet for {} to {}:{} (order {})", MagicPacket.formatMac(mac), host,
                    settings.relayPort(), order.commandId());
            reply(order, true, null, null);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Could not relay a magic packet (order {}): {}", order.commandId(), e.getMessage());
            reply(order, false, e.getMessage(), null);
        }
    }

    private static boolean wolArmed(MetricReport last) {
        if (last == null) {
            return false;
        }
        for (NetInterface nic : last.interfaces()) {
            if (Boolean.TRUE.equals(nic.wolArmed())) {
                return true;
            }
        }
        return false;
    }

    private void reply(AgentControl order, boolean accepted, String reason, Double powerW) {
        AgentReply reply = new AgentReply(ServmonEvent.VERSION, key, order.commandId(), order.type(), accepted, reason,
                powerW, Instant.now());
        byte[] value = EventCodec.encode(reply);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.AGENT_REPLIES.name(), key.value(), value);
        RecordSignature.sign(secret, record.topic(), record.key(), value, record.headers());
        try {
            producer.send(record, (metadata, exception) -> {
                if (exception != null) {
                    log.warn("The answer to order {} was not delivered: {}", order.commandId(), exception.toString());
                }
            });
        } catch (KafkaException e) {
            log.warn("The answer to order {} could not be sent: {}", order.commandId(), e.toString());
        }
    }

    private void flush() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            log.warn("Could not flush the reports before sleeping: {}", e.toString());
        }
    }
}
