package servmon.agent;

import servmon.agent.simulate.SimulateCommand;
import servmon.events.AgentControl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@code java -jar servmon-agent-all.jar [options]}: the agent as a service on a monitored server;
 * {@code … simulate [options]}: a fleet of virtual servers for tests and benchmarks ({@link SimulateCommand}).
 */
public final class AgentMain {

    static final int EXIT_USAGE = 2;
    static final int EXIT_REFUSED = 3;

    private AgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("simulate")) {
            System.exit(SimulateCommand.execute(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        Path defaultKeyFile = AgentConfig.defaultKeyFile();
        AgentConfig config;
        try {
            AgentArguments arguments = AgentArguments.parse(args, defaultKeyFile);
            if (arguments.help()) {
                System.out.println(AgentArguments.usage(defaultKeyFile));
                return;
            }
            config = new AgentConfig(arguments.bootstrapServers(),
                    KeyResolver.resolve(arguments.key(), arguments.keyFile(), KeyResolver.interactiveConsole()),
                    arguments.interval(), arguments.keyFile(), arguments.enrollWait(), arguments.powerIdleW(),
                    arguments.powerMaxW(), arguments.orders(),
                    arguments.kafkaConfig() == null ? null : KafkaClientSettings.read(arguments.kafkaConfig()));
        } catch (UsageException | IOException e) {
            System.err.println("servmon-agent: " + e.getMessage());
            System.err.println(AgentArguments.usage(defaultKeyFile));
            System.exit(EXIT_USAGE);
            return;
        }

        Agent agent = Agent.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "servmon-agent-shutdown"));
        while (!agent.awaitStopped(Duration.ofHours(1))) {
            // the agent's threads do the work; this one only waits to report how it ended
        }
        AgentControl reply = agent.enrollment().isDone() && !agent.enrollment().isCancelled()
                ? agent.enrollment().join() : null;
        if (reply != null && Boolean.FALSE.equals(reply.accepted())) {
            System.err.println("servmon-agent: the server refused this key: " + Enrollment.messageOf(reply));
            System.exit(EXIT_REFUSED);
        }
    }
}
