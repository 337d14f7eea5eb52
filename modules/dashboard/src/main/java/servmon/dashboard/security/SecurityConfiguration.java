package servmon.dashboard.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import servmon.dashboard.database.DatabaseHealth;

/**
 * Two doors: the pages (a Vaadin login form and a session) and the JSON API for scripts (HTTP Basic on every
 * request, no session, no CSRF token, 401 as JSON). Both check the users in app_user.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String API_PATHS = "/api/v1/**";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiAuthentication authentication, DatabaseHealth database)
            throws Exception {
        JsonAuthenticationEntryPoint unauthorized = new JsonAuthenticationEntryPoint(database);
        return http.securityMatcher(API_PATHS)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .authenticationManager(authentication.manager())  // remembers verified passwords: one bcrypt, not one per call
                .httpBasic(basic -> basic.realmName("servmon").authenticationEntryPoint(unauthorized))
                // the API's reads say "revalidate" themselves (ApiEtagFilter); "no-store" would turn their ETags off
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())  // no cookies, no session: nothing for a forged request to ride on
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
        // the theme and our style sheet are needed by the login page itself
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/lumo/**", "/servmon/**").permitAll());
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
    }

    /** Reads {@code {bcrypt}...} and any other Spring Security format; new passwords are hashed with bcrypt. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
