package servmon.standalone.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps the login probes of {@link KafkaAccess} out of the console. On a first start the broker accepts a new user's
 * password a moment after it lists the user, so the first tries of a probe fail, and the Kafka client logs each
 * failure as an ERROR: alarming, and expected. The probe itself reports a login that never works (its deadline ends
 * in an exception with the broker's answer); every other client's lines pass untouched.
 */
public final class LoginProbeLogFilter extends TurboFilter {

    /** The client id of every probe; the Kafka client starts each of its log lines with it. */
    static final String CLIENT_ID_PREFIX = "servmon-login-probe-";
    private static final String TAGGED = "clientId=" + CLIENT_ID_PREFIX;

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        boolean probe = format != null && logger.getName().startsWith("org.apache.kafka.")
                && format.startsWith("[") && format.contains(TAGGED);
        return probe ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
