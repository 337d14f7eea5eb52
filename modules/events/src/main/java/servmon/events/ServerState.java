package servmon.events;

/** What servmon believes about a server's power. */
public enum ServerState {
    /** Registered, never reported. */
    EMPTY,
    ON,
    /** Stopped reporting unexpectedly. */
    OFF,
    /** A wake was sent and the server is not back yet. */
    WAKING,
    /** Switched off on purpose; expected to be off. */
    ASLEEP
}
