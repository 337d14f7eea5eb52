package servmon.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentArgumentsTest {

    private static final Path DEFAULT_KEY_FILE = Path.of("/home/ops/.servmon/agent.key");

    private static AgentArguments parse(String... args) throws UsageException {
        return AgentArguments.parse(args, DEFAULT_KEY_FILE);
    }

    @Test
    void no_arguments_give_the_documented_defaults() throws UsageException {
        AgentArguments arguments = parse();

        assertThat(arguments.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(arguments.key()).isNull();
        assertThat(arguments.intervalS()).isEqualTo(8);
        assertThat(arguments.keyFile()).isEqualTo(DEFAULT_KEY_FILE);
        assertThat(arguments.enrollWaitS()).isEqualTo(20);
        assertThat(arguments.powerIdleW()).isNull();
        assertThat(arguments.powerMaxW()).isNull();
        assertThat(arguments.help()).isFalse();
    }

    @Test
    void every_option_is_read_with_a_space_or_an_equals_sign() throws UsageException {
        AgentArguments arguments = parse("--bootstrap", "k1:9092,k2:9093", "--key=abcdEFGH1234",
                "--interval", "3", "--key-file=/etc/servmon/agent.key", "--power-idle-w", "40.5",
                "--power-max-w=180", "--enroll-wait", "5");

        assertThat(arguments.bootstrapServers()).isEqualTo("k1:9092,k2:9093");
        assertThat(arguments.key()).isEqualTo("abcdEFGH1234");
        assertThat(arguments.intervalS()).isEqualTo(3);
        assertThat(arguments.keyFile()).isEqualTo(Path.of("/etc/servmon/agent.key"));
        assertThat(arguments.powerIdleW()).isEqualTo(40.5);
        assertThat(arguments.powerMaxW()).isEqualTo(180.0);
        assertThat(arguments.enrollWaitS()).isEqualTo(5);
    }

    @Test
    void a_kafka_client_settings_file_is_taken_and_read_as_kafka_tools_read_it(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, """
                # written by ./servmon credentials add-agent rack-2
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=SCRAM-SHA-256
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="agent-rack-2" password="s3cret";
                """);

        AgentArguments arguments = parse("--kafka-config", file.toString());

        assertThat(arguments.kafkaConfig()).isEqualTo(file);
        assertThat(parse().kafkaConfig()).isNull();
        assertThat(KafkaClientSettings.read(file)).containsOnlyKeys("security.protocol", "sasl.mechanism",
                "sasl.jaas.config").containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram"
                + ".ScramLoginModule required username=\"agent-rack-2\" password=\"s3cret\";");
    }

    @Test
    void interval_below_one_second_is_refused_with_a_message() {
        assertThatThrownBy(() -> parse("--interval", "0"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--interval must be a whole number of seconds, at least 1 (got '0')");
    }

    @Test
    void interval_that_is_not_a_whole_number_is_refused_with_a_message() {
        assertThatThrownBy(() -> parse("--interval=1.5"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--interval must be a whole number of seconds, at least 1 (got '1.5')");
    }

    @Test
    void unknown_option_is_refused_by_name() {
        assertThatThrownBy(() -> parse("--verbose"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--verbose'");
    }

    @Test
    void option_without_its_value_is_refused() {
        assertThatThrownBy(() -> parse("--key"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--key needs a value");
    }

    @Test
    void bootstrap_without_a_port_is_refused() {
        assertThatThrownBy(() -> parse("--bootstrap", "kafka.example.com"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("HOST:PORT");
    }

    @Test
    void negative_or_inverted_power_figures_are_refused() {
        assertThatThrownBy(() -> parse("--power-idle-w", "-3"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--power-idle-w must be a number of watts");
        assertThatThrownBy(() -> parse("--power-idle-w", "100", "--power-max-w", "50"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("must not be below --power-idle-w");
    }

    @Test
    void help_is_recognised_and_usage_lists_every_option() throws UsageException {
        assertThat(parse("--help").help()).isTrue();
        assertThat(AgentArguments.usage(DEFAULT_KEY_FILE))
                .contains("--bootstrap", "--key ", "--key-file", "--interval", "--power-idle-w", "--power-max-w",
                        "--enroll-wait", "--help", DEFAULT_KEY_FILE.toString());
    }

    @Test
    void sleep_and_relay_options_are_read_and_default_to_systemctl() throws UsageException {
        assertThat(parse().orders()).isEqualTo(OrderSettings.DEFAULT);
        assertThat(OrderSettings.DEFAULT.suspendCommand()).containsExactly("systemctl", "suspend");
        assertThat(OrderSettings.DEFAULT.poweroffCommand()).containsExactly("systemctl", "poweroff");

        AgentArguments arguments = parse("--suspend-command", "/usr/local/bin/nap  --deep", "--poweroff-command=halt",
                "--sleep-even-if-not-armed", "--relay-port", "7", "--interval", "2");

        assertThat(arguments.orders().suspendCommand()).containsExactly("/usr/local/bin/nap", "--deep");
        assertThat(arguments.orders().poweroffCommand()).containsExactly("halt");
        assertThat(arguments.orders().sleepEvenIfNotArmed()).isTrue();
        assertThat(arguments.orders().relayPort()).isEqualTo(7);
        assertThat(arguments.intervalS()).isEqualTo(2);
    }

    @Test
    void relay_port_out_of_range_is_refused_with_a_message() {
        assertThatThrownBy(() -> parse("--relay-port", "70000"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--relay-port must be a UDP port, 1 to 65535 (got '70000')");
    }
}
