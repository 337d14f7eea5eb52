package servmon.dashboard.servers;

import servmon.dashboard.base.ui.Reason;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a server's name and MAC must look like; shared by the Add Server form and the registry. A problem is a
 * {@link Reason}: the pages say it in the viewer's language, the API in English.
 */
final class ServerRules {

    static final int NAME_MAX_LENGTH = 100;
    static final int GROUP_MAX_LENGTH = 100;
    static final Reason NAME_REQUIRED = Reason.of("servers.refused.name-required");
    static final Reason GROUP_CONTROL = Reason.of("servers.refused.group-control");
    static final Reason MAC_FORMAT = Reason.of("servers.refused.mac-format");

    private static final Pattern MAC = Pattern.compile("\\p{XDigit}{2}([:-])\\p{XDigit}{2}(\\1\\p{XDigit}{2}){4}");

    private ServerRules() {
    }

    static Reason nameTaken(String name) {
        return Reason.of("servers.refused.name-taken", name);
    }

    /** The problem with a (trimmed) name, if any; uniqueness is checked against the database elsewhere. */
    static Optional<Reason> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(NAME_REQUIRED);
        }
        if (name.strip().length() > NAME_MAX_LENGTH) {
            return Optional.of(Reason.of("servers.refused.name-too-long", NAME_MAX_LENGTH, name.strip().length()));
        }
        return Optional.empty();
    }

    static Optional<Reason> macProblem(String mac) {
        if (mac == null || mac.isBlank() || MAC.matcher(mac.strip()).matches()) {
            return Optional.empty();
        }
        return Optional.of(MAC_FORMAT);
    }

    /** A group (site or role) is optional: blank means none. */
    static Optional<Reason> groupProblem(String group) {
        if (group == null || group.isBlank()) {
            return Optional.empty();
        }
        if (group.strip().length() > GROUP_MAX_LENGTH) {
            return Optional.of(Reason.of("servers.refused.group-too-long", GROUP_MAX_LENGTH,
                    group.strip().length()));
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
