package servmon.agent.simulate;

import servmon.events.ServerKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet's keys, one server a line: {@code key} or {@code name,key}; blank lines and {@code #} comments are
 * skipped. Written 0600, since the keys are secrets.
 */
final class KeysFile {

    private KeysFile() {
    }

    /**
     * @param defaultPrefix names servers that have no name in the file: PREFIX-0001, …
     * @throws IllegalArgumentException naming the line that holds no valid key
     */
    static List<ServerIdentity> read(Path file, String defaultPrefix) throws IOException {
        List<ServerIdentity> servers = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            String name = comma < 0 ? SimulateCommand.name(defaultPrefix, servers.size() + 1)
                    : line.substring(0, comma).strip();
            try {
                servers.add(new ServerIdentity(name, ServerKey.of(line.substring(comma + 1).strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return servers;
    }

    /** Creates the file (0600); refuses to overwrite one, whose keys may be the only copy. */
    static void write(Path file, List<ServerIdentity> servers) throws IOException {
        StringBuilder text = new StringBuilder("# servmon simulated fleet: name,key (secret: keep this file 0600)\n");
        for (ServerIdentity server : servers) {
            text.append(server.name()).append(',').append(server.key().value()).append('\n');
        }
        boolean posix = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
