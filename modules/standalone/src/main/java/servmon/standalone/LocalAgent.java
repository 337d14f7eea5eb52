package servmon.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import servmon.agent.Agent;
import servmon.agent.AgentConfig;
import servmon.agent.KeyFile;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerRegistry;
import servmon.events.ServerId;
import servmon.events.ServerKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The agent for the machine {@code ./servmon run} runs on: registered under this host's name on first start
 * (through the dashboard, like any server) and reused on later starts. The database does not keep keys, so the key is
 * kept in the agent's key file (0600) under the data folder; if that file is lost, the server gets a new key.
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
        // Not agent.key: that is where a second ./servmon agent on this machine keeps its own key by default.
        Path keyFile = home.resolve("local-agent.key");
        ServerKey key = keyOf(registry, name, keyFile);
        Agent agent = Agent.start(AgentConfig.of(bootstrap, key, interval, keyFile).withKafkaProperties(kafkaLogin));
        return new LocalAgent(agent, name);
    }

    /** The key this machine's server reports with: the saved one if it is still the registered one, else a new one. */
    private static ServerKey keyOf(ServerRegistry registry, String name, Path keyFile) {
        Optional<ServerKey> saved = savedKey(keyFile);
        Optional<RegisteredServer> registered = registry.findByName(name);
        RegisteredServer server;
        if (registered.isEmpty()) {
            log.info("Registering this machine as '{}'", name);
            server = registry.register(name, null);
        } else if (saved.isPresent() && ServerId.of(saved.get()).equals(registered.get().serverId())) {
            return saved.get();
        } else {
            log.warn("The key of '{}' is not in {}: giving the server a new key", name, keyFile);
            server = registry.replaceKey(registered.get().id());
        }
        try {
            KeyFile.save(keyFile, server.key());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the local agent's key to " + keyFile, e);
        }
        return server.key();
    }

    private static Optional<ServerKey> savedKey(Path keyFile) {
        try {
            return KeyFile.read(keyFile);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Cannot read the local agent's key from {}: {}", keyFile, e.toString());
            return Optional.empty();
        }
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
