package servmon.dashboard.servers;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a server's name and MAC must look like; shared by the Add Server form and the registry. */
final class ServerRules {

    static final int NAME_MAX_LENGTH = 100;
    static final String NAME_REQUIRED = "name is required";
    static final String NAME_TOO_LONG = "name must be at most " + NAME_MAX_LENGTH + " characters";
    static final int GROUP_MAX_LENGTH = 100;
    static final String GROUP_TOO_LONG = "group must be at most " + GROUP_MAX_LENGTH + " characters";
    static final String GROUP_CONTROL = "group must not contain control characters";
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
            return Optional.of(NAME_TOO_LONG + " (this one has " + name.strip().length() + ")");
        }
        return Optional.empty();
    }

    static Optional<String> macProblem(String mac) {
        if (mac == null || mac.isBlank() || MAC.matcher(mac.strip()).matches()) {
            return Optional.empty();
        }
        return Optional.of(MAC_FORMAT);
    }

    /** A group (site or role) is optional: blank means none. */
    static Optional<String> groupProblem(String group) {
        if (group == null || group.isBlank()) {
            return Optional.empty();
        }
        if (group.strip().length() > GROUP_MAX_LENGTH) {
            return Optional.of(GROUP_TOO_LONG + " (this one has " + group.strip().length() + ")");
        }
        if (group.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(GROUP_CONTROL);
        }
        return Optional.empty();
    }

    /** Trimmed, null for none. Call after {@link #groupProblem}. */
    static String normaliseGroup(String group) {
        return group == null || group.isBlank() ? null : group.strip();
    }

    /** Lower-case and colons, as agents report MACs; null for no MAC. Call after {@link #macProblem}. */
    static String normaliseMac(String mac) {
        if (mac == null || mac.isBlank()) {
            return null;
        }
        return mac.strip().replace('-', ':').toLowerCase(Locale.ROOT);
    }
}
