package servmon.agent;

import servmon.agent.power.PowerSensors;
import servmon.events.ServerKey;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How one agent runs. {@link AgentMain} builds it from the command line; the standalone server and tests build
 * it directly.
 *
 * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port]}
 * @param key              the server's key, shown by the dashboard's Add Server page
 * @param interval         reporting interval, whole seconds, at least 1
 * @param keyFile          where the key is remembered once the server accepts it (0600)
 * @param enrollmentWait   how long to wait for the answer to the first report before saying so in the log; the
 *                         agent keeps reporting and listening after that
 * @param powerIdleW       whole-machine idle watts for the power estimate, or null for the SPECpower default
 * @param powerMaxW        whole-machine full-load watts for the power estimate, or null for the SPECpower default
 * @param orders           how sleep and relay-wake orders are carried out; null for {@link OrderSettings#DEFAULT}
 * @param kafkaProperties  more Kafka client settings for the agent's producer and consumer, above all how it logs in
 *                         to a secured broker ({@link KafkaClientSettings}); null for none
 * @param power            where the power readers look (sysfs, ipmitool); null for {@link PowerSensors#DEFAULT}
 * @param spool            where reports wait on disk while Kafka does not take them; null for
 *                         {@link SpoolSettings#DEFAULT} (100 MB beside the key file)
 */
public record AgentConfig(String bootstrapServers, ServerKey key, Duration interval, Path keyFile,
                          Duration enrollmentWait, Double powerIdleW, Double powerMaxW, OrderSettings orders,
                          Map<String, String> kafkaProperties, PowerSensors power, SpoolSettings spool) {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(8);
    public static final Duration DEFAULT_ENROLLMENT_WAIT = Duration.ofSeconds(20);

    public AgentConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is required");
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.toNanosPart() != 0) {
            throw new IllegalArgumentException("interval must be a whole number of seconds, at least 1 (got "
                    + interval + ")");
        }
        enrollmentWait = enrollmentWait == null ? DEFAULT_ENROLLMENT_WAIT : enrollmentWait;
        if (enrollmentWait.isNegative() || enrollmentWait.isZero()) {
            throw new IllegalArgumentException("enrollmentWait must be positive (got " + enrollmentWait + ")");
        }
        orders = orders == null ? OrderSettings.DEFAULT : orders;
        kafkaProperties = kafkaProperties == null ? Map.of() : Map.copyOf(kafkaProperties);
        power = power == null ? PowerSensors.DEFAULT : power;
        spool = spool == null ? SpoolSettings.DEFAULT : spool;
        requireWatts(powerIdleW, "powerIdleW");
        requireWatts(powerMaxW, "powerMaxW");
        if (powerIdleW != null && powerMaxW != null && powerMaxW < powerIdleW) {
            throw new IllegalArgumentException("powerMaxW (" + powerMaxW + ") must not be below powerIdleW ("
                    + powerIdleW + ")");
        }
    }

    /** With the default power readers and spool. */
    public AgentConfig(String bootstrapServers, ServerKey key, Duration interval, Path keyFile,
                       Duration enrollmentWait, Double powerIdleW, Double powerMaxW, OrderSettings orders,
                       Map<String, String> kafkaProperties) {
        this(bootstrapServers, key, interval, keyFile, enrollmentWait, powerIdleW, powerMaxW, orders, kafkaProperties,
                null, null);
    }

    /** Defaults for everything but the essentials: 20 s enrollment wait, SPECpower estimate. */
    public static AgentConfig of(String bootstrapServers, ServerKey key, Duration interval, Path keyFile) {
        return new AgentConfig(bootstrapServers, key, interval, keyFile, DEFAULT_ENROLLMENT_WAIT, null, null, null,
                null, null, null);
    }

    /** This configuration with other order settings. */
    public AgentConfig withOrders(OrderSettings orders) {
        return new AgentConfig(bootstrapServers, key, interval, keyFile, enrollmentWait, powerIdleW, powerMaxW, orders,
                kafkaProperties, power, spool);
    }

    /** This configuration with other Kafka client settings, e.g. the SASL login of a secured broker. */
    public AgentConfig withKafkaProperties(Map<String, String> kafkaProperties) {
        return new AgentConfig(bootstrapServers, key, interval, keyFile, enrollmentWait, powerIdleW, powerMaxW, orders,
                kafkaProperties, power, spool);
    }

    /** This configuration with other places for the power readers to look, e.g. a fake sysfs tree in tests. */
    public AgentConfig withPower(PowerSensors power) {
        return new AgentConfig(bootstrapServers, key, interval, keyFile, enrollmentWait, powerIdleW, powerMaxW, orders,
                kafkaProperties, power, spool);
    }

    /** This configuration with another spool folder or size. */
    public AgentConfig withSpool(SpoolSettings spool) {
        return new AgentConfig(bootstrapServers, key, interval, keyFile, enrollmentWait, powerIdleW, powerMaxW, orders,
                kafkaProperties, power, spool);
    }

    /** The spool's folder: as configured, else beside the key file. */
    public Path spoolDir() {
        return spool.dirFor(keyFile);
    }

    /** {@code $HOME/.servmon/agent.key}; Java's user.home where HOME is not set. */
    public static Path defaultKeyFile() {
        String home = System.getenv("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home, ".servmon",
                "agent.key");
    }

    public int intervalSeconds() {
        return Math.toIntExact(interval.toSeconds());
    }

    private static void requireWatts(Double watts, String name) {
        if (watts != null && !(watts >= 0 && Double.isFinite(watts))) {
            throw new IllegalArgumentException(name + " must be a number of watts, 0 or more (got " + watts + ")");
        }
    }
}
