package servmon.dashboard.users;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.security.Roles;
import servmon.store.user.AppUser;
import servmon.store.user.AppUserRepository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every user, a viewer too, changes their own password on the account page, proving they know the current one. */
@WithMockUser(username = AccountViewTest.OWNER, roles = "VIEWER")
class AccountViewTest extends DashboardTestSupport {

    static final String OWNER = "account-owner";
    private static final String CURRENT = "current-password-1";

    @Autowired
    AppUserRepository users;
    @Autowired
    PasswordEncoder passwordEncoder;

    @BeforeEach
    void ownerWithKnownPassword() {
        AppUser owner = users.findByUsername(OWNER).orElseGet(() -> new AppUser(OWNER, "", Roles.VIEWER,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        owner.changePasswordHash(passwordEncoder.encode(CURRENT));
        users.saveAndFlush(owner);
    }

    @Test
    void the_page_says_who_you_are_and_what_your_role_allows() {
        navigate(AccountView.class);

        assertThat(find(Paragraph.class).withId("account-role").single().getText()).isEqualTo("You are "
                + OWNER + ", a viewer: you see everything but change nothing (ask an admin for more).");
    }

    @Test
    void a_viewer_changes_their_own_password() {
        navigate(AccountView.class);

        fill(CURRENT, "brand-new-password", "brand-new-password");

        assertThat(field("current-password").getValue()).as("cleared after success").isEmpty();
        String hash = users.findByUsername(OWNER).orElseThrow().getPasswordHash();
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(passwordEncoder.matches("brand-new-password", hash)).isTrue();
        assertThat(passwordEncoder.matches(CURRENT, hash)).isFalse();
    }

    @Test
    void a_wrong_current_password_a_mismatch_or_a_short_one_is_refused_with_the_reason_on_its_field() {
        navigate(AccountView.class);

        fill("not-the-password", "brand-new-password", "brand-new-password");
        assertThat(field("current-password").isInvalid()).isTrue();
        assertThat(field("current-password").getErrorMessage()).isEqualTo("the current password is not right");

        fill(CURRENT, "brand-new-password", "brand-new-passwort");
        assertThat(field("current-password").isInvalid()).isFalse();
        assertThat(field("repeat-password").getErrorMessage()).isEqualTo("the two new passwords differ");

        fill(CURRENT, "short", "short");
        assertThat(field("new-password").isInvalid()).isTrue();
        assertThat(field("new-password").getErrorMessage())
                .isEqualTo("the new password must have at least 10 characters");

        fill(CURRENT, "p".repeat(73), "p".repeat(73));
        assertThat(field("new-password").getErrorMessage())
                .isEqualTo("the new password must be at most 72 bytes (bcrypt ignores the rest)");

        assertThat(passwordEncoder.matches(CURRENT, users.findByUsername(OWNER).orElseThrow().getPasswordHash()))
                .as("unchanged").isTrue();
    }

    @Test
    void a_refusal_is_said_in_korean_on_its_field_on_a_korean_page() {
        UI.getCurrent().setLocale(Locale.KOREAN);
        navigate(AccountView.class);

        fill("not-the-password", "brand-new-password", "brand-new-password");
        assertThat(field("current-password").getErrorMessage()).isEqualTo("현재 비밀번호가 맞지 않습니다");
        assertThat(field("new-password").isInvalid()).isFalse();

        fill(CURRENT, "short", "short");
        assertThat(field("current-password").isInvalid()).isFalse();
        assertThat(field("new-password").getErrorMessage()).isEqualTo("새 비밀번호는 10자 이상이어야 합니다");

        fill(CURRENT, CURRENT, CURRENT);
        assertThat(field("new-password").getErrorMessage()).isEqualTo("새 비밀번호는 현재 비밀번호와 달라야 합니다");
    }

    private void fill(String current, String next, String repeat) {
        test(field("current-password")).setValue(current);
        test(field("new-password")).setValue(next);
        test(field("repeat-password")).setValue(repeat);
        test(find(Button.class).withId("change-password").single()).click();
    }

    private PasswordField field(String id) {
        return find(PasswordField.class).withId(id).single();
    }
}
