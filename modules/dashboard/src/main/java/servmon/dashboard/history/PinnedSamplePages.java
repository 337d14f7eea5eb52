package servmon.dashboard.history;

import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The history list as a stable snapshot: the samples taken before a pinned time, newest first. Samples arriving
 * while the list is open are above the pin, so rows never shift (offset paging over live rows showed rows 44–49
 * again as 50–55 after 20 s). Vaadin's Grid asks by offset; this answers with keyset reads
 * ({@code sampled_at < cursor order by sampled_at desc limit n}) and remembers the cursor where each page ended,
 * so scrolling on costs one index seek per page however deep the list is.
 */
final class PinnedSamplePages {

    private final ServerHistory history;
    private final long serverId;
    private final Instant pinnedBefore;
    // offset of a row -> exclusive upper bound of its sampled_at (the time of the row before it)
    private final NavigableMap<Integer, Instant> cursors = new TreeMap<>();

    private PinnedSamplePages(ServerHistory history, long serverId, Instant pinnedBefore) {
        this.history = history;
        this.serverId = serverId;
        this.pinnedBefore = pinnedBefore;
        cursors.put(0, pinnedBefore);
    }

    /** Pins the list at the newest stored sample (nothing, until a refresh, if the server never reported). */
    static PinnedSamplePages pinNewest(ServerHistory history, long serverId) {
        // +1 ms: the bound is exclusive and sampled_at holds milliseconds
        Instant before = history.newestSampledAt(serverId).map(newest -> newest.plusMillis(1)).orElse(Instant.EPOCH);
        return new PinnedSamplePages(history, serverId, before);
    }

    /** Samples at or after this time are newer than the list shows. */
    Instant pinnedBefore() {
        return pinnedBefore;
    }

    /** The rows from {@code offset}, at most {@code limit}; fewer at the end of the history. */
    Stream<SampleRow> fetch(int offset, int limit) {
        Instant cursor = cursorAt(offset);
        if (cursor == null) {
            return Stream.empty();
        }
        var rows = history.samplesBefore(serverId, cursor, limit);
        if (!rows.isEmpty()) {
            cursors.put(offset + rows.size(), rows.getLast().sampledAt());
        }
        return rows.stream();
    }

    private Instant cursorAt(int offset) {
        Map.Entry<Integer, Instant> known = cursors.floorEntry(offset);
        if (known.getKey() == offset) {
            return known.getValue();
        }
        // a jump past the pages read so far (the scroll bar dragged): skip from the nearest known cursor
        Instant cursor = history.cursorAfterSkipping(serverId, known.getValue(), offset - known.getKey())
                .orElse(null);
        if (cursor != null) {
            cursors.put(offset, cursor);
        }
        return cursor;
    }
}
