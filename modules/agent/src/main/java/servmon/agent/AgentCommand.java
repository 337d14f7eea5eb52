package servmon.agent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code servmon-agent [options]}: without a command the agent runs, as {@code servmon-agent run [options]}. */
@Command(name = "servmon-agent", sortOptions = false, usageHelpAutoWidth = true,
        synopsisSubcommandLabel = "[COMMAND]",
        description = {"Reports this machine's CPU, power, users, memory, disk, network and interfaces to servmon's"
                + " Kafka every interval, and carries out its sleep and relay-wake orders. Without a command it"
                + " runs (as 'run'). In a source checkout: ./servmon agent [COMMAND] [options].%n"},
        commandListHeading = "%nCommands:%n")
final class AgentCommand implements Callable<Integer> {

    private final AgentCli cli;

    @Mixin
    RunOptions options;

    @Spec
    CommandSpec spec;

    AgentCommand(AgentCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        return RunCommand.run(cli, options, spec.commandLine());
    }
}
