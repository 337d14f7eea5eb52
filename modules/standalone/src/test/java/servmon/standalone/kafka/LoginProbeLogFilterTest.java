package servmon.standalone.kafka;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.common.utils.internals.LogContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's logback.xml keeps a login probe's expected failures out and lets every other Kafka client's lines
 * through. Logged as the Kafka client logs, through its own {@link LogContext}, which puts the client id in front.
 */
class LoginProbeLogFilterTest {

    @Test
    void a_login_probes_failed_tries_are_not_logged_and_other_clients_failures_are() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.setContext(context);
        logged.start();
        Logger network = context.getLogger(NetworkClient.class);
        network.addAppender(logged);
        try {
            String failure = "Connection to node -1 (localhost/127.0.0.1:9092) failed authentication due to: {}";
            new LogContext("[AdminClient clientId=" + LoginProbeLogFilter.CLIENT_ID_PREFIX + "agent] ")
                    .logger(NetworkClient.class).error(failure, "invalid credentials");
            new LogContext("[AdminClient clientId=adminclient-7] ")
                    .logger(NetworkClient.class).error(failure, "invalid credentials");
        } finally {
            network.detachAppender(logged);
        }

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .startsWith("[AdminClient clientId=adminclient-7]").contains("invalid credentials");
    }
}
