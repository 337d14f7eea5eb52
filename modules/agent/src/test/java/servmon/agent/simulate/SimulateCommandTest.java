package servmon.agent.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line; runs that would start a fleet are covered by {@link SimulatedFleetTest}. */
class SimulateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return SimulateCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void help_lists_every_option_with_its_default() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("servmon agent simulate", "--servers=N", "--interval=DURATION",
                "--register=NAME-PREFIX", "--keys=FILE", "--api=URL", "--password-env=VAR", "--load=CURVE.csv",
                "--boot-delay=DURATION", "--wol-port=PORT", "--wol-disarmed-every=K", "--bootstrap=HOST:PORT",
                "--kafka-config=FILE",
                "default: 9009", "default: 20s", "default: 127.0.0.1:9092");
    }

    @Test
    void without_servers_or_keys_it_says_what_is_missing() {
        assertThat(run()).isEqualTo(2);

        assertThat(err.toString()).contains("--servers N").contains("--keys FILE");
    }

    @Test
    void a_missing_kafka_settings_file_is_refused_before_anything_starts() {
        assertThat(run("--servers", "2", "--kafka-config", dir.resolve("absent.properties").toString())).isEqualTo(1);

        assertThat(err.toString()).contains("absent.properties");
    }

    @Test
    void a_fractional_interval_is_refused() {
        assertThat(run("--servers", "3", "--interval", "1500ms", "--stats-every", "0s")).isEqualTo(2);

        assertThat(err.toString()).contains("interval must be whole seconds");
    }

    @Test
    void an_unknown_option_is_refused_with_advice() {
        assertThat(run("--servers", "3", "--fleet-size", "9")).isEqualTo(2);

        assertThat(err.toString()).contains("Unknown options: '--fleet-size'").contains("--help");
    }

    @Test
    void a_keys_file_shorter_than_the_fleet_is_refused() throws Exception {
        Path keys = dir.resolve("fleet.keys");
        Files.writeString(keys, "web-1,abcdEFGH1234\nabcdEFGH5678\n");

        assertThat(run("--keys", keys.toString(), "--servers", "3")).isEqualTo(2);

        assertThat(err.toString()).contains("holds 2 keys, fewer than --servers 3");
    }

    @Test
    void register_without_the_password_variable_is_refused_before_any_request() {
        assertThat(run("--register", "rack", "--servers", "2", "--password-env", "SERVMON_TEST_NO_SUCH_VARIABLE",
                "--keys", dir.resolve("rack.keys").toString())).isEqualTo(2);

        assertThat(err.toString()).contains("SERVMON_TEST_NO_SUCH_VARIABLE");
        assertThat(dir.resolve("rack.keys")).doesNotExist();
    }

    @Test
    void durations_read_like_the_help_says() {
        var converter = new SimulateCommand.DurationConverter();

        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("8")).isEqualTo(Duration.ofSeconds(8));
    }
}
