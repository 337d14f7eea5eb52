package servmon.dashboard.servers;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a server's name and MAC must look like; shared by the Add Server form and the registry. */
final class ServerRules {

    static final int NAME_MAX_LENGTH = 100;
    static final String NAME_REQUIRED = "name is required";
    static final String NAME_TOO_LONG = "name must be at most " + NAME_MAX_LENGTH + " characters";
    static final String MAC_FORMAT = "MAC must look like aa:bb:cc:dd:ee:ff (or with dashes)";

    private static final Pattern MAC = Pattern.compile("\\p{XDigit}{2}([:-])\\p{XDigit}{2}(\\1\\p{XDigit}{2}){4}");

    private ServerRules() {
    }

    static String nameTaken(String name) {
        return "a server named " + name + " already exists";
    }

    /** The problem with a (trimmed) name, if any; uniqueness is checked against the database elsewhere. */
    static Optional<String> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(NAME_REQUIRED);
        }
        if (name.strip().length() > NAME_MAX_LENGTH) {
            return Optional.of(NAME_TOO_LONG);
        }
        return Optional.empty();
    }

    static Optional<String> macProblem(String mac) {
        if (mac == null || mac.isBlank() || MAC.matcher(mac.strip()).matches()) {
            return Optional.empty();
        }
        return Optional.of(MAC_FORMAT);
    }

    /** Lower-case and colons, as agents report MACs; null for no MAC. Call after {@link #macProblem}. */
    static String normaliseMac(String mac) {
        if (mac == null || mac.isBlank()) {
            return null;
        }
        return mac.strip().replace('-', ':').toLowerCase(Locale.ROOT);
    }
}
