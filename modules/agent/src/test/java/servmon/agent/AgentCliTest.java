package servmon.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import servmon.events.ServerKey;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line without a broker: parsing, help, usage errors and their exit codes. */
class AgentCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A command line whose agent must never start: these tests end before a run would. */
    private int execute(String stdin, String... args) {
        AgentCli cli = new AgentCli(config -> {
            throw new AssertionError("no agent should start");
        }, FakeMachine::new, e -> new KeyPrompt(null, new ByteArrayInputStream(stdin.getBytes()), e), false);
        return cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static RunOptions parse(String... args) {
        RunCommand run = new RunCommand(null);
        new CommandLine(run).parseArgs(args);
        return run.options;
    }

    @Test
    void no_arguments_give_the_documented_defaults() throws UsageException {
        RunOptions options = parse();
        AgentConfig config = options.config(ServerKey.random());

        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(options.key).isNull();
        assertThat(config.interval()).isEqualTo(Duration.ofSeconds(8));
        assertThat(config.keyFile()).isEqualTo(AgentConfig.defaultKeyFile());
        assertThat(config.enrollmentWait()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.powerIdleW()).isNull();
        assertThat(config.powerMaxW()).isNull();
        assertThat(config.orders()).isEqualTo(OrderSettings.DEFAULT);
        assertThat(config.power().sysfs()).isEqualTo(Path.of("/sys"));
        assertThat(config.power().ipmitool()).containsExactly("ipmitool");
    }

    @Test
    void interval_takes_seconds_with_or_without_a_unit() throws UsageException {
        ServerKey key = ServerKey.random();
        assertThat(parse("--interval", "8s").config(key).interval()).isEqualTo(Duration.ofSeconds(8));
        assertThat(parse("--interval", "8").config(key).interval()).isEqualTo(Duration.ofSeconds(8));
        assertThat(parse("--interval=1m").config(key).interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(parse("--interval", "2000ms").config(key).interval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void interval_below_one_second_or_not_whole_is_a_usage_error() {
        assertThat(execute("", "--interval", "500ms")).isEqualTo(AgentCli.EXIT_USAGE);
        assertThat(err.toString()).contains("'500ms' is not whole seconds, at least 1 (e.g. 8, 8s, 1m)")
                .contains("Try 'servmon-agent --help'.");
        assertThat(execute("", "run", "--interval", "1.5")).isEqualTo(AgentCli.EXIT_USAGE);
        assertThat(execute("", "run", "--interval", "0")).isEqualTo(AgentCli.EXIT_USAGE);
    }

    @Test
    void every_option_is_read_with_a_space_or_an_equals_sign() throws UsageException {
        RunOptions options = parse("--bootstrap", "k1:9092,k2:9093", "--key=abcdEFGH1234", "--interval", "3",
                "--key-file=/etc/servmon/agent.key", "--power-idle-w", "40.5", "--power-max-w=180", "--enroll-wait",
                "5", "--suspend-command", "/usr/local/bin/nap  --deep", "--poweroff-command=halt",
                "--sleep-even-if-not-armed", "--relay-port", "7", "--sysfs", "/host/sys", "--ipmitool",
                "ipmitool -I open", "--broker-timeout", "30s");
        AgentConfig config = options.config(ServerKey.of("abcdEFGH1234"));

        assertThat(config.bootstrapServers()).isEqualTo("k1:9092,k2:9093");
        assertThat(options.key).isEqualTo("abcdEFGH1234");
        assertThat(config.interval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.keyFile()).isEqualTo(Path.of("/etc/servmon/agent.key"));
        assertThat(config.powerIdleW()).isEqualTo(40.5);
        assertThat(config.powerMaxW()).isEqualTo(180.0);
        assertThat(config.enrollmentWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.orders().suspendCommand()).containsExactly("/usr/local/bin/nap", "--deep");
        assertThat(config.orders().poweroffCommand()).containsExactly("halt");
        assertThat(config.orders().sleepEvenIfNotArmed()).isTrue();
        assertThat(config.orders().relayPort()).isEqualTo(7);
        assertThat(config.power().sysfs()).isEqualTo(Path.of("/host/sys"));
        assertThat(config.power().ipmitool()).containsExactly("ipmitool", "-I", "open");
        assertThat(options.brokerTimeout(true)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void broker_timeout_defaults_to_a_minute_on_a_first_run_and_to_waiting_once_the_key_is_remembered() {
        assertThat(parse().brokerTimeout(false)).isEqualTo(Duration.ofSeconds(60));
        assertThat(parse().brokerTimeout(true)).isZero();
        assertThat(parse("--broker-timeout", "0").brokerTimeout(false)).isZero();
    }

    @Test
    void a_kafka_client_settings_file_is_read_as_kafka_tools_read_it() throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, """
                # written by ./servmon credentials add-agent rack-2
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=SCRAM-SHA-256
                """);

        AgentConfig config = parse("--kafka-config", file.toString()).config(ServerKey.random());

        assertThat(config.kafkaProperties()).containsOnlyKeys("security.protocol", "sasl.mechanism");
        assertThatThrownBy(() -> parse("--kafka-config", dir.resolve("missing").toString())
                .config(ServerKey.random())).isInstanceOf(UsageException.class);
    }

    @Test
    void bad_values_are_refused_with_a_message() {
        assertThatThrownBy(() -> parse("--bootstrap", "kafka.example.com").config(ServerKey.random()))
                .hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> parse("--power-idle-w", "-3").config(ServerKey.random()))
                .hasMessageContaining("--power-idle-w must be a number of watts");
        assertThatThrownBy(() -> parse("--power-idle-w", "100", "--power-max-w", "50").config(ServerKey.random()))
                .hasMessageContaining("must not be below --power-idle-w");
        assertThatThrownBy(() -> parse("--relay-port", "70000").config(ServerKey.random()))
                .hasMessage("--relay-port must be a UDP port, 1 to 65535 (got '70000')");
    }

    @Test
    void unknown_option_is_a_usage_error_with_advice() {
        assertThat(execute("", "--verbose")).isEqualTo(AgentCli.EXIT_USAGE);
        assertThat(err.toString()).contains("servmon-agent: Unknown option: '--verbose'")
                .contains("Try 'servmon-agent --help'.");
    }

    @Test
    void a_bad_bootstrap_is_refused_before_the_key_is_asked_for() {
        assertThat(execute("", "--bootstrap", "kafka.example.com", "--key-file", dir.resolve("k").toString()))
                .isEqualTo(AgentCli.EXIT_USAGE);
        assertThat(err.toString()).contains("--bootstrap wants HOST:PORT").doesNotContain("standard input");
    }

    @Test
    void without_key_terminal_or_piped_key_it_exits_with_the_usage_code_and_advice() {
        int code = execute("", "--key-file", dir.resolve("agent.key").toString());

        assertThat(code).isEqualTo(AgentCli.EXIT_USAGE);
        assertThat(err.toString()).contains("reading the server key from standard input")
                .contains("no server key: standard input was empty and there is no terminal to ask at");
    }

    @Test
    void a_malformed_piped_key_is_refused_without_echoing_it() {
        int code = execute("bad key!\n", "--key-file", dir.resolve("agent.key").toString());

        assertThat(code).isEqualTo(AgentCli.EXIT_USAGE);
        assertThat(err.toString()).contains("is not a server key").doesNotContain("bad key!");
    }

    @Test
    void help_of_every_command_lists_its_options_and_the_exit_codes() {
        for (List<String> help : List.of(List.of("--help"), List.of("run", "--help"), List.of("status", "-h"),
                List.of("simulate", "--help"))) {
            out.getBuffer().setLength(0);
            assertThat(execute("", help.toArray(String[]::new))).as("%s", help).isEqualTo(0);
            assertThat(out.toString()).as("%s", help).contains("--help", "--bootstrap", "Exit codes:");
        }
        execute("", "--help");
        assertThat(out.toString())
                .contains("run", "status", "simulate", "--key", "--key-file", "--interval", "--broker-timeout",
                        "--power-idle-w", "--sysfs", "--ipmitool", "--kafka-config", "--suspend-command")
                .contains("2   bad arguments, or no server key")
                .contains("3   the server refused a key it never accepted")
                .contains("4   no Kafka broker answered within --broker-timeout")
                .contains("5   this server was removed on the dashboard");
        out.getBuffer().setLength(0);
        execute("", "run", "--help");
        assertThat(out.toString()).contains("4   no Kafka broker answered within --broker-timeout")
                .contains("5   this server was removed on the dashboard");
    }
}
