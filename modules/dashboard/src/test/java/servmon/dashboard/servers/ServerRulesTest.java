package servmon.dashboard.servers;

import org.junit.jupiter.api.Test;
import servmon.dashboard.base.ui.Reason;

import static org.assertj.core.api.Assertions.assertThat;

class ServerRulesTest {

    @Test
    void macs_with_colons_or_dashes_in_any_case_are_normalised_to_lower_case_colons() {
        assertThat(ServerRules.macProblem("AA-bb-CC-dd-EE-0f")).isEmpty();
        assertThat(ServerRules.normaliseMac(" AA-bb-CC-dd-EE-0f ")).isEqualTo("aa:bb:cc:dd:ee:0f");
        assertThat(ServerRules.normaliseMac("aa:bb:cc:dd:ee:ff")).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(ServerRules.normaliseMac("  ")).isNull();
        assertThat(ServerRules.normaliseMac(null)).isNull();
    }

    @Test
    void malformed_macs_are_refused_with_the_expected_format() {
        assertThat(ServerRules.macProblem("aa:bb:cc:dd:ee")).contains(ServerRules.MAC_FORMAT);
        assertThat(ServerRules.macProblem("aa:bb-cc:dd:ee:ff")).as("mixed separators").contains(ServerRules.MAC_FORMAT);
        assertThat(ServerRules.macProblem("gg:bb:cc:dd:ee:ff")).contains(ServerRules.MAC_FORMAT);
        assertThat(ServerRules.macProblem("aabbccddeeff")).contains(ServerRules.MAC_FORMAT);
        assertThat(ServerRules.macProblem(null)).isEmpty();
    }

    @Test
    void names_are_required_and_at_most_100_characters() {
        assertThat(ServerRules.nameProblem(null)).contains(ServerRules.NAME_REQUIRED);
        assertThat(ServerRules.nameProblem(" \t")).contains(ServerRules.NAME_REQUIRED);
        assertThat(ServerRules.nameProblem("x".repeat(100))).isEmpty();
        assertThat(ServerRules.nameProblem(" " + "x".repeat(100) + " ")).as("trimmed first").isEmpty();
        assertThat(ServerRules.nameProblem("x".repeat(101)).map(Reason::english))
                .contains("name must be at most 100 characters (this one has 101)");
    }
}
