package servmon.standalone.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the SCRAM users of {@link KafkaCredentials} on a broker, with their role's ACLs, through the super user. */
public final class KafkaAccess {

    private static final Logger log = LoggerFactory.getLogger(KafkaAccess.class);
    /** Kafka's own default, as kafka-configs.sh --add-config 'SCRAM-SHA-256=[password=…]' uses. */
    private static final int SCRAM_ITERATIONS = 8192;

    private KafkaAccess() {
    }

    /**
     * Creates (or refreshes) each login's SCRAM user and ACLs, then waits until the broker lets each of them in:
     * users and ACLs reach the broker through its metadata log a moment after the controller accepted them, and a
     * service that started before would fail for good on its first refused request.
     *
     * @param adminProperties bootstrap servers and the super user's login
     */
    public static void grant(Map<String, Object> adminProperties, Collection<KafkaLogin> logins, Duration timeout) {
        if (logins.isEmpty()) {
            return;
        }
        long startedAt = System.nanoTime();
        try (Admin admin = Admin.create(adminProperties)) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            List<AclBinding> acls = new ArrayList<>();
            for (KafkaLogin login : logins) {
                users.add(new UserScramCredentialUpsertion(login.user(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, SCRAM_ITERATIONS), login.password()));
                acls.addAll(login.role().aclsFor(login.user()));
            }
            admin.alterUserScramCredentials(users).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // an ACL that exists already is left as it is
            admin.createAcls(acls).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            awaitKnown(admin, logins, startedAt + timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka users", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the Kafka users and their ACLs: " + e, e);
        }
        Object bootstrap = adminProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        long deadline = startedAt + timeout.toNanos();
        for (KafkaLogin login : logins) {
            awaitAdmitted(bootstrap, login, deadline);
        }
        log.info("Kafka users {} may log in, each with its role's ACLs only ({} ms)",
                logins.stream().map(KafkaLogin::user).toList(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    }

    /** Deletes a user's SCRAM credential and every ACL of its principal. */
    public static void revoke(Map<String, Object> adminProperties, String user, Duration timeout) {
        try (Admin admin = Admin.create(adminProperties)) {
            try {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(user,
                        ScramMechanism.SCRAM_SHA_256))).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ResourceNotFoundException)) {  // no such user: nothing to delete
                    throw e;
                }
            }
            admin.deleteAcls(List.of(new AclBindingFilter(
                    new ResourcePatternFilter(ResourceType.ANY, null, PatternType.ANY),
                    new AccessControlEntryFilter("User:" + user, null, AclOperation.ANY, AclPermissionType.ANY))))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while removing Kafka user " + user, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not remove Kafka user " + user + ": " + e, e);
        }
    }

    /** Until the broker lists every user: a login tried before would fail with an error in the log. */
    private static void awaitKnown(Admin admin, Collection<KafkaLogin> logins, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> users = logins.stream().map(KafkaLogin::user).toList();
        while (!admin.describeUserScramCredentials(users).all().toCompletionStage().handle(
                (described, error) -> error == null && described.keySet().containsAll(users))
                .toCompletableFuture().get(5, TimeUnit.SECONDS)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the broker does not list the users " + users);
            }
            Thread.sleep(50);
        }
    }

    /** Logs in as the user and looks at the first topic its ACLs name, until the broker allows both. */
    private static void awaitAdmitted(Object bootstrap, KafkaLogin login, long deadline) {
        String topic = login.role().aclsFor(login.user()).stream()
                .filter(acl -> acl.pattern().resourceType() == ResourceType.TOPIC
                        && acl.pattern().patternType() == PatternType.LITERAL)
                .map(acl -> acl.pattern().name())
                .findFirst().orElseThrow();
        Map<String, Object> props = new HashMap<>(login.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // the failed tries while the broker takes the new password are expected: LoginProbeLogFilter keeps them quiet
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, LoginProbeLogFilter.CLIENT_ID_PREFIX + login.user());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the broker does not let Kafka user " + login.user()
                                + " see " + topic + ": " + e, e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka user " + login.user(), e);
        }
    }
}
