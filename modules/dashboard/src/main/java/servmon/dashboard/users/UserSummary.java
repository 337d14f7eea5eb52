package servmon.dashboard.users;

import servmon.store.user.AppUser;

import java.time.Instant;

/** One user as the users page lists it; never the password hash. */
record UserSummary(long id, String username, String role, boolean enabled, Instant createdAt) {

    static UserSummary of(AppUser user) {
        return new UserSummary(user.getId(), user.getUsername(), user.getRole(), user.isEnabled(),
                user.getCreatedAt());
    }
}
