package servmon.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/** Logs the broker going away and coming back once each, not once per report. */
final class BrokerHealth {

    private static final Logger log = LoggerFactory.getLogger(BrokerHealth.class);

    private final String bootstrapServers;
    private final AtomicBoolean reachable = new AtomicBoolean(true);

    BrokerHealth(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void unreachable(String why) {
        if (reachable.compareAndSet(true, false)) {
            log.warn("Kafka at {} is unreachable ({}): reports are kept and sent when it is back",
                    bootstrapServers, why);
        }
    }

    void reachable(String detail) {
        if (reachable.compareAndSet(false, true)) {
            log.info("Kafka at {} is reachable again{}", bootstrapServers, detail);
        }
    }

    boolean isReachable() {
        return reachable.get();
    }
}
