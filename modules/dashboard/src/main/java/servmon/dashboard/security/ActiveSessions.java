package servmon.dashboard.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/**
 * The pages' logged-in sessions by user, so that disabling a user, changing their role or resetting their password
 * holds at once rather than at their next login: their sessions are marked expired, and their next request is logged
 * out and sent to the login page (SecurityConfiguration's session management). The API keeps no sessions: it checks
 * the user on every request anyway.
 */
@Component
public class ActiveSessions {

    private static final Logger log = LoggerFactory.getLogger(ActiveSessions.class);

    private final SessionRegistry registry;

    ActiveSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    /** Ends every page session of the user; returns how many there were. */
    public int end(String username) {
        int ended = 0;
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof UserDetails user && user.getUsername().equals(username)) {
                for (SessionInformation session : registry.getAllSessions(principal, false)) {
                    session.expireNow();
                    ended++;
                }
            }
        }
        if (ended > 0) {
            log.info("Ended {} session(s) of user '{}'", ended, username);
        }
        return ended;
    }
}
