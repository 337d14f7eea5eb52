package servmon.agent.power;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one small sysfs attribute. Replaceable in tests: they run as root, whom file modes do not stop, so a
 * denied read (RAPL's energy_uj for everyone else since Linux 5.10) can only be played by a reader that refuses.
 */
@FunctionalInterface
interface SysfsFiles {

    SysfsFiles DIRECT = path -> Files.readString(path, StandardCharsets.US_ASCII);

    String read(Path attribute) throws IOException;

    /** The attribute as a whole number; sysfs values are one decimal number and a newline. */
    default long readLong(Path attribute) throws IOException {
        String text = read(attribute).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(attribute + " does not hold a number (" + text + ")", e);
        }
    }
}
