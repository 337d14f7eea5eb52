package servmon.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.ServerKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyFileTest {

    @TempDir
    Path dir;

    @Test
    void saved_key_is_readable_only_by_its_owner_and_reads_back() throws IOException {
        Path file = dir.resolve("home/.servmon/agent.key");
        ServerKey key = ServerKey.random();

        KeyFile.save(file, key);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(KeyFile.read(file)).contains(key);
        assertThat(dir.resolve("home/.servmon")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void saving_again_replaces_the_key_and_keeps_the_permissions() throws IOException {
        Path file = dir.resolve("agent.key");
        KeyFile.save(file, ServerKey.random());
        ServerKey second = ServerKey.random();

        KeyFile.save(file, second);

        assertThat(KeyFile.read(file)).contains(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void missing_file_means_no_key() throws IOException {
        assertThat(KeyFile.read(dir.resolve("absent.key"))).isEmpty();
    }

    @Test
    void file_with_something_else_than_a_key_is_refused() throws IOException {
        Path file = dir.resolve("agent.key");
        Files.writeString(file, "not a key!\n");

        assertThatThrownBy(() -> KeyFile.read(file)).isInstanceOf(IllegalArgumentException.class);
    }
}
