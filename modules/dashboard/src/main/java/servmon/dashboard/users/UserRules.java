package servmon.dashboard.users;

import servmon.dashboard.base.ui.Reason;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a user name and a password must look like; shared by the users page, the account page and the service. */
final class UserRules {

    /** app_user.username is VARCHAR(64): a longer name is refused with this reason, never cut. */
    static final int NAME_MAX_LENGTH = 64;
    static final int PASSWORD_MIN_LENGTH = 10;
    /** bcrypt reads only the first 72 bytes: a longer password would be weaker than it looks, so it is refused. */
    static final int PASSWORD_MAX_BYTES = 72;

    static final Reason NAME_REQUIRED = Reason.of("users.refused.name-required");
    static final Reason NAME_CHARACTERS = Reason.of("users.refused.name-characters");

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]+");

    private UserRules() {
    }

    /** The problem with a (trimmed) user name, if any; whether it is taken is checked against the database. */
    static Optional<Reason> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(NAME_REQUIRED);
        }
        String trimmed = name.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length > NAME_MAX_LENGTH) {
            return Optional.of(Reason.of("users.refused.name-too-long", NAME_MAX_LENGTH, length));
        }
        if (!NAME.matcher(trimmed).matches()) {
            return Optional.of(NAME_CHARACTERS);
        }
        return Optional.empty();
    }

    static Reason nameTaken(String name) {
        return Reason.of("users.refused.name-taken", name);
    }

    /** The problem with a new password a person chose, if any. */
    static Optional<Reason> passwordProblem(String password) {
        if (password == null || password.codePointCount(0, password.length()) < PASSWORD_MIN_LENGTH) {
            return Optional.of(Reason.of("users.refused.password-too-short", PASSWORD_MIN_LENGTH));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            return Optional.of(Reason.of("users.refused.password-too-long", PASSWORD_MAX_BYTES));
        }
        return Optional.empty();
    }
}
