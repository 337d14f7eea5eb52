package servmon.events;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerKeyTest {

    @Test
    void random_keys_are_unique_and_well_formed() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ServerKey key = ServerKey.random();
            assertThat(key.value()).hasSize(24).matches("[A-Za-z0-9]+");
            assertThat(seen.add(key.value())).isTrue();
        }
    }

    @Test
    void to_string_never_shows_the_whole_secret() {
        ServerKey key = ServerKey.of("abcdEFGH1234");

        assertThat(key.toString()).isEqualTo("abcd…").doesNotContain("EFGH");
    }

    @Test
    void malformed_key_is_refused_without_echoing_it() {
        assertThatThrownBy(() -> ServerKey.of("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 to 64")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> ServerKey.of("has spaces in it")).isInstanceOf(IllegalArgumentException.class);
    }
}
