package servmon.wol.packet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one send did.
 *
 * @param datagramsSent datagrams handed to the network, over all destinations and rounds
 * @param reached       destinations that took at least one datagram
 * @param failures      destinations that failed, with the reason
 */
public record Delivery(int datagramsSent, List<Destination> reached, Map<Destination, String> failures) {

    public Delivery {
        reached = List.copyOf(reached);
        failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));  // keeps the order they were tried in
    }

    public boolean reachedNone() {
        return reached.isEmpty();
    }
}
