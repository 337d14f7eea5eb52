package servmon.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import servmon.agent.Agent;
import servmon.agent.AgentConfig;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerRegistry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The agent for the machine {@code ./servmon run} runs on: registered under this host's name on first start
 * (through the dashboard, like any server) and reused on later starts.
 */
public final class LocalAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalAgent.class);

    private final Agent agent;
    private final String serverName;

    private LocalAgent(Agent agent, String serverName) {
        this.agent = agent;
        this.serverName = serverName;
    }

    static LocalAgent start(ApplicationContext dashboard, String bootstrap, Map<String, String> kafkaLogin, Path home,
                            Duration interval) {
        ServerRegistry registry = dashboard.getBean(ServerRegistry.class);
        String name = hostName();
        RegisteredServer server = registry.findByName(name).orElseGet(() -> {
            log.info("Registering this machine as '{}'", name);
            return registry.register(name, null);
        });
        // Not agent.key: that is where a second ./servmon agent on this machine keeps its own key by default.
        Agent agent = Agent.start(AgentConfig.of(bootstrap, server.key(), interval, home.resolve("local-agent.key"))
                .withKafkaProperties(kafkaLogin));
        return new LocalAgent(agent, name);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "this-machine");
        }
    }

    public String serverName() {
        return serverName;
    }

    @Override
    public void close() {
        agent.close();
    }
}
