package servmon.dashboard.security;

import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * How the API checks HTTP Basic credentials: the users of app_user, loaded on every request, with passwords
 * checked through {@link VerifiedPasswords} so that a script's calls do not each cost a bcrypt. The login form keeps
 * Spring Security's own manager: one check per session is no burden there.
 */
@Component
class ApiAuthentication {

    private final VerifiedPasswords passwords;
    private final AuthenticationManager manager;

    ApiAuthentication(UserDetailsService users, PasswordEncoder passwordEncoder, AuthenticationEventPublisher events) {
        this.passwords = new VerifiedPasswords(passwordEncoder, VerifiedPasswords.TTL);
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(passwords);
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(events);  // failures are logged and throttled (LoginOutcomes)
        this.manager = manager;
    }

    AuthenticationManager manager() {
        return manager;
    }

    /** How many password checks ran the slow encoder. */
    long slowChecks() {
        return passwords.slowChecks();
    }
}
