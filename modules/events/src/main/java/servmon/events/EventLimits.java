package servmon.events;

/**
 * Sizes every event respects, checked by {@link EventCodec#decode} for every consumer and kept by the agent when it
 * builds a report, so that no producer can make a record a consumer refuses or the broker cannot take.
 */
public final class EventLimits {

    /** A whole event as JSON; a report with the most interfaces is about 12 KiB. */
    public static final int MAX_EVENT_BYTES = 64 * 1024;
    /** Interfaces in a report or a state: a host with more reports the first ones (sorted by the agent). */
    public static final int MAX_INTERFACES = 64;
    /** Names: host names (DNS allows 253), interface names (Linux allows 15), server names. */
    public static final int MAX_NAME_CHARS = 255;
    /** Free text: a detail, a reason, a message. */
    public static final int MAX_TEXT_CHARS = 1000;
    /** Short tokens: boot ids, MACs, addresses, who requested a command. */
    public static final int MAX_TOKEN_CHARS = 64;
    /** A reporting interval longer than an hour would make a server look off between two reports. */
    public static final int MAX_INTERVAL_S = 3600;
    /** 100 kW: more than any single server draws; a larger figure is a broken sensor or a unit mix-up. */
    public static final long MAX_POWER_W = 100_000;

    private EventLimits() {
    }
}
