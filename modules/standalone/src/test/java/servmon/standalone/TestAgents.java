package servmon.standalone;

import servmon.agent.AgentConfig;
import servmon.events.ServerKey;

import java.nio.file.Path;
import java.time.Duration;

/** Agents as the end-to-end tests run them: in-process, with a short interval. */
final class TestAgents {

    private TestAgents() {
    }

    static AgentConfig config(String bootstrap, ServerKey key, Duration interval, Path keyFile) {
        return AgentConfig.of(bootstrap, key, interval, keyFile);
    }
}
