package servmon.standalone.simday;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import servmon.events.policy.PolicySettings;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fleet-day simulator: the goal on the built-in curve, the trade-off on others, the policy file's errors. */
class SimulateDayCommandTest {

    private static final Path REPO = Path.of("..", "..");

    @Test
    void the_default_policy_saves_a_third_of_an_office_day_with_no_unserved_demand() {
        FleetDaySimulator.Result result = run(DemandCurve.officeHours(), SimulateDayCommand.defaultPolicy());

        assertThat(result.savedPct()).isGreaterThanOrEqualTo(35);
        assertThat(result.unservedServerMinutes()).isZero();
        assertThat(result.sleeps()).isPositive();
        assertThat(result.wakes()).as("the morning rise wakes servers").isPositive();
    }

    @Test
    void a_flat_busy_day_leaves_little_to_save_and_a_spiky_one_costs_some_unserved_minutes() throws Exception {
        FleetDaySimulator.Result flat = run(DemandCurve.read(REPO.resolve("bench/curves/flat.csv"), 100),
                SimulateDayCommand.defaultPolicy());
        FleetDaySimulator.Result spiky = run(DemandCurve.read(REPO.resolve("bench/curves/spiky.csv"), 100),
                SimulateDayCommand.defaultPolicy());

        assertThat(flat.savedPct()).isLessThan(10);
        assertThat(spiky.savedPct()).isGreaterThan(flat.savedPct());
        assertThat(spiky.unservedServerMinutes()).as("bursts outrun a 20 s boot").isPositive();
    }

    @Test
    void the_command_prints_the_figures_and_reads_the_policy_file_the_wol_service_reads() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = new CommandLine(new SimulateDayCommand(new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .execute("--servers", "20", "--policy", REPO.resolve("deploy/policies/pool.yml").toString());

        assertThat(exit).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("simulate-day: 20 servers, 1 day(s)", "always on:", "% saved", "unserved demand:");
    }

    @Test
    void a_wrong_policy_file_is_refused_with_its_reason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yml");
        Files.writeString(file, """
                servmon.wol.policy.policies:
                  - name: bad
                    group: web
                    schedule: ["weekdays 08:00-18:00"]
                """);
        assertThatThrownBy(() -> PolicySettings.read(file)).hasMessageContaining("'weekdays' is not a day");
        assertThatThrownBy(() -> PolicySettings.read(dir.resolve("missing.yml")))
                .hasMessageContaining("cannot read the policy file");
    }

    private static FleetDaySimulator.Result run(DemandCurve curve, PolicySettings policy) {
        return FleetDaySimulator.run(new FleetDaySimulator.Config(100, curve, policy, 1, 1, Duration.ofSeconds(20),
                80, 2));
    }
}
