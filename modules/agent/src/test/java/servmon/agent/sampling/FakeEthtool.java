package servmon.agent.sampling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A shell script standing in for ethtool: prints fixed output and appends a line per run to a counter file. */
final class FakeEthtool {

    private FakeEthtool() {
    }

    static Path write(Path counter, String output) {
        try {
            Path script = Files.createTempFile("fake-ethtool", ".sh",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(script, "#!/bin/sh\necho run >> '" + counter + "'\ncat <<'EOF'\n" + output + "EOF\n");
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long runs(Path counter) {
        try {
            return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
