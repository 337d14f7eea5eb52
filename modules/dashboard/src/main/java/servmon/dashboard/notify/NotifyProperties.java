package servmon.dashboard.notify;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which alerts the dashboard raises and where it sends them ({@code servmon.notify.*} in dashboard.yml). SMTP itself
 * is Spring Boot's {@code spring.mail.*}.
 *
 * @param enabled       false: no alert is raised (the page still shows the log)
 * @param rules         what counts as something wrong
 * @param webhooks      each gets every alert as a JSON POST
 * @param email         who gets every alert by e-mail; none: no e-mail
 * @param delivery      how hard a channel is tried
 * @param checkInterval how often servers that went OFF are checked for having stayed OFF long enough
 */
@ConfigurationProperties(prefix = "servmon.notify")
@Validated
public record NotifyProperties(
        boolean enabled,
        @NotNull @Valid Rules rules,
        List<@Valid Webhook> webhooks,
        @NotNull @Valid Email email,
        @NotNull @Valid Delivery delivery,
        @NotNull Duration checkInterval) {

    public NotifyProperties {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        Set<String> names = new HashSet<>();
        for (Webhook webhook : webhooks) {
            // a channel's name is how the log tells deliveries apart, so two webhooks cannot share one
            if (webhook != null && !names.add(webhook.name())) {
                throw new IllegalArgumentException("servmon.notify.webhooks: the name " + webhook.name()
                        + " is used twice; each webhook needs its own");
            }
        }
    }

    /**
     * @param offFor       a server OFF (stopped reporting unexpectedly) this long raises an alert; unset: never.
     *                     ASLEEP is never OFF, so a server put to sleep raises nothing.
     * @param wakeTimedOut a wake that timed out (the server did not come back) raises an alert
     * @param cpuOver      CPU above a percentage for a while; unset: never
     * @param powerOver    power draw above some watts for a while; unset: never
     * @param keyConflict  two agents reporting with one server's key raises an alert
     */
    public record Rules(Duration offFor, boolean wakeTimedOut, @Valid Threshold cpuOver, @Valid Threshold powerOver,
                        boolean keyConflict) {

        public Rules {
            if (offFor != null && offFor.isNegative()) {
                throw new IllegalArgumentException("servmon.notify.rules.off-for cannot be negative (got " + offFor + ")");
            }
            if (cpuOver != null && cpuOver.above() >= 100) {
                throw new IllegalArgumentException(
                        "servmon.notify.rules.cpu-over.above is a percentage below 100 (got " + cpuOver.above() + ")");
            }
        }

        /** Only the CPU and power rules need the agents' reports: the whole fleet's, 10,000 a second at most. */
        public boolean needReports() {
            return cpuOver != null || powerOver != null;
        }
    }

    /** @param above the value that is too high; @param lastingFor how long every sample must stay above it */
    public record Threshold(@Positive double above, @NotNull Duration lastingFor) {
    }

    /** @param name how the log and page name it; @param url an http or https address */
    public record Webhook(@NotBlank String name, @NotNull URI url) {

        public Webhook {
            if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("servmon.notify.webhooks: " + name + "'s url must be http or "
                        + "https (got " + url + ")");
            }
        }
    }

    /** @param from the sender address; @param to the recipients, each alert one message to all */
    public record Email(String from, List<@jakarta.validation.constraints.Email @NotBlank String> to) {

        public Email {
            to = to == null ? List.of() : List.copyOf(to);
            if (!to.isEmpty() && (from == null || from.isBlank())) {
                throw new IllegalArgumentException("servmon.notify.email.from is needed when email.to is set");
            }
        }
    }

    /**
     * @param attempts     tries per alert and channel, the first included; only a failure that may heal (an HTTP
     *                     5xx, a timeout, an unreachable server) is tried again
     * @param firstBackoff the wait before the second try; doubled before each further one
     * @param maxBackoff   the longest wait between two tries
     * @param timeout      how long one try may take
     */
    public record Delivery(@Min(1) @Max(20) int attempts, @NotNull Duration firstBackoff,
                           @NotNull Duration maxBackoff, @NotNull Duration timeout) {
    }
}
