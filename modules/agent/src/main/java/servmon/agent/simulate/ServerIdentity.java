package servmon.agent.simulate;

import servmon.events.ServerId;
import servmon.events.ServerKey;

import java.util.Objects;

/** Who one virtual server is: the name it reports as its host name, and the key it reports with. */
public record ServerIdentity(String name, ServerKey key) {

    public ServerIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }

    /** The public id it reports under. */
    public ServerId id() {
        return ServerId.of(key);
    }
}
