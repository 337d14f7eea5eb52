package servmon.agent;

import picocli.CommandLine;
import servmon.agent.sampling.OshiSampleSource;
import servmon.agent.sampling.SampleSource;
import servmon.agent.simulate.SimulateCommand;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The agent's command line: {@code run} (also what no command means), {@code status} and {@code simulate}, with
 * what they reach outside the process (the machine, the terminal, the agent itself) passed in, so that tests run
 * the real commands against a fake machine and a key typed or piped as they choose.
 *
 * @param starter      starts an agent with a configuration ({@link Agent#start(AgentConfig)} outside tests)
 * @param machine      samples this machine, for {@code status}
 * @param prompt       asks for the key when none is given or remembered; made per run, with the error stream
 * @param stopOnSignal whether a run stops its agent when the JVM is asked to stop (Ctrl-C, SIGTERM)
 */
record AgentCli(Function<AgentConfig, Agent> starter, Supplier<SampleSource> machine,
                Function<PrintWriter, KeyPrompt> prompt, boolean stopOnSignal) {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_REFUSED = 3;
    static final int EXIT_NO_BROKER = 4;
    static final int EXIT_REMOVED = 5;
    /** In the help of the agent and of run, and in README.md's agent section. */
    static final Map<String, String> EXIT_CODES = exitCodes(
            "0", "stopped (Ctrl-C, systemctl stop), or help printed",
            "1", "an unexpected error (see the log)",
            "2", "bad arguments, or no server key",
            "3", "the server refused a key it never accepted: unknown, or already deleted on the dashboard",
            "4", "no Kafka broker answered within --broker-timeout",
            "5", "this server was removed on the dashboard (deleted, or given a new key) while the agent ran: it"
                    + " deleted its key file; enroll again with a new key");

    /** This process: the real machine, its terminal or standard input, stopped by signals. */
    static AgentCli forThisProcess() {
        return new AgentCli(Agent::start, OshiSampleSource::new, KeyPrompt::forThisProcess, true);
    }

    /** Parses and runs; returns the exit code. */
    int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new AgentCommand(this))
                .addSubcommand("run", new RunCommand(this))
                .addSubcommand("status", new StatusCommand(this))
                .addSubcommand("simulate", new SimulateCommand())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, failed, parsed) -> {
                    failed.getErr().println("servmon-agent: " + e);
                    e.printStackTrace(failed.getErr());
                    return EXIT_FAILED;
                })
                .setParameterExceptionHandler((e, arguments) -> {
                    CommandLine failed = e.getCommandLine();
                    String name = failed.getCommandSpec().qualifiedName();
                    failed.getErr().println(name + ": " + e.getMessage());
                    failed.getErr().println("Try '" + name + " --help'.");
                    return EXIT_USAGE;
                });
        for (CommandLine running : List.of(commandLine, commandLine.getSubcommands().get("run"))) {
            running.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        }
        return commandLine.execute(args);
    }

    private static Map<String, String> exitCodes(String... codesAndMeanings) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (int i = 0; i < codesAndMeanings.length; i += 2) {
            codes.put(codesAndMeanings[i], codesAndMeanings[i + 1]);
        }
        return Collections.unmodifiableMap(codes);
    }
}
