package servmon.statemonitor;

import servmon.embedded.EmbeddedKafkaBroker;
import servmon.embedded.FreePorts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real broker in a child JVM, so a test can freeze it (SIGSTOP) as a stalled broker host would be, and thaw it.
 * {@link #main} is the child's side.
 */
final class BrokerProcess implements AutoCloseable {

    private static final String READY = "BROKER READY ";

    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static BrokerProcess start(Path dataDir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                BrokerProcess.class.getName(), dataDir.toString(), String.valueOf(FreePorts.find()),
                String.valueOf(FreePorts.find()))
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("broker-process-output").start(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(READY)) {
                        ready.complete(line.substring(READY.length()).trim());
                    }
                }
                ready.completeExceptionally(new IllegalStateException("the broker process ended before it was ready"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        });
        try {
            return new BrokerProcess(process, ready.get(120, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the broker process did not start: " + e.getMessage(), e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Freezes the broker's process: its sockets stay open, nothing answers, as in a long GC or a stalled VM. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed with " + exit);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();  // SIGKILL works on a stopped process too
    }

    /** The child: {@code dataDir clientPort controllerPort}; runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        System.out.println(READY + broker.bootstrapServers());
        Thread.currentThread().join();
    }
}
