package servmon.store.energy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How a range [from, to) is read from the rollups: its whole hours from the hour tier (24 rows a server a day), the
 * partial hours at its ends from the minute tier. Exact to the minute: a minute bucket counts when it starts inside
 * the range. A range reaching the present reads its last hour from the hour tier too: that bucket holds only what has
 * arrived so far, so it is exact, and "today" or "this month" then costs hour rows only.
 *
 * @param hourFrom start of the hour-tier part (inclusive)
 * @param hourTo   end of the hour-tier part (exclusive); equal to {@code hourFrom} when the range has no whole hour
 * @param headTo   the minute tier is read over [from, headTo) ...
 * @param tailFrom ... and over [tailFrom, to)
 */
record RollupSpans(Instant hourFrom, Instant hourTo, Instant headTo, Instant tailFrom) {

    static RollupSpans of(Instant from, Instant to, Instant now) {
        Instant hourFrom = ceilHour(from);
        Instant hourTo = to.isBefore(now) ? to.truncatedTo(ChronoUnit.HOURS) : ceilHour(to);
        if (!hourFrom.isBefore(hourTo)) {
            return new RollupSpans(from, from, to, to);  // no whole hour inside: minutes only
        }
        return new RollupSpans(hourFrom, hourTo, hourFrom, hourTo);
    }

    private static Instant ceilHour(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.HOURS);
    }
}
