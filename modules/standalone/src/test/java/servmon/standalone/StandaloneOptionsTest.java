package servmon.standalone;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandaloneOptionsTest {

    @Test
    void defaults_are_the_embedded_laptop_setup() {
        StandaloneOptions o = StandaloneOptions.parse(new String[0], Map.of());

        assertThat(o.kafkaPort()).isEqualTo(9092);
        assertThat(o.httpPort()).isEqualTo(8080);
        assertThat(o.localAgent()).isTrue();
        assertThat(o.agentInterval().toSeconds()).isEqualTo(8);
        assertThat(o.home()).isEqualTo(Path.of(System.getProperty("user.home"), ".servmon"));
        assertThat(o.kafkaBootstrap()).isNull();
        assertThat(o.httpAddress()).as("the dashboard answers this machine only").isEqualTo("127.0.0.1");
        assertThat(o.httpLoopbackOnly()).isTrue();
    }

    @Test
    void the_dashboard_is_opened_to_the_network_only_on_purpose() {
        StandaloneOptions flag = StandaloneOptions.parse(new String[]{"--http-address", "0.0.0.0"},
                Map.of("SERVMON_HTTP_ADDRESS", "192.0.2.10"));
        StandaloneOptions env = StandaloneOptions.parse(new String[0], Map.of("SERVMON_HTTP_ADDRESS", "192.0.2.10"));

        assertThat(flag.httpAddress()).isEqualTo("0.0.0.0");
        assertThat(flag.httpLoopbackOnly()).isFalse();
        assertThat(env.httpAddress()).isEqualTo("192.0.2.10");
        assertThat(Banner.reach(flag)).contains("listening on 0.0.0.0").contains("TLS");
        assertThat(Banner.reach(StandaloneOptions.parse(new String[0], Map.of()))).contains("this machine only")
                .contains("--http-address 0.0.0.0");
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[]{"--http-address", " "}, Map.of()))
                .hasMessageContaining("--http-address");
        assertThat(StandaloneOptions.USAGE).contains("--http-address");
    }

    @Test
    void flags_win_over_environment() {
        StandaloneOptions o = StandaloneOptions.parse(
                new String[]{"--home", "/data/sm", "--http-port", "9000", "--no-agent", "--wol-destination", "127.0.0.1:9"},
                Map.of("SERVMON_HOME", "/elsewhere", "SERVMON_HTTP_PORT", "8888"));

        assertThat(o.home()).isEqualTo(Path.of("/data/sm"));
        assertThat(o.httpPort()).isEqualTo(9000);
        assertThat(o.localAgent()).isFalse();
        assertThat(o.wolDestinations()).containsExactly("127.0.0.1:9");
    }

    @Test
    void environment_sets_home_and_ports() {
        StandaloneOptions o = StandaloneOptions.parse(new String[0], Map.of("SERVMON_HOME", "/srv/servmon",
                "SERVMON_KAFKA_PORT", "19092"));

        assertThat(o.home()).isEqualTo(Path.of("/srv/servmon"));
        assertThat(o.kafkaPort()).isEqualTo(19092);
    }

    @Test
    void database_buffer_pool_comes_from_flag_then_environment_then_default() {
        assertThat(StandaloneOptions.parse(new String[0], Map.of()).dbBufferPool()).isEqualTo("512M");
        assertThat(StandaloneOptions.parse(new String[0], Map.of("SERVMON_DB_BUFFER_POOL", "1G")).dbBufferPool())
                .isEqualTo("1G");
        assertThat(StandaloneOptions.parse(new String[]{"--db-buffer-pool", "2G"},
                Map.of("SERVMON_DB_BUFFER_POOL", "1G")).dbBufferPool()).isEqualTo("2G");
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[]{"--db-buffer-pool", "huge"}, Map.of()))
                .hasMessageContaining("huge");
    }

    @Test
    void bad_values_are_refused_with_the_flag_named() {
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[]{"--http-port", "eighty"}, Map.of()))
                .hasMessageContaining("--http-port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[]{"--interval", "0"}, Map.of()))
                .hasMessageContaining("--interval must be at least 1");
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[]{"--frobnicate"}, Map.of()))
                .hasMessageContaining("unknown option --frobnicate");
        assertThatThrownBy(() -> StandaloneOptions.parse(new String[]{"--home"}, Map.of()))
                .hasMessageContaining("--home needs a value");
    }
}
