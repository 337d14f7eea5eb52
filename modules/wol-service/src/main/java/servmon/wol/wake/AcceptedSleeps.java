package servmon.wol.wake;

import org.springframework.stereotype.Component;
import servmon.events.ServerId;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sleep orders agents accepted, as this service heard them from the agents. The server-state topic says ASLEEP
 * only once the state monitor has caught up with the agents' replies, which under load can be seconds later: a wake
 * that comes in between must not be refused because the last state read was still ON.
 */
@Component
public class AcceptedSleeps {

    /** When this service read each acceptance, on its own clock: the states' "since" come from the same fleet of clocks. */
    private final Map<ServerId, Instant> heardAt = new ConcurrentHashMap<>();
    private final Clock clock;

    AcceptedSleeps(Clock clock) {
        this.clock = clock;
    }

    public void accepted(ServerId server) {
        heardAt.put(server, clock.instant());
    }

    /** Whether the server accepted a sleep order after it went to the state that began at {@code since}. */
    boolean sleptAfter(ServerId server, Instant since) {
        Instant at = heardAt.get(server);
        return at != null && since != null && at.isAfter(since);
    }

    /** Its wake went out: the next ON state is newer than anything remembered here. */
    void forget(ServerId server) {
        heardAt.remove(server);
    }
}
