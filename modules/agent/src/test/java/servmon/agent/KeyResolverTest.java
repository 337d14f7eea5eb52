package servmon.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.ServerKey;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyResolverTest {

    @TempDir
    Path dir;

    @Test
    void key_on_the_command_line_wins_over_the_saved_one() throws Exception {
        Path file = dir.resolve("agent.key");
        KeyFile.save(file, ServerKey.random());
        ServerKey given = ServerKey.random();

        assertThat(KeyResolver.resolve(given.value(), file, null)).isEqualTo(given);
    }

    @Test
    void saved_key_is_used_when_none_is_given() throws Exception {
        Path file = dir.resolve("agent.key");
        ServerKey saved = ServerKey.random();
        KeyFile.save(file, saved);

        assertThat(KeyResolver.resolve(null, file, null)).isEqualTo(saved);
    }

    @Test
    void without_key_file_or_console_the_advice_is_to_pass_the_key() {
        assertThatThrownBy(() -> KeyResolver.resolve(null, dir.resolve("agent.key"), null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("pass --key KEY");
    }

    @Test
    void malformed_key_is_refused_without_echoing_it() {
        assertThatThrownBy(() -> KeyResolver.resolve("short", dir.resolve("agent.key"), null))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--key is not a server key")
                .hasMessageNotContaining("short");
    }

    @Test
    void corrupt_key_file_is_refused_with_what_to_do() throws IOException {
        Path file = dir.resolve("agent.key");
        java.nio.file.Files.writeString(file, "???");

        assertThatThrownBy(() -> KeyResolver.resolve(null, file, null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("delete it, or pass --key KEY");
    }
}
