package servmon.statemonitor;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Logs a state change Kafka refused for good (too large, not authorized, …) and goes on: one lost message must not
 * stop the monitor for the whole fleet, and the next change of that server is sent again in full. Transient
 * errors never get here; the producer and Streams retry those themselves.
 */
public class LogAndContinueProductionExceptionHandler implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(LogAndContinueProductionExceptionHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        log.warn("Could not send a record to {} (task {}), skipped: {}", record.topic(), context.taskId(),
                exception.toString());
        return Response.resume();
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        log.warn("Could not serialize the {} of a record to {} (task {}), skipped: {}", origin, record.topic(),
                context.taskId(), exception.toString());
        return Response.resume();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
