package servmon.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.ServerKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent's own process at a real pseudo-terminal (util-linux script(1)), where a person types the key: the
 * terminal must not echo it. Skipped, visibly, where script(1) is missing.
 */
class KeyPromptTerminalTest {

    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path dir;

    @Test
    void a_key_typed_at_the_terminal_is_not_echoed_and_no_broker_ends_the_run_with_exit_code_4() throws Exception {
        assumeThat(Files.isExecutable(SCRIPT)).as("util-linux script(1) for a pseudo-terminal").isTrue();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ServerKey key = ServerKey.random();
        String java = ProcessHandle.current().info().command().orElseThrow();
        String agent = shellWords(List.of(java, "-cp", System.getProperty("java.class.path"),
                "servmon.agent.AgentMain", "run", "--bootstrap", "127.0.0.1:" + closedPort, "--broker-timeout", "1s",
                "--key-file", dir.resolve("agent.key").toString()));
        Process process = new ProcessBuilder(SCRIPT.toString(), "-qefc", agent, "/dev/null")
                .redirectErrorStream(true).start();
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().daemon().start(() -> copy(process.getInputStream(), transcript));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> text(transcript).contains(KeyPrompt.PROMPT.strip()));
            OutputStream keyboard = process.getOutputStream();
            keyboard.write((key.value() + "\n").getBytes(StandardCharsets.US_ASCII));
            keyboard.flush();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the agent exits").isTrue();
            reader.join(Duration.ofSeconds(5));
            String seen = text(transcript);
            assertThat(seen).as("the key was read: the agent starts with its short prefix")
                    .contains("servmon agent starting").contains(key.shortPrefix());
            assertThat(seen).as("the terminal did not echo the key").doesNotContain(key.value());
            assertThat(process.exitValue()).as(seen).isEqualTo(AgentCli.EXIT_NO_BROKER);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String shellWords(List<String> words) {
        return words.stream().map(word -> "'" + word.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    private static String text(ByteArrayOutputStream transcript) {
        synchronized (transcript) {
            return transcript.toString(StandardCharsets.UTF_8);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[4096];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
