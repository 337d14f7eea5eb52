package servmon.store;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InListsTest {

    @Test
    void no_values_make_no_query() {
        assertThat(InLists.chunks(List.of())).isEmpty();
    }

    @Test
    void values_are_split_in_order_into_chunks_of_at_most_a_thousand() {
        List<Integer> values = IntStream.range(0, 2_500).boxed().toList();

        List<List<Integer>> chunks = InLists.chunks(values);

        assertThat(chunks).extracting(List::size).containsExactly(1_000, 1_000, 500);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(values);
        assertThat(InLists.chunks(values.subList(0, 1_000))).hasSize(1);
    }
}
