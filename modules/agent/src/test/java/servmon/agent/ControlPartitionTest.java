package servmon.agent;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import servmon.events.ServerId;
import servmon.events.Topics;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ControlPartitionTest {

    @Test
    void agent_listens_on_the_partition_the_producers_default_partitioner_picks() {
        for (int i = 0; i < 500; i++) {
            ServerId key = ServerId.random();
            byte[] keyBytes = key.value().getBytes(StandardCharsets.UTF_8);
            for (int partitions : new int[] {1, Topics.PARTITIONS, 12}) {
                assertThat(ControlPartition.of(key, partitions))
                        .isEqualTo(BuiltInPartitioner.partitionForKey(keyBytes, partitions));
            }
        }
    }
}
