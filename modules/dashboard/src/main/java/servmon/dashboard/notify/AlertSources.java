package servmon.dashboard.notify;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.MetricReport;
import servmon.events.ServerId;
import servmon.events.ServerStateChanged;
import servmon.events.Topics;
import servmon.events.WakeResult;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds the rules from Kafka, in the consumer group {@value #GROUP} (so several dashboards share the fleet and each
 * incident is handled by one): the states, the wake results and the agents' reports. The compacted state topic is
 * read from its beginning at every assignment, which is how the pending OFFs and the ASLEEP servers are known again
 * after a restart; the others go on from the group's offsets (a new group starts at "now": older reports and wakes are
 * history). A record that cannot be read is skipped: the ingestor dead-letters it, once.
 */
final class AlertSources implements ConsumerSeekAware {

    static final String GROUP = "servmon-dashboard-notify";
    static final String STATES = "notify-states";
    static final String WAKE_RESULTS = "notify-wake-results";
    static final String REPORTS = "notify-reports";

    // on each listener rather than in spring.kafka.consumer, so no other consumer of the dashboard is affected
    private static final String RAW_VALUES = "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer";
    private static final String FROM_NOW = "auto.offset.reset=latest";
    // the state monitor writes transactionally: never act on a state it aborted
    private static final String COMMITTED = "isolation.level=read_committed";

    private static final Logger log = LoggerFactory.getLogger(AlertSources.class);

    private final AlertRules rules;
    private final ServerDirectory servers;
    private final ReportSignatures signatures;
    private final AlertDispatcher dispatcher;
    private final Clock clock;

    AlertSources(AlertRules rules, ServerDirectory servers, ReportSignatures signatures, AlertDispatcher dispatcher,
                 Clock clock) {
        this.rules = rules;
        this.servers = servers;
        this.signatures = signatures;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        List<TopicPartition> states = assignments.keySet().stream()
                .filter(partition -> partition.topic().equals(Topics.SERVER_STATE.name())).toList();
        if (!states.isEmpty()) {
            callback.seekToBeginning(states);
        }
    }

    @KafkaListener(id = STATES, groupId = GROUP, topics = "#{T(servmon.events.Topics).SERVER_STATE.name()}",
            batch = "true", properties = {RAW_VALUES, FROM_NOW, COMMITTED})
    void onStates(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            key(record).ifPresent(key -> {
                if (record.value() == null) {
                    rules.onState(key, null);
                } else {
                    decode(record, ServerStateChanged.class).ifPresent(change -> raise(rules.onState(key, change)));
                }
            });
        }
    }

    @KafkaListener(id = WAKE_RESULTS, groupId = GROUP, topics = "#{T(servmon.events.Topics).WAKE_RESULTS.name()}",
            batch = "true", properties = {RAW_VALUES, FROM_NOW, COMMITTED})
    void onWakeResults(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            decode(record, WakeResult.class).flatMap(rules::onWakeResult).ifPresent(trigger -> raise(List.of(trigger)));
        }
    }

    /**
     * The whole fleet's reports: in batches, and a server is only looked up when a rule fires. Only the reports its
     * agent signed count: anyone else who can write to the topic could raise alerts for any server. Started only
     * with a CPU or power rule (by NotifyConfiguration): decoding every report of 10,000 servers costs more than the
     * state monitor does.
     */
    @KafkaListener(id = REPORTS, groupId = GROUP, topics = "#{T(servmon.events.Topics).METRICS.name()}",
            batch = "true", properties = {RAW_VALUES, FROM_NOW, COMMITTED},
            autoStartup = "false")
    void onReports(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : signatures.signed(records)) {
            decode(record, MetricReport.class).ifPresent(report -> raise(rules.onReport(report)));
        }
    }

    /** Called by the OFF check's timer. */
    void raiseDueOffs() {
        raise(rules.dueOffs());
    }

    private void raise(Collection<Trigger> triggers) {
        for (Trigger trigger : triggers) {
            servers.find(trigger.server()).ifPresentOrElse(
                    server -> dispatcher.dispatch(new Alert(trigger.rule(), server.id(), server.name(), server.group(),
                            trigger.incident(), trigger.happenedAt(), clock.instant(), trigger.detail())),
                    () -> log.debug("{} for an unregistered server {}: nobody to tell", trigger.rule().id(),
                            trigger.server()));
        }
    }

    private static Optional<ServerId> key(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(ServerId.of(record.key()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static <T extends servmon.events.ServmonEvent> Optional<T> decode(ConsumerRecord<String, byte[]> record,
                                                                               Class<T> type) {
        try {
            return Optional.of(EventCodec.decode(record.value(), type));
        } catch (InvalidEventException e) {
            log.debug("Skipped {} at offset {}: {}", record.topic(), record.offset(), e.getMessage());
            return Optional.empty();
        }
    }
}
