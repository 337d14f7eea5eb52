package servmon.dashboard.servers;

/** Kafka did not acknowledge an event in time; whatever the event was about was not changed. */
public class EventPublishException extends RuntimeException {

    EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
