package servmon.dashboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Stops a login attempt before its password is checked while {@link LoginThrottle} says it must wait: an HTTP Basic
 * call gets 429 with Retry-After, the login form goes back to the login page, which says how long to wait. Runs
 * ahead of Spring Security, so every door (pages, API, actuator) is covered by one check.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    static final String THROTTLED_PARAMETER = "throttled";

    private static final RequestMatcher LOGIN_FORM =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login");

    private final LoginThrottle throttle;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean form = LOGIN_FORM.matches(request);
        String user = form ? request.getParameter("username") : basicUser(request);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Duration> wait = throttle.waitFor(user, request.getRemoteAddr());
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        if (form) {
            response.sendRedirect(request.getContextPath() + "/login?" + THROTTLED_PARAMETER + "=" + seconds);
            return;
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"message\":\"too many failed logins for this user or from this address:"
                + " try again in " + seconds + " s\"}");
    }

    /** The user name of an HTTP Basic header, null when there is none (or it cannot be decoded: left to Spring). */
    private String basicUser(HttpServletRequest request) {
        try {
            UsernamePasswordAuthenticationToken token = basic.convert(request);
            return token == null ? null : token.getName();
        } catch (BadCredentialsException e) {
            return null;
        }
    }
}
