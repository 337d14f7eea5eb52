package servmon.dashboard.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import servmon.dashboard.base.ui.Reason;
import servmon.dashboard.security.ActiveSessions;
import servmon.dashboard.security.CurrentUser;
import servmon.dashboard.security.Roles;
import servmon.events.RandomTokens;
import servmon.store.user.AppUser;
import servmon.store.user.AppUserRepository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Who may use servmon: admins add users, disable and enable them, change their role and reset their password; every
 * user changes their own. Method security guards each operation, whichever page or API calls it. The last enabled
 * admin can be neither disabled nor demoted, or nobody could manage servmon any more. A change that takes rights
 * away (disable, demote, new password) also ends that user's open sessions, so it holds at once.
 */
@Service
public class UserAdministration {

    /** Long enough that guessing it is hopeless; the person who gets it is asked to change it. */
    static final int ISSUED_PASSWORD_LENGTH = 20;
    static final Reason CURRENT_PASSWORD_WRONG = Reason.of("users.refused.current-password-wrong");

    private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final ActiveSessions sessions;

    UserAdministration(AppUserRepository users, PasswordEncoder passwordEncoder, ActiveSessions sessions) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<UserSummary> list() {
        return users.findAllByOrderByUsernameAsc().stream().map(UserSummary::of).toList();
    }

    /** Adds an enabled user with a generated password, which is returned to be shown once. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public IssuedPassword add(String username, String role) {
        UserRules.nameProblem(username).ifPresent(problem -> {
            throw new UserChangeRefusedException(problem);
        });
        requireKnownRole(role);
        String name = username.strip();
        if (users.existsByUsernameIgnoreCase(name)) {
            throw new UserChangeRefusedException(UserRules.nameTaken(name));
        }
        String password = RandomTokens.next(ISSUED_PASSWORD_LENGTH);
        try {
            users.saveAndFlush(new AppUser(name, passwordEncoder.encode(password), role,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        } catch (DataIntegrityViolationException e) {  // added by someone else since the check
            throw new UserChangeRefusedException(UserRules.nameTaken(name));
        }
        log.info("User '{}' added as {} by '{}'", name, role, actor());
        return new IssuedPassword(name, password);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void setEnabled(long id, boolean enabled) {
        List<AppUser> enabledAdmins = users.lockEnabledByRole(Roles.ADMIN);  // locked: see the repository
        AppUser user = find(id);
        if (user.isEnabled() == enabled) {
            return;
        }
        if (!enabled) {
            requireAnotherAdmin(user, enabledAdmins, Reason.of("users.refused.last-admin-disabled",
                    user.getUsername()));
        }
        user.setEnabled(enabled);
        users.saveAndFlush(user);
        if (!enabled) {
            sessions.end(user.getUsername());
        }
        log.info("User '{}' {} by '{}'", user.getUsername(), enabled ? "enabled" : "disabled", actor());
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void changeRole(long id, String role) {
        requireKnownRole(role);
        List<AppUser> enabledAdmins = users.lockEnabledByRole(Roles.ADMIN);
        AppUser user = find(id);
        if (user.getRole().equals(role)) {
            return;
        }
        if (!Roles.ADMIN.equals(role)) {
            requireAnotherAdmin(user, enabledAdmins, Reason.of("users.refused.last-admin-demoted",
                    user.getUsername(), role));
        }
        user.changeRole(role);
        users.saveAndFlush(user);
        sessions.end(user.getUsername());  // the open pages were built for the old role
        log.info("User '{}' made {} by '{}'", user.getUsername(), role, actor());
    }

    /** Gives the user a new generated password, returned to be shown once; the old one stops working at once. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public IssuedPassword resetPassword(long id) {
        AppUser user = find(id);
        String password = RandomTokens.next(ISSUED_PASSWORD_LENGTH);
        user.changePasswordHash(passwordEncoder.encode(password));
        users.saveAndFlush(user);
        if (!user.getUsername().equals(actor())) {  // resetting one's own keeps this page open
            sessions.end(user.getUsername());
        }
        log.info("Password of user '{}' reset by '{}'", user.getUsername(), actor());
        return new IssuedPassword(user.getUsername(), password);
    }

    /** The logged-in user changes their own password, proving they know the current one. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        String name = actor();
        AppUser user = users.findByUsername(name)
                .orElseThrow(() -> new UserChangeRefusedException(Reason.of("users.refused.gone", name)));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
            throw new UserChangeRefusedException(CURRENT_PASSWORD_WRONG);
        }
        UserRules.passwordProblem(newPassword).ifPresent(problem -> {
            throw new UserChangeRefusedException(problem);
        });
        if (newPassword.equals(currentPassword)) {
            throw new UserChangeRefusedException(Reason.of("users.refused.password-unchanged"));
        }
        user.changePasswordHash(passwordEncoder.encode(newPassword));
        users.saveAndFlush(user);
        log.info("User '{}' changed their password", name);
    }

    private AppUser find(long id) {
        return users.findById(id).orElseThrow(() -> new UserChangeRefusedException(
                Reason.of("users.refused.no-such-user", String.valueOf(id))));
    }

    private static void requireAnotherAdmin(AppUser user, List<AppUser> enabledAdmins, Reason refusal) {
        boolean isEnabledAdmin = enabledAdmins.stream().anyMatch(admin -> admin.getId().equals(user.getId()));
        if (isEnabledAdmin && enabledAdmins.size() <= 1) {
            throw new UserChangeRefusedException(refusal);
        }
    }

    private static void requireKnownRole(String role) {
        if (!Roles.ALL.contains(role)) {
            throw new UserChangeRefusedException(Reason.of("users.refused.unknown-role",
                    String.join(", ", Roles.ALL)));
        }
    }

    private static String actor() {
        return CurrentUser.name().orElse("?");
    }
}
