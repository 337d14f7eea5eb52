package servmon.dashboard.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import servmon.dashboard.database.DatabaseHealth;

/**
 * The management endpoints under /actuator. Health (status only, no details) is open to all, so that probes and load
 * balancers need no account. The rest, i.e. Prometheus, answers this machine without a login (where Prometheus or
 * its agent usually runs, and the headless services' ports are loopback-only too) and anyone else who sends a servmon
 * user's HTTP Basic credentials: the fleet's names and figures are what any VIEWER sees anyway. Behind a reverse
 * proxy on this machine every request comes from loopback: keep /actuator/prometheus out of what the proxy forwards.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {

    static final String ACTUATOR_PATHS = "/actuator/**";

    private static final IpAddressMatcher LOOPBACK_V4 = new IpAddressMatcher("127.0.0.0/8");
    private static final IpAddressMatcher LOOPBACK_V6 = new IpAddressMatcher("::1");

    @Bean
    @Order(0)
    SecurityFilterChain actuatorFilterChain(HttpSecurity http, DatabaseHealth database) throws Exception {
        JsonAuthenticationEntryPoint unauthorized = new JsonAuthenticationEntryPoint(database);
        AuthorizationManager<RequestAuthorizationContext> loopback = (authentication, context) ->
                new AuthorizationDecision(isLoopback(context.getRequest().getRemoteAddr()));
        return http.securityMatcher(ACTUATOR_PATHS)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().access(AuthorizationManagers.anyOf(loopback,
                                AuthenticatedAuthorizationManager.authenticated())))
                .httpBasic(basic -> basic.realmName("servmon").authenticationEntryPoint(unauthorized))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
                .headers(BrowserHeaders.all())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())  // read-only endpoints, no cookies, no session
                .build();
    }

    private static boolean isLoopback(String remoteAddress) {
        return remoteAddress != null && (LOOPBACK_V4.matches(remoteAddress) || LOOPBACK_V6.matches(remoteAddress));
    }
}
