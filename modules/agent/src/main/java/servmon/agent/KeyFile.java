package servmon.agent;

import servmon.events.ServerKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** The remembered server key: one line in a file only its owner can read, since the key is a secret. */
public final class KeyFile {

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private KeyFile() {
    }

    /**
     * @return empty when there is no file
     * @throws IllegalArgumentException when the file does not hold a valid key
     */
    public static Optional<ServerKey> read(Path file) throws IOException {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(ServerKey.of(content));
    }

    /**
     * Deletes the file if it holds {@code key}, and only then: a file that holds another key (one the admin just
     * enrolled) or no valid key is not this key's to delete.
     *
     * @return whether the file was deleted
     */
    public static boolean deleteIfHolds(Path file, ServerKey key) throws IOException {
        try {
            if (!read(file).map(key::equals).orElse(false)) {
                return false;
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Files.deleteIfExists(file);
    }

    /** Writes a temporary 0600 file next to the target and renames it, so a crash never leaves half a key. */
    public static void save(Path file, ServerKey key) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        Path temporary = dir.resolve("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            if (posix) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
            } else {
                Files.createFile(temporary);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + temporary, e);
        }
        Files.writeString(temporary, key.value() + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
