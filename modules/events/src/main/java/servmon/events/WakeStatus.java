package servmon.events;

/** How far a wake (or sleep) command got: each step is one {@link WakeResult}, and together they are its log. */
public enum WakeStatus {
    /** Magic packets went out; the server is not confirmed awake yet. */
    SENT,
    /** No sign of the server yet: packets went out again. */
    RETRIED,
    /** Merged into a wake of the same server already under way, or refused (e.g. the server is ON). */
    REJECTED,
    /** An awake agent on the server's subnet sent the packet for the wol-service. */
    RELAYED,
    /** A sleep order went to the agent. */
    SLEEP_SENT,
    /** The agent accepted the sleep order and is going to sleep. */
    SLEEP_ACCEPTED,
    /** The sleep was refused (by the checks or by the agent), with the reason. */
    SLEEP_REFUSED,
    /** The agent reported again with a new boot id. */
    CONFIRMED,
    /** No MAC is known for the server, or it is not registered. */
    NOT_WAKEABLE,
    /** Sending failed (no route, socket error). */
    FAILED,
    /** Packets went out but the server did not come back in time. */
    TIMED_OUT,
    /** A power policy decided to put the server to sleep or to wake it, and why; its order follows. */
    POLICY_DECIDED,
    /** What a power policy in dry run would have done, and why; nothing was sent. */
    POLICY_DRY_RUN
}
