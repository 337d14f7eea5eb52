package servmon.statemonitor;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;

/**
 * Makes the monitor independent of the producer's partitioner. A server's state lives in the task of the partition
 * its key hashes to with the Java client's partitioner (murmur2); a record another client put elsewhere (kcat and
 * librdkafka hash with CRC32 by default) would reach a task that does not know the server. Such a record is sent on,
 * through {@code servmon.monitor-rerouted.v1}, to the partition where the server lives; every other record goes
 * straight to its decoder, so the detour costs nothing for the Java agents.
 */
final class PartitionRouter implements Processor<String, byte[], String, byte[]> {

    /** The topic a rerouted record first arrived on, so it is decoded as what it is. */
    static final String ORIGIN_HEADER = "servmon.origin-topic";

    private final String topic;
    private final int partitions;
    private final String decoder;
    private final String reroute;
    private ProcessorContext<String, byte[]> context;

    /**
     * @param partitions the partition count of the input topics; 1 (as in single-partition tests) routes nothing
     * @param decoder    the child node that decodes records on the right partition
     * @param reroute    the child sink that sends the others to the rerouted topic
     */
    PartitionRouter(String topic, int partitions, String decoder, String reroute) {
        this.topic = topic;
        this.partitions = partitions;
        this.decoder = decoder;
        this.reroute = reroute;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        if (partitions <= 1 || record.key() == null || partition < 0 || partition == home(record.key(), partitions)) {
            context.forward(record, decoder);
            return;
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(ORIGIN_HEADER);
        headers.add(ORIGIN_HEADER, topic.getBytes(StandardCharsets.UTF_8));
        context.forward(record.withHeaders(headers), reroute);
    }

    /** The partition the Java client's default partitioner picks for this key. */
    static int home(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
