package servmon.ingestor.metrics;

/** Fitting agent-supplied strings to their columns. */
final class Columns {

    private Columns() {
    }

    /** Strict SQL mode would fail the whole batch on an over-long value; an agent's hostname is not worth that. */
    static String clip(String value, int maxLength) {
        return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
    }
}
