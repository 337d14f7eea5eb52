package servmon.dashboard.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import servmon.dashboard.DashboardProperties;
import servmon.dashboard.DashboardTestSupport;
import servmon.store.user.AppUser;
import servmon.store.user.AppUserRepository;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ExtendWith(OutputCaptureExtension.class)
class SecurityTest extends DashboardTestSupport {

    @Autowired
    AppUserRepository users;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    FirstAdmin firstAdmin;
    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvc mvc;

    @Test
    void the_first_admin_is_created_with_the_configured_password_hashed_with_bcrypt() {
        AppUser admin = users.findByUsername("admin").orElseThrow();

        assertThat(admin.getRole()).isEqualTo("ADMIN");
        assertThat(admin.getPasswordHash()).startsWith("{bcrypt}").doesNotContain(ADMIN_PASSWORD);
        assertThat(passwordEncoder.matches(ADMIN_PASSWORD, admin.getPasswordHash())).isTrue();
        assertThat(firstAdmin.createIfNoUsers()).as("users exist: nothing to do").isEmpty();
    }

    @Test
    void without_a_configured_password_one_is_generated_and_printed_once(CapturedOutput output) {
        DashboardProperties unset = new DashboardProperties("", null, 1, Duration.ofSeconds(2), Duration.ofSeconds(5), "");
        FirstAdmin generating = new FirstAdmin(users, passwordEncoder, unset, context);
        users.deleteAll();
        try {
            Optional<String> generated = generating.createIfNoUsers();
            Optional<String> again = generating.createIfNoUsers();

            assertThat(generated).hasValueSatisfying(password -> assertThat(password).hasSizeGreaterThanOrEqualTo(16));
            String password = generated.orElseThrow();
            assertThat(output.getOut()).contains("servmon: first start, log in as admin / " + password
                    + " at http://localhost:8080 (set SERVMON_ADMIN_PASSWORD to choose it)");
            assertThat(output.getOut().split(password, -1)).as("printed exactly once").hasSize(2);
            assertThat(again).isEmpty();
            AppUser admin = users.findByUsername("admin").orElseThrow();
            assertThat(admin.getPasswordHash()).startsWith("{bcrypt}").doesNotContain(password);
            assertThat(passwordEncoder.matches(password, admin.getPasswordHash())).isTrue();
            assertThat(output.getAll()).as("never in the log either, only in the one box").containsOnlyOnce(password);
        } finally {
            users.deleteAll();
            firstAdmin.createIfNoUsers();  // back to the configured password the other tests use
        }
    }

    @Test
    void pages_send_visitors_who_are_not_logged_in_to_the_login_view() throws Exception {
        mvc.perform(get("/servers/new"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }
}
