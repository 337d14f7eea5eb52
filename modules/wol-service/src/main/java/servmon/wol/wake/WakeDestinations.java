package servmon.wol.wake;

import org.springframework.stereotype.Component;
import servmon.wol.WolProperties;
import servmon.wol.packet.Destination;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The configured destinations, plus the subnet broadcast the agent reported when that is enabled and new. */
@Component
class WakeDestinations {

    // A literal only: a value reported by an agent must never make this service resolve a name.
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private final List<Destination> configured;
    private final boolean useReportedBroadcast;

    WakeDestinations(WolProperties properties) {
        this.configured = List.copyOf(properties.destinations());
        this.useReportedBroadcast = properties.useReportedBroadcast();
    }

    /** @param reportedBroadcast the broadcast address of the woken interface as the agent reported it, or null */
    List<Destination> forTarget(String reportedBroadcast) {
        if (!useReportedBroadcast || reportedBroadcast == null || !IPV4.matcher(reportedBroadcast).matches()) {
            return configured;
        }
        Destination reported = new Destination(reportedBroadcast, Destination.DISCARD_PORT);
        if (configured.contains(reported)) {
            return configured;
        }
        List<Destination> all = new ArrayList<>(configured);
        all.add(reported);
        return List.copyOf(all);
    }
}
