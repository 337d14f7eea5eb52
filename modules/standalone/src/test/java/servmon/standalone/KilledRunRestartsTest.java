package servmon.standalone;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./servmon run} killed with -9 (the OOM killer, a lost terminal, {@code kill -9}) leaves no database behind,
 * and the next start comes up by itself on the same data. Runs what the launcher runs, ServmonMain in a JVM of its
 * own, from the test's classpath (the jar is only built after the tests).
 */
class KilledRunRestartsTest {

    private static final String ADMIN_PASSWORD = "kill9-admin-secret";
    private static final Pattern DASHBOARD = Pattern.compile("dashboard\\s+http://localhost:(\\d+)");

    @Test
    void kill_9_of_servmon_run_leaves_no_database_and_the_next_start_comes_up(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path home = dir.resolve("home");
        Path dataDir = home.resolve("mariadb/data");

        Process first = run(home, dir.resolve("first.log"));
        try {
            // Killed once the database and the broker are both up and the services start on them (the ingestor's
            // schema migration): a full start would only make this test slower, the database is what is at stake.
            awaitOutput(first, dir.resolve("first.log"), output -> output.contains("FlywayExecutor"));
            assertThat(mariadbdServing(dataDir)).hasSize(1);
        } finally {
            first.destroyForcibly();  // SIGKILL: no shutdown hook, no clean stop of anything
        }
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // the watchdog sees the JVM gone within a second, then gives mariadbd up to 30 s for a clean InnoDB stop
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(mariadbdServing(dataDir)).isEmpty());
        String password = Files.readString(home.resolve("mariadb/servmon.password"));

        Process second = run(home, dir.resolve("second.log"));
        try {
            String output = awaitOutput(second, dir.resolve("second.log"), o -> o.contains("servmon is running"));
            Matcher dashboard = DASHBOARD.matcher(output);
            assertThat(dashboard.find()).as(output).isTrue();
            assertThat(apiStatus(Integer.parseInt(dashboard.group(1)))).isEqualTo(200);
            assertThat(Files.readString(home.resolve("mariadb/servmon.password"))).as("the same data").isEqualTo(password);
        } finally {
            second.destroy();  // SIGTERM, as Ctrl-C: the clean way
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        // stopped with the JVM, with the same 30 s for a clean InnoDB stop
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(mariadbdServing(dataDir)).isEmpty());
    }

    private static Process run(Path home, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "-XX:+UseG1GC",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-Dservmon.wol.loopbackOnly=true",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ServmonMain.class.getName(), "run", "--home", home.toString(), "--http-port", "0", "--kafka-port", "0",
                "--no-agent")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SERVMON_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return builder.start();
    }

    /** Waits until the process's output satisfies {@code ready}; returns that output. */
    private static String awaitOutput(Process process, Path log, Predicate<String> ready) {
        String[] output = new String[1];
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() -> {
            output[0] = Files.readString(log, StandardCharsets.UTF_8);
            if (!process.isAlive()) {
                throw new AssertionError("servmon run exited with " + process.exitValue() + ":\n" + tail(output[0]));
            }
            return ready.test(output[0]);
        });
        return output[0];
    }

    private static int apiStatus(int port) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/servers"))
                .header("Authorization", "Basic " + basic).GET().build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** Every mariadbd on this machine whose data folder is {@code dataDir}. */
    private static List<ProcessHandle> mariadbdServing(Path dataDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd")).orElse(false))
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(arg -> arg.startsWith("--datadir=") && arg.endsWith(dataDir.toString())))
                .toList();
    }

    private static String tail(String output) {
        return output.length() > 6000 ? output.substring(output.length() - 6000) : output;
    }
}
