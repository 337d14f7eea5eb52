package servmon.dashboard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The dashboard's settings ({@code servmon.dashboard.*} in dashboard.yml).
 *
 * @param adminPassword   password of the first user, {@code admin}, created when there are no users yet; blank
 *                        means generate one and print it once. Environment: SERVMON_ADMIN_PASSWORD.
 * @param agentBootstrap  the Kafka address agents should use, shown on the Add Server page; blank means
 *                        {@code <this host name>:9092}
 * @param topicReplicas   replication factor of the topics the dashboard creates when they are missing
 * @param refreshInterval how often the pages that poll (history, the database banner) re-read what they show
 * @param publishTimeout  how long to wait for Kafka to acknowledge a registration, removal or wake command
 * @param agentKafkaConfig the agents' Kafka login file (a path) that the Add Server page's command passes with
 *                        {@code --kafka-config}; blank for a broker that needs no login
 */
@ConfigurationProperties(prefix = "servmon.dashboard")
@Validated
public record DashboardProperties(
        String adminPassword,
        String agentBootstrap,
        @Min(1) @Max(32767) int topicReplicas,
        @NotNull Duration refreshInterval,
        @NotNull Duration publishTimeout,
        String agentKafkaConfig) {

    public DashboardProperties {
        if (agentBootstrap == null || agentBootstrap.isBlank()) {
            agentBootstrap = localHostName() + ":9092";
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
