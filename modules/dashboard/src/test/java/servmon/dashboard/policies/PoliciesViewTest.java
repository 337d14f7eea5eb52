package servmon.dashboard.policies;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.events.PowerPolicies;
import servmon.store.policy.PolicyVersion;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

@WithMockUser(username = "policy-admin", roles = "ADMIN")
class PoliciesViewTest extends DashboardTestSupport {

    @Test
    void a_refused_save_shows_the_reason_under_the_text_and_stores_nothing() {
        navigate(PoliciesView.class);
        int rows = test(versionsGrid()).size();

        test(yamlArea()).setValue(PoliciesApiTest.TWO_POLICIES.replace("keep-awake: 2", "keep-awake: -1"));
        test(saveButton()).click();

        assertThat(yamlArea().isInvalid()).isTrue();
        assertThat(yamlArea().getErrorMessage()).isEqualTo("policies: policy fleet-saver: keep-awake cannot be negative");
        assertThat(test(versionsGrid()).size()).isEqualTo(rows);
    }

    @Test
    void a_refused_save_is_said_in_korean_with_the_engines_own_reason_inside() {
        UI.getCurrent().setLocale(Locale.KOREAN);
        navigate(PoliciesView.class);

        test(yamlArea()).setValue(PoliciesApiTest.TWO_POLICIES.replace("keep-awake: 2", "keep-awake: -1"));
        test(saveButton()).click();

        assertThat(yamlArea().getErrorMessage())
                .isEqualTo("정책을 읽을 수 없습니다: policies: policy fleet-saver: keep-awake cannot be negative");
        test(yamlArea()).setValue("x".repeat(PowerPolicies.MAX_YAML_CHARS + 1));
        test(saveButton()).click();
        assertThat(yamlArea().getErrorMessage()).isEqualTo("정책이 32,768자보다 깁니다");
    }

    @Test
    void a_valid_save_adds_a_row_with_who_and_which_policies() {
        navigate(PoliciesView.class);
        int rows = test(versionsGrid()).size();

        test(yamlArea()).setValue(PoliciesApiTest.TWO_POLICIES);
        test(saveButton()).click();

        assertThat(yamlArea().isInvalid()).isFalse();
        assertThat(test(versionsGrid()).size()).isEqualTo(rows + 1);
        PolicyVersion newest = test(versionsGrid()).getRow(0);
        assertThat(newest.changedBy()).isEqualTo("policy-admin");
        assertThat(test(versionsGrid()).getCellText(0, 3))
                .isEqualTo("2 policies: fleet-saver (fleet), office-hours (office)");
        // a fresh visit opens with the version in force
        navigate(PoliciesView.class);
        assertThat(yamlArea().getValue()).isEqualTo(PoliciesApiTest.TWO_POLICIES);
    }

    @SuppressWarnings("unchecked")
    private Grid<PolicyVersion> versionsGrid() {
        return find(Grid.class).withId("policy-versions").single();
    }

    private TextArea yamlArea() {
        return find(TextArea.class).withId("policies-yaml").single();
    }

    private Button saveButton() {
        return find(Button.class).withId("save-policies").single();
    }
}
