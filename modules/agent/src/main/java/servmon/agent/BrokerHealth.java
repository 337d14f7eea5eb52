package servmon.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Logs the broker going away and coming back once each, not once per report. */
final class BrokerHealth {

    private static final Logger log = LoggerFactory.getLogger(BrokerHealth.class);

    private final String bootstrapServers;
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    /** Open once a broker has answered this process at least once (the command line's --broker-timeout). */
    private final CountDownLatch answered = new CountDownLatch(1);

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
        answered.countDown();
        if (reachable.compareAndSet(false, true)) {
            log.info("Kafka at {} is reachable again{}", bootstrapServers, detail);
        }
    }

    /** @return true once a broker has answered, false when none did within the timeout */
    boolean awaitFirstAnswer(Duration timeout) throws InterruptedException {
        return answered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isReachable() {
        return reachable.get();
    }
}
