package servmon.dashboard.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import servmon.dashboard.DashboardProperties;
import servmon.events.RandomTokens;
import servmon.store.user.AppUser;
import servmon.store.user.AppUserRepository;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * On the very first start (no users yet) creates {@code admin} with the configured password, or with a random
 * one that is printed once to stdout: only its hash is stored, so it can never be shown again.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    static final String USERNAME = "admin";
    static final String ROLE = Roles.ADMIN;

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final DashboardProperties properties;
    private final ApplicationContext context;

    FirstAdmin(AppUserRepository users, PasswordEncoder passwordEncoder, DashboardProperties properties,
               ApplicationContext context) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        createIfNoUsers();
    }

    /** @return the generated password if one was generated (and printed) now */
    Optional<String> createIfNoUsers() {
        if (users.count() > 0) {
            return Optional.empty();
        }
        String configured = properties.adminPassword();
        boolean generate = configured == null || configured.isBlank();
        String password = generate ? RandomTokens.next(20) : configured;
        try {
            users.saveAndFlush(new AppUser(USERNAME, passwordEncoder.encode(password), ROLE,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        } catch (DataIntegrityViolationException e) {  // another dashboard instance won the first start
            return Optional.empty();
        }
        if (!generate) {
            log.info("First start: created user '{}' with the configured password", USERNAME);
            return Optional.empty();
        }
        log.info("First start: created user '{}' with a generated password (printed once to stdout)", USERNAME);
        printOnce(password);
        return Optional.of(password);
    }

    private void printOnce(String password) {
        String line = "servmon: first start, log in as " + USERNAME + " / " + password + " at http://localhost:"
                + port() + " (set SERVMON_ADMIN_PASSWORD to choose it)";
        String hint = "This password is shown only this once; only its hash is stored.";
        int width = Math.max(line.length(), hint.length());
        String rule = "+" + "-".repeat(width + 2) + "+";
        // stdout, not the log: it must reach the person who started servmon, and not be kept in log files
        PrintStream console = System.out;
        console.println();
        console.println(rule);
        console.println("| " + pad(line, width) + " |");
        console.println("| " + pad(hint, width) + " |");
        console.println(rule);
        console.println();
        console.flush();
    }

    private int port() {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null
                && web.getWebServer().getPort() > 0) {
            return web.getWebServer().getPort();
        }
        return 8080;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
