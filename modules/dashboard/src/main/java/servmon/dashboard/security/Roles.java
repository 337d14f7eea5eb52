package servmon.dashboard.security;

import java.util.List;

/**
 * The two roles, as stored in app_user.role (without Spring's ROLE_ prefix) and named in {@code @RolesAllowed}:
 * an ADMIN may do everything, a VIEWER may look at everything but change nothing and see no server key.
 */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String VIEWER = "VIEWER";
    public static final List<String> ALL = List.of(ADMIN, VIEWER);

    private Roles() {
    }
}
