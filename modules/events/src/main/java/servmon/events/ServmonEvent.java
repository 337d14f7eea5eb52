package servmon.events;

/** Every value published on a servmon topic: versioned, keyed by the server it is about. */
public sealed interface ServmonEvent
        permits MetricReport, ServerRegistered, ServerStateChanged, WakeCommand, WakeResult, AgentControl, SleepCommand,
        AgentReply, PowerPolicies {

    /** The only event format version this code writes and reads. */
    int VERSION = 1;

    int v();

    ServerId serverId();

    /** Shared by the records' compact constructors: a consumer refuses a version it does not know. */
    static void requireKnownVersion(int v) {
        if (v != VERSION) {
            throw new IllegalArgumentException(
                    "unsupported event version v=" + v + "; this consumer understands v=" + VERSION);
        }
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
