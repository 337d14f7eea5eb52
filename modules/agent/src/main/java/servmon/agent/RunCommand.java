package servmon.agent;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import servmon.events.AgentControl;
import servmon.events.ServerKey;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code servmon-agent run}: the agent as a service, until stopped or refused. */
@Command(name = "run", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs the agent until stopped: enrolls with the server key on the first report (remembering"
                + " it once accepted), then reports every interval, until stopped or until servmon says this server"
                + " was removed. Also what the command line without a command does."})
final class RunCommand implements Callable<Integer> {

    private final AgentCli cli;

    @Mixin
    RunOptions options;

    @Spec
    CommandSpec spec;

    RunCommand(AgentCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        return run(cli, options, spec.commandLine());
    }

    static int run(AgentCli cli, RunOptions options, CommandLine commandLine) throws InterruptedException {
        PrintWriter err = commandLine.getErr();
        AgentConfig config;
        boolean remembered;
        try {
            options.checkBootstrap();
            remembered = KeyResolver.remembered(options.keyFile).isPresent();
            ServerKey key = KeyResolver.resolve(options.key, options.keyFile, cli.prompt().apply(err));
            config = options.config(key);
        } catch (UsageException e) {
            err.println("servmon-agent: " + e.getMessage());
            err.println("Try 'servmon-agent --help'.");
            return AgentCli.EXIT_USAGE;
        }
        Duration brokerTimeout = options.brokerTimeout(remembered);

        Agent agent = cli.starter().apply(config);
        if (cli.stopOnSignal()) {
            Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "servmon-agent-shutdown"));
        }
        if (!brokerTimeout.isZero() && !agent.awaitBroker(brokerTimeout) && !agent.awaitStopped(Duration.ZERO)) {
            err.println("servmon-agent: no Kafka broker at " + config.bootstrapServers() + " answered within "
                    + brokerTimeout.toSeconds() + " s: check --bootstrap, the firewall and that Kafka runs"
                    + " (--broker-timeout 0 waits for ever)");
            agent.close();
            return AgentCli.EXIT_NO_BROKER;
        }
        while (!agent.awaitStopped(Duration.ofHours(1))) {
            // the agent's threads do the work; this one only waits to report how it ended
        }
        if (agent.removal().isPresent()) {
            err.println("servmon-agent: " + Removal.advice() + ". Add it again on the dashboard's Add Server page and"
                    + " enroll it with the new key.");
            return AgentCli.EXIT_REMOVED;
        }
        AgentControl reply = agent.enrollment().isDone() && !agent.enrollment().isCancelled()
                ? agent.enrollment().join() : null;
        if (reply != null && Boolean.FALSE.equals(reply.accepted())) {
            err.println("servmon-agent: the server refused this key: " + Enrollment.messageOf(reply));
            return AgentCli.EXIT_REFUSED;
        }
        return AgentCli.EXIT_OK;
    }
}
