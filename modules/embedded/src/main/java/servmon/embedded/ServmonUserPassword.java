package servmon.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The embedded database's servmon user password: generated on first start, kept in a 0600 file next to the data and
 * reused on every start. The file is the one place it is written; the database itself only gets its hash.
 */
final class ServmonUserPassword {

    static final String FILE_NAME = "servmon.password";
    /** What {@link #generate()} makes: safe inside SQL quotes, a JDBC property and a shell argument. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{24,}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServmonUserPassword() {
    }

    /** The password kept in {@code home}, made and stored if there is none (or it was emptied or mangled). */
    static String loadOrCreate(Path home) {
        Path file = home.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, PrivateFiles.OWNER_ONLY_FILE);
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (WELL_FORMED.matcher(kept).matches()) {
                    return kept;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a new one is set in the database at this start (GrantsInitFile), so a lost file costs nothing
        String password = generate();
        PrivateFiles.write(file, password + "\n");
        return password;
    }

    static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** MariaDB's mysql_native_password hash, as {@code PASSWORD('…')} computes it: '*' and SHA1(SHA1(password)). */
    static String nativeHash(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] twice = sha1.digest(sha1.digest(password.getBytes(StandardCharsets.UTF_8)));
            return "*" + HexFormat.of().formatHex(twice).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
