package servmon.store.history;

import java.time.Instant;

/**
 * One change of a server's state, as the ingestor keeps it in {@code server_state_change}. States are the names the
 * state monitor published (ON, OFF, WAKING, ASLEEP, EMPTY), kept as text so that a state this reader does not know
 * yet still shows.
 *
 * @param from    the state it left; null for the first verdict after the server was registered
 * @param endedAt when the server's next change came, i.e. until when it was {@code to}; null while it still is
 */
public record StateChange(Instant at, String from, String to, Instant endedAt) {
}
