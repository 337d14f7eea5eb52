package servmon.wol.policy;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.MetricReport;
import servmon.events.ServerId;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest CPU load and logged-in users of each server, from the agents' reports: what the policies judge
 * idleness and demand by. Its listener is started by {@link PolicyRunner} only when a policy is configured: reading
 * every report of the fleet costs CPU.
 */
@Component
class FleetLoad {

    private static final Logger log = LoggerFactory.getLogger(FleetLoad.class);

    record Load(Double cpuPct, int users, long sampledAtMs) {
    }

    static final String LISTENER = "policy-load";

    private final Map<ServerId, Load> latest = new ConcurrentHashMap<>();

    @KafkaListener(id = LISTENER, groupId = "servmon-wol-policy",
            topics = "#{T(servmon.events.Topics).METRICS.name()}",
            autoStartup = "false",
            properties = "auto.offset.reset=latest")
    void onReport(ConsumerRecord<String, byte[]> record) {
        try {
            MetricReport report = EventCodec.decode(record.value(), MetricReport.class);
            Load load = new Load(report.cpuPct(), report.userCount(), report.sampledAt().toEpochMilli());
            // newest sample wins: a late record of a backlog must not hide a fresher one
            latest.merge(report.serverId(), load, (old, now) -> now.sampledAtMs() >= old.sampledAtMs() ? now : old);
        } catch (InvalidEventException e) {
            log.debug("Skipped an unreadable report at offset {}: {}", record.offset(), e.getMessage());
        }
    }

    Optional<Load> of(ServerId server) {
        return Optional.ofNullable(latest.get(server));
    }
}
