package servmon.dashboard.policies;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import servmon.dashboard.base.ui.Reason;
import servmon.dashboard.servers.EventPublishException;
import servmon.dashboard.servers.ServerEventPublisher;
import servmon.events.PowerPolicies;
import servmon.events.ServmonEvent;
import servmon.events.Topics;
import servmon.events.policy.PolicySettings;
import servmon.events.policy.PowerPolicy;
import servmon.store.policy.PolicyVersion;
import servmon.store.policy.PolicyVersions;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The power policies as edited in the dashboard. A save is checked by parsing it with the wol-service's own parser
 * ({@link PolicySettings#parse}), so what is refused here would be refused there, with the same reason; an accepted
 * one is stored as the next version and published as {@link PowerPolicies} in one step: if Kafka does not take it,
 * nothing is stored (as {@code ServerRegistry} does for servers).
 */
@Service
public class PolicyStore {

    /** How many versions the audit log lists, newest first. */
    static final int HISTORY_LIMIT = 500;

    private static final Logger log = LoggerFactory.getLogger(PolicyStore.class);

    private final PolicyVersions versions;
    private final ServerEventPublisher events;
    private final TransactionTemplate writing;
    private final Clock clock;

    PolicyStore(JdbcClient jdbc, ServerEventPublisher events, PlatformTransactionManager transactions) {
        this.versions = new PolicyVersions(jdbc);
        this.events = events;
        this.writing = new TransactionTemplate(transactions);
        this.clock = Clock.systemUTC();
    }

    /** The version in force, if policies were ever saved here (else the wol-service uses its file or config). */
    public Optional<PolicyVersion> current() {
        return versions.latest();
    }

    /** The audit log: every saved version, newest first. */
    public List<PolicyVersion> versions() {
        return versions.history(HISTORY_LIMIT);
    }

    /**
     * Checks, stores and publishes {@code yaml} as the next version.
     *
     * @throws PolicyRejectedException if the text holds no valid policies (the message says why); nothing is stored
     * @throws EventPublishException   if Kafka did not take them; nothing is stored
     */
    public PolicyVersion save(String yaml, String changedBy) {
        PolicySettings settings = check(yaml);
        try {
            PolicyVersion saved = writing.execute(tx -> {
                PolicyVersion version = versions.append(yaml, changedBy, clock.instant(), summary(settings));
                events.publish(Topics.POWER_POLICIES, PowerPolicies.KEY, new PowerPolicies(ServmonEvent.VERSION,
                        yaml, version.version(), changedBy, version.changedAt()));
                return version;
            });
            log.info("Power policies version {} saved by {}: {}", saved.version(), changedBy, saved.summary());
            return saved;
        } catch (DuplicateKeyException e) {
            throw new PolicyRejectedException(Reason.of("policies.refused.saved-meanwhile"), e);
        }
    }

    /** @return the parsed settings; the text is kept as written, comments included */
    static PolicySettings check(String yaml) {
        if (yaml != null && yaml.length() > PowerPolicies.MAX_YAML_CHARS) {
            throw new PolicyRejectedException(Reason.of("policies.refused.too-long", PowerPolicies.MAX_YAML_CHARS),
                    null);
        }
        try {
            return PolicySettings.parse(yaml);
        } catch (IllegalArgumentException e) {
            // the parser's reason stays in English, in a sentence of the page's language
            throw new PolicyRejectedException(Reason.of("policies.refused.unreadable", e.getMessage()), e);
        }
    }

    /** E.g. "2 policies: fleet-saver (fleet), office-hours (office, dry run)". */
    static String summary(PolicySettings settings) {
        List<PowerPolicy> policies = settings.policies();
        if (policies.isEmpty()) {
            return "no policy";
        }
        return policies.size() + (policies.size() == 1 ? " policy: " : " policies: ") + policies.stream()
                .map(p -> p.name() + " (" + p.group() + (p.dryRun() ? ", dry run" : "") + ")")
                .collect(Collectors.joining(", "));
    }
}
