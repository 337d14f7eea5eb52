package servmon.standalone;

import servmon.agent.AgentConfig;
import servmon.events.ServerKey;

import java.nio.file.Path;
import java.time.Duration;

/** Agents as the end-to-end tests run them: in-process, with a short interval. */
final class TestAgents {

    private TestAgents() {
    }

    /** An agent of {@code system}, logged in with the agents' shared login when the broker is the locked one. */
    static AgentConfig config(Standalone system, ServerKey key, Duration interval, Path keyFile) {
        return AgentConfig.of(system.kafkaBootstrap(), key, interval, keyFile)
                .withKafkaProperties(system.agentKafkaProperties());
    }
}
