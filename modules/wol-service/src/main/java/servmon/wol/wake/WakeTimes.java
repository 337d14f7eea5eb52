package servmon.wol.wake;

import org.springframework.stereotype.Component;
import servmon.events.ServerId;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each server's last confirmed wake took, from its first packet to its first report: a schedule wakes a
 * server that much ahead of its window.
 */
@Component
public class WakeTimes {

    private final Map<ServerId, Duration> lastWake = new ConcurrentHashMap<>();

    void confirmed(ServerId server, Duration took) {
        if (!took.isNegative()) {
            lastWake.put(server, took);
        }
    }

    public Optional<Duration> of(ServerId server) {
        return Optional.ofNullable(lastWake.get(server));
    }
}
