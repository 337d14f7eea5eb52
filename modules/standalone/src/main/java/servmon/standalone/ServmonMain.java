package servmon.standalone;

import servmon.agent.AgentMain;
import servmon.standalone.kafka.CredentialsCommand;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the standalone jar: {@code run} (everything in one JVM), {@code agent} (just the agent) or
 * {@code credentials} (the embedded broker's logins) or {@code simulate-day} (a power policy on a simulated fleet and
 * clock).
 */
public final class ServmonMain {

    private ServmonMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "run" -> run(rest);
            case "agent" -> AgentMain.main(rest);
            case "credentials" -> System.exit(CredentialsCommand.execute(new PrintWriter(System.out, true),
                    new PrintWriter(System.err, true), System.getenv(), rest));
            case "simulate-day" -> System.exit(servmon.standalone.simday.SimulateDayCommand.main(rest));
            default -> {
                System.err.println("unknown command '" + command + "': use run, agent, credentials or simulate-day");
                System.exit(2);
            }
        }
    }

    private static void run(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(StandaloneOptions.USAGE);
            return;
        }
        StandaloneOptions options;
        try {
            options = StandaloneOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("servmon run: " + e.getMessage());
            System.err.println(StandaloneOptions.USAGE);
            System.exit(2);
            return;
        }
        Standalone system = Standalone.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("servmon: stopping...");
            system.close();
            stopped.countDown();
        }, "servmon-shutdown"));
        System.out.println(Banner.ready(system, options));
        stopped.await();
    }
}
