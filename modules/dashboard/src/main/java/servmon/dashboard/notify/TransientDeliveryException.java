package servmon.dashboard.notify;

/** A delivery that failed in a way that may heal: the only kind that is tried again. */
final class TransientDeliveryException extends Exception {

    TransientDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
