package servmon.dashboard.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/**
 * Who is using the page now, for the views that show a control only to an admin. The page's or request's security
 * context is the source, so it is the same answer Spring Security and Vaadin's access control give.
 */
public final class CurrentUser {

    private static final String ADMIN_AUTHORITY = "ROLE_" + Roles.ADMIN;

    private CurrentUser() {
    }

    /** Whether the current user may change things (Add Server, Wake, Sleep, Delete, policies, users, keys). */
    public static boolean isAdmin() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(ADMIN_AUTHORITY::equals);
    }

    /** The logged-in user's name, empty when nobody is logged in. */
    public static Optional<String> name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated()
                ? Optional.empty() : Optional.ofNullable(authentication.getName());
    }
}
