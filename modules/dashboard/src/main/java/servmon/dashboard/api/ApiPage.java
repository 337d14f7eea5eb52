package servmon.dashboard.api;

import java.util.List;

/**
 * One page of a list: its items and the link to the next page, null on the last one. The link carries a keyset
 * cursor (an id or a time), not an offset, so following it never repeats or skips an item while others arrive.
 */
record ApiPage<T>(List<T> items, String next) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** Checks a requested page size: 1 to {@value #MAX_LIMIT}. */
    static int limit(int requested) {
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new BadQueryException("limit", "limit must be 1 to " + MAX_LIMIT);
        }
        return requested;
    }

    /**
     * The page of {@code limit} items out of {@code limitPlusOne} read (one more than shown tells whether a next
     * page exists, without a count).
     */
    static <T> ApiPage<T> of(List<T> limitPlusOne, int limit, java.util.function.Function<T, String> nextLink) {
        if (limitPlusOne.size() <= limit) {
            return new ApiPage<>(limitPlusOne, null);
        }
        List<T> items = limitPlusOne.subList(0, limit);
        return new ApiPage<>(List.copyOf(items), nextLink.apply(items.getLast()));
    }
}
