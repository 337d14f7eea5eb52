package servmon.statemonitor;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.ByteBuffer;

/** Turns the monitor's heartbeat records (8-byte epoch milliseconds) into {@link Input.Tick}s; skips anything else. */
final class TickDecoder implements Processor<String, byte[], String, Input> {

    private ProcessorContext<String, Input> context;

    @Override
    public void init(ProcessorContext<String, Input> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() != null && record.value().length == Long.BYTES) {
            context.forward(record.withValue(new Input.Tick(ByteBuffer.wrap(record.value()).getLong())));
        }
    }

    static byte[] encode(long sentAtMs) {
        return ByteBuffer.allocate(Long.BYTES).putLong(sentAtMs).array();
    }
}
