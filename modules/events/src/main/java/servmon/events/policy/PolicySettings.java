package servmon.events.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Settings under {@code servmon.wol.policy}: the power policies and how the engine runs them. The same records bind
 * from the wol-service's configuration and from the policy file of {@code ./servmon simulate-day --policy}, so a
 * policy tried in the simulator is the one deployed, and from the text the dashboard stores and publishes on
 * {@code servmon.power-policies.v1}. In the events module so that the dashboard validates with the very parser the
 * wol-service runs; its Spring Boot dependency is optional there (the agent never parses policies).
 *
 * @param evaluateEvery   how often the engine looks at the fleet
 * @param defaultWakeTime how far ahead of a schedule window a server is woken whose wake was never measured
 * @param orderTimeout    how long an order may take to show in the server's state before it is decided again
 * @param zone            where the schedules' times of day are (an IANA zone, e.g. Europe/Berlin)
 */
@ConfigurationProperties(prefix = "servmon.wol.policy")
public record PolicySettings(Duration evaluateEvery, Duration defaultWakeTime, Duration orderTimeout, String zone,
                             List<PowerPolicy> policies) {

    public static final String PREFIX = "servmon.wol.policy";

    public PolicySettings {
        evaluateEvery = evaluateEvery == null ? Duration.ofSeconds(10) : evaluateEvery;
        defaultWakeTime = defaultWakeTime == null ? Duration.ofMinutes(2) : defaultWakeTime;
        orderTimeout = orderTimeout == null ? Duration.ofMinutes(5) : orderTimeout;
        zone = zone == null || zone.isBlank() ? "UTC" : zone;
        policies = policies == null ? List.of() : List.copyOf(policies);
        if (evaluateEvery.toMillis() < 100 || orderTimeout.isNegative() || defaultWakeTime.isNegative()) {
            throw new IllegalArgumentException("servmon.wol.policy: evaluate-every must be at least 100ms, the other "
                    + "durations not negative");
        }
        ZoneId.of(zone);  // refuses an unknown zone now
        if (policies.stream().map(PowerPolicy::name).distinct().count() != policies.size()) {
            throw new IllegalArgumentException("servmon.wol.policy: two policies have the same name");
        }
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    /**
     * Reads a policy file: YAML with the settings under {@code servmon.wol.policy}, as in the wol-service's
     * configuration, e.g. {@code servmon.wol.policy.policies[0].group: web}.
     *
     * @throws IllegalArgumentException with the reason when the file holds no valid settings
     */
    public static PolicySettings read(Path yaml) throws IOException {
        if (!Files.isReadable(yaml)) {
            throw new IllegalArgumentException("cannot read the policy file " + yaml);
        }
        return bind(yaml.toString(), new FileSystemResource(yaml));
    }

    /**
     * Parses the text of a policy file (as edited in the dashboard and carried by the PowerPolicies event) with the
     * same binder as the configuration, so relaxed names ({@code keep-awake}) and durations ({@code 15m}) read alike.
     *
     * @throws IllegalArgumentException with the reason when the text holds no valid settings
     */
    public static PolicySettings parse(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw new IllegalArgumentException("the policies are empty: write them under " + PREFIX);
        }
        try {
            return bind("policies", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), "policies"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // not reached: the text is in memory
        }
    }

    private static PolicySettings bind(String name, Resource resource) throws IOException {
        List<PropertySource<?>> sources;
        try {
            sources = new YamlPropertySourceLoader().load(name, resource);
        } catch (RuntimeException e) {  // SnakeYAML's own exceptions say the line and column
            throw new IllegalArgumentException(name + " is not valid YAML: " + e.getMessage(), e);
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(sources));
        try {
            return binder.bind(PREFIX, Bindable.of(PolicySettings.class))
                    .orElseThrow(() -> new IllegalArgumentException(name + " holds nothing under " + PREFIX));
        } catch (BindException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalArgumentException(name + ": " + cause.getMessage(), e);
        }
    }
}
