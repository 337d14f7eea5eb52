package servmon.store;

import java.util.List;
import java.util.stream.IntStream;

/** Splits the values of an {@code IN (:values)} query so that no single query gets an overlong list. */
public final class InLists {

    /** Keeps the IN list of one query within what any MySQL accepts comfortably. */
    public static final int MAX_VALUES = 1000;

    private InLists() {
    }

    /** {@code values} in consecutive chunks of at most {@link #MAX_VALUES}, one query each; none for no values. */
    public static <T> List<List<T>> chunks(List<T> values) {
        int count = (values.size() + MAX_VALUES - 1) / MAX_VALUES;
        return IntStream.range(0, count)
                .mapToObj(chunk -> values.subList(chunk * MAX_VALUES,
                        Math.min(values.size(), (chunk + 1) * MAX_VALUES)))
                .toList();
    }
}
