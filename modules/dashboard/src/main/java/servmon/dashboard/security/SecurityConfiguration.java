package servmon.dashboard.security;

import com.github.benmanes.caffeine.cache.Ticker;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import servmon.dashboard.database.DatabaseHealth;

/**
 * Two doors: the pages (a Vaadin login form and a session) and the JSON API for scripts (HTTP Basic on every
 * request, no session, no CSRF token, 401 as JSON). Both check the users in app_user (a VIEWER reads, an ADMIN also
 * changes: by HTTP method on the API, by {@code @RolesAllowed} and {@link CurrentUser} on the pages, by
 * {@code @PreAuthorize} on services that pages call), both are throttled after
 * failed logins ({@link LoginThrottle}), and both send {@link BrowserHeaders}. Request bodies are bounded
 * ({@link RequestBodyLimit}) before any of it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity  // @PreAuthorize on services (UserAdministration); not jsr250: that would proxy the views
@EnableConfigurationProperties({LoginThrottleProperties.class, RequestLimitProperties.class})
class SecurityConfiguration {

    static final String API_PATHS = "/api/v1/**";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiAuthentication authentication, DatabaseHealth database)
            throws Exception {
        JsonAuthenticationEntryPoint unauthorized = new JsonAuthenticationEntryPoint(database);
        return http.securityMatcher(API_PATHS)
                .authorizeHttpRequests(requests -> requests
                        // anyone logged in may read; every change (register, delete, wake, sleep, group, policies)
                        // is an admin's: by method, so that an endpoint added later is guarded without a new rule
                        .requestMatchers(HttpMethod.GET, API_PATHS).authenticated()
                        .requestMatchers(HttpMethod.HEAD, API_PATHS).authenticated()
                        .anyRequest().hasRole(Roles.ADMIN))
                .authenticationManager(authentication.manager())  // remembers verified passwords: one bcrypt, not one per call
                .httpBasic(basic -> basic.realmName("servmon").authenticationEntryPoint(unauthorized))
                .headers(BrowserHeaders.all())
                // the API's reads say "revalidate" themselves (ApiEtagFilter); "no-store" would turn their ETags off
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(new JsonAccessDeniedHandler()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // CSRF rides on credentials a browser adds by itself (a session cookie). This door takes none: every
                // call carries its own HTTP Basic header, which another site cannot make a browser send.
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http, RequestUtil vaadinRequests, SessionRegistry sessionRegistry)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests
                // the theme and our style sheet are needed by the login page itself
                .requestMatchers("/lumo/**", "/servmon/**").permitAll()
                // Tomcat's forward to /error after a 405, 413 or 415 (e.g. from the API): let it show that status,
                // rather than have the forward itself refused as unauthenticated (a 403 that hid the cause)
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll());
        http.headers(BrowserHeaders.all());
        // Vaadin exempts the login form's POST from CSRF (vaadin/flow#17427), which lets another site log a visitor
        // in as the attacker ("login CSRF"). Vaadin's LoginForm sends the token from the page's meta tags, so we
        // keep Vaadin's exemption for its own internal requests (they carry Vaadin's CSRF token) and no other.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        // every login is registered, so that ActiveSessions can end a user's sessions when an admin takes rights away
        http.sessionManagement(sessions -> sessions.maximumSessions(-1).sessionRegistry(sessionRegistry)
                .expiredUrl("/login"));
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin
                .loginView(LoginView.class)
                // Vaadin's default denies an address that is no route, before Vaadin could show its page: let a
                // logged-in user through to the friendly "not found" (NotFoundView); visitors still go to the login
                .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated)
                .enableCsrfConfiguration(false)).build();
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the session registry when a session ends (logout, timeout), so that it does not keep them forever. */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    /** Reads {@code {bcrypt}...} and any other Spring Security format; new passwords are hashed with bcrypt. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    LoginThrottle loginThrottle(LoginThrottleProperties properties) {
        return new LoginThrottle(properties, Ticker.systemTicker());
    }

    @Bean
    LoginOutcomes loginOutcomes(LoginThrottle throttle) {
        return new LoginOutcomes(throttle);
    }

    /** Ahead of Spring Security's filters: a throttled attempt never reaches a password check. */
    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle) {
        FilterRegistrationBean<LoginThrottleFilter> registration =
                new FilterRegistrationBean<>(new LoginThrottleFilter(throttle));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /** First of all: an oversize body is refused before anything reads it. */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(RequestLimitProperties properties) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
