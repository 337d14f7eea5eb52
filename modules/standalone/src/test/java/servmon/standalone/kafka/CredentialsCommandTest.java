package servmon.standalone.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.embedded.FreePorts;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code ./servmon credentials} while no broker runs: logins are kept for the next start, never half-removed. */
class CredentialsCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final String nobody = "127.0.0.1:" + FreePorts.find();

    private int run(String... args) {
        return CredentialsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("SERVMON_HOME", home.toString()), args);
    }

    @Test
    void a_waker_added_while_servmon_is_stopped_is_kept_for_its_next_start() throws Exception {
        assertThat(run("add-waker", "nightly", "--kafka", nobody)).isZero();

        Path file = home.resolve(KafkaCredentials.FOLDER).resolve("waker-nightly.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(out.toString()).contains("it works from the next ./servmon run")
                .contains("sasl.mechanism=SCRAM-SHA-256").contains("username=\"waker-nightly\"");
        // what LockedKafka.start creates on the broker
        assertThat(KafkaCredentials.open(home.resolve(KafkaCredentials.FOLDER)).logins())
                .extracting(KafkaLogin::user, KafkaLogin::role)
                .contains(tuple("waker-nightly", KafkaRole.WAKER));
    }

    @Test
    void list_shows_users_and_roles_but_no_password() {
        assertThat(run("add-agent", "rack-2", "--kafka", nobody)).isZero();
        String password = KafkaCredentials.open(home.resolve(KafkaCredentials.FOLDER)).logins().stream()
                .filter(login -> login.user().equals("agent-rack-2")).findFirst().orElseThrow().password();
        out.getBuffer().setLength(0);

        assertThat(run("list")).isZero();

        assertThat(out.toString()).contains("agent-rack-2", "agent ", "ingestor", "state-monitor", "wol-service",
                "dashboard", "super user").doesNotContain(password);
    }

    @Test
    void a_bad_or_taken_name_is_refused() {
        assertThat(run("add-waker", "Bad Name", "--kafka", nobody)).isEqualTo(2);
        assertThat(err.toString()).contains("lower-case");
        assertThat(run("add-waker", "ci", "--kafka", nobody)).isZero();
        assertThat(run("add-waker", "ci", "--kafka", nobody)).isEqualTo(2);
        assertThat(err.toString()).contains("waker-ci exists already");
    }

    @Test
    void removing_needs_the_running_broker_so_that_the_login_does_not_live_on_there() {
        assertThat(run("add-waker", "ci", "--kafka", nobody)).isZero();

        assertThat(run("remove", "waker-ci", "--kafka", nobody)).isEqualTo(1);

        assertThat(err.toString()).contains("no broker answers");
        assertThat(home.resolve(KafkaCredentials.FOLDER).resolve("waker-ci.properties")).exists();
        assertThat(run("remove", "ingestor", "--kafka", nobody)).isEqualTo(2);
    }
}
