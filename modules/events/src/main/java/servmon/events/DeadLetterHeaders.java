package servmon.events;

/** Headers on a dead-letter record, so an operator can see why it was refused and where it came from. */
public final class DeadLetterHeaders {

    /** Human-readable reason, UTF-8, e.g. "unknown server key abcd…: register the server in the dashboard". */
    public static final String REASON = "servmon.dlt.reason";
    public static final String ORIGINAL_TOPIC = "servmon.dlt.original-topic";
    public static final String ORIGINAL_PARTITION = "servmon.dlt.original-partition";
    public static final String ORIGINAL_OFFSET = "servmon.dlt.original-offset";

    private DeadLetterHeaders() {
    }
}
