package servmon.events.policy;

import org.junit.jupiter.api.Test;
import servmon.events.EventCodec;
import servmon.events.PowerPolicies;
import servmon.events.ServmonEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text of a policy file, as the dashboard checks it and the wol-service runs it: one parser, one format. */
class PolicySettingsParseTest {

    @Test
    void the_example_policy_file_parses_from_its_text_as_from_the_file() throws Exception {
        Path example = Path.of("../../deploy/policies/pool.yml");

        PolicySettings parsed = PolicySettings.parse(Files.readString(example));

        assertThat(parsed).isEqualTo(PolicySettings.read(example));
        assertThat(parsed.policies()).extracting(PowerPolicy::name).containsExactly("fleet-saver", "office-hours");
        assertThat(parsed.policies().getFirst().idleSleep().idleFor()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refusals_say_why() {
        assertThatThrownBy(() -> PolicySettings.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> PolicySettings.parse("servmon: [unclosed")).hasMessageStartingWith(
                "policies is not valid YAML");
        assertThatThrownBy(() -> PolicySettings.parse("other:\n  key: 1")).hasMessage(
                "policies holds nothing under servmon.wol.policy");
        assertThatThrownBy(() -> PolicySettings.parse("""
                servmon.wol.policy.policies:
                  - name: web
                    group: web
                    idle-sleep: {cpu-below-pct: 50, idle-for: 5m, max-per-minute: 1}
                    demand-wake: {avg-cpu-above-pct: 40}
                """)).hasMessageContaining("demand-wake above 40.0 % must be higher than idle-sleep below 50.0 %");
        // the binder resolves no placeholders: policy text cannot read the service's environment
        assertThat(PolicySettings.parse("servmon.wol.policy.policies: [{name: '${user.home}', group: web}]")
                .policies().getFirst().name()).isEqualTo("${user.home}");
    }

    @Test
    void the_event_carries_the_text_unchanged() throws Exception {
        String yaml = "servmon.wol.policy.policies: []\n# a comment\n";
        PowerPolicies event = new PowerPolicies(ServmonEvent.VERSION, yaml, 3, "admin", Instant.now());

        PowerPolicies decoded = EventCodec.decode(EventCodec.encode(event), PowerPolicies.class);

        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.serverId()).isEqualTo(PowerPolicies.KEY);
    }
}
