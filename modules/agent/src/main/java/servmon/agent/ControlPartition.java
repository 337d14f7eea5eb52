package servmon.agent;

import org.apache.kafka.common.utils.Utils;
import servmon.events.ServerId;

import java.nio.charset.StandardCharsets;

/**
 * The partition of the control topic that carries messages for one server (keyed by its id): the one Kafka's default partitioner puts
 * them on, so the agent reads only its share of the topic, without a consumer group.
 */
final class ControlPartition {

    private ControlPartition() {
    }

    static int of(ServerId key, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(key.value().getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }
}
