package servmon.events;

/** How far a wake command got. */
public enum WakeStatus {
    /** Magic packets went out; the server is not confirmed awake yet. */
    SENT,
    /** The agent reported again with a new boot id. */
    CONFIRMED,
    /** No MAC is known for the server, or it is not registered. */
    NOT_WAKEABLE,
    /** Sending failed (no route, socket error). */
    FAILED,
    /** Packets went out but the server did not come back in time. */
    TIMED_OUT
}
