package servmon.events;

/** Headers on a dead-letter record, so an operator can see why it was refused and where it came from. */
public final class DeadLetterHeaders {

    /** Human-readable reason, UTF-8, e.g. "unknown server srv-1a2b…: register the server in the dashboard". */
    public static final String REASON = "servmon.dlt.reason";
    /** The reason's category, a {@link DeadLetterReason#tag()}. */
    public static final String REASON_TAG = "servmon.dlt.reason-tag";
    /**
     * The service that refused it (e.g. {@code servmon-ingestor}): the ingestor and the state monitor both read the
     * metrics topic, and each dead-letters what it refuses.
     */
    public static final String REFUSED_BY = "servmon.dlt.refused-by";
    public static final String ORIGINAL_TOPIC = "servmon.dlt.original-topic";
    public static final String ORIGINAL_PARTITION = "servmon.dlt.original-partition";
    public static final String ORIGINAL_OFFSET = "servmon.dlt.original-offset";
    /**
     * Present when the value is only the first {@link DeadLetters#MAX_VALUE_BYTES} of what was received (a record too
     * big to dead-letter whole): the original size in bytes, as decimal text.
     */
    public static final String TRUNCATED_FROM_BYTES = "servmon.dlt.truncated-from-bytes";

    private DeadLetterHeaders() {
    }
}
