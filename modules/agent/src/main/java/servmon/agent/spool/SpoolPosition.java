package servmon.agent.spool;

/**
 * A place in the spool: a segment and a byte offset in it. Every record read from the spool comes with the position
 * just after it; committing that position marks the record and every one before it as delivered.
 */
public record SpoolPosition(long segment, long offset) implements Comparable<SpoolPosition> {

    @Override
    public int compareTo(SpoolPosition other) {
        int bySegment = Long.compare(segment, other.segment);
        return bySegment != 0 ? bySegment : Long.compare(offset, other.offset);
    }

    boolean isAfter(SpoolPosition other) {
        return compareTo(other) > 0;
    }
}
