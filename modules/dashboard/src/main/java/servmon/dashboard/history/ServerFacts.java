package servmon.dashboard.history;

import java.time.Instant;

/**
 * A server as the page's header shows it: who it is, where it is woken, and its state now.
 *
 * @param group      its group (a site or a role), null for none
 * @param stateSince when it entered {@code state}; null if never known
 * @param macKnown   whether a Wake can reach it: the admin gave a MAC, or its agent reported one
 */
record ServerFacts(long id, String name, String mac, String group, String state, Instant stateSince,
                   boolean macKnown) {
}
