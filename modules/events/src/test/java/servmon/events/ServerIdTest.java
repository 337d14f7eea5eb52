package servmon.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerIdTest {

    @Test
    void id_is_derived_from_the_key_alike_everywhere_and_never_shows_it() {
        ServerKey key = ServerKey.of("Hq7sN2kP9xWm4TzR8vLc3bYe");

        ServerId id = ServerId.of(key);

        assertThat(id).isEqualTo(ServerId.of(ServerKey.of("Hq7sN2kP9xWm4TzR8vLc3bYe")));
        assertThat(id.value()).matches("srv-[0-9a-f]{20}").doesNotContain(key.value().substring(0, 4));
        assertThat(ServerId.of(ServerKey.of("Hq7sN2kP9xWm4TzR8vLc3bYf"))).isNotEqualTo(id);
        assertThat(id.toString()).isEqualTo(id.value());
    }

    @Test
    void id_and_signing_secret_are_unrelated_derivations() {
        ServerKey key = ServerKey.random();

        assertThat(SigningSecret.of(key).toText()).doesNotContain(ServerId.of(key).value().substring(4));
        assertThat(SigningSecret.of(key)).isEqualTo(SigningSecret.of(key)).isNotEqualTo(SigningSecret.of(ServerKey.random()));
    }

    @Test
    void malformed_id_is_refused_with_the_reason() {
        assertThatThrownBy(() -> ServerId.of("has spaces in it")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 to 64");
        assertThatThrownBy(() -> ServerId.of((String) null)).isInstanceOf(IllegalArgumentException.class);
    }
}
