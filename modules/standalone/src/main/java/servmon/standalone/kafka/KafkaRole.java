package servmon.standalone.kafka;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import servmon.events.TopicSpec;
import servmon.events.Topics;

import java.util.ArrayList;
import java.util.List;

import static org.apache.kafka.common.acl.AclOperation.ALL;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

/**
 * What each kind of Kafka user may do, and nothing more: the ACLs behind {@code ./servmon run}'s locked broker and
 * the ones {@code deploy/kafka-acls.sh} creates on a cluster of one's own (keep the two in step). A user with no
 * role's ACLs can do nothing at all: the broker runs with {@code allow.everyone.if.no.acl.found=false}.
 */
public enum KafkaRole {

    /** Stores reports, states and wake results; answers enrollments on the agents' control topic. */
    INGESTOR {
        @Override
        void grant(Acls acls) {
            acls.service();
            acls.read(Topics.METRICS, Topics.SERVERS, Topics.SERVER_STATE, Topics.WAKE_RESULTS);
            acls.write(Topics.AGENT_CONTROL);
            // servmon-ingestor, -state, -wakes: the listeners' groups; ingestor-servers reads every partition itself
            acls.group(PatternType.PREFIXED, "servmon-ingestor");
            acls.group(PatternType.LITERAL, "ingestor-servers");
        }
    },
    /** Kafka Streams with exactly-once: its own group, internal topics and transactional ids, all named after it. */
    STATE_MONITOR {
        @Override
        void grant(Acls acls) {
            acls.service();
            acls.read(Topics.SERVERS, Topics.METRICS, Topics.WAKE_COMMANDS, Topics.AGENT_REPLIES,
                    Topics.MONITOR_REROUTED, Topics.MONITOR_TICKS);
            acls.write(Topics.SERVER_STATE, Topics.MONITOR_REROUTED, Topics.MONITOR_TICKS);
            acls.group(PatternType.LITERAL, STREAMS_APPLICATION_ID);
            // the state store's changelog (and any repartition topic) is created and owned by the application
            acls.add(new ResourcePattern(ResourceType.TOPIC, STREAMS_APPLICATION_ID + "-", PatternType.PREFIXED), ALL);
            acls.add(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, STREAMS_APPLICATION_ID, PatternType.PREFIXED),
                    WRITE, DESCRIBE);
        }
    },
    /**
     * Wakes and puts servers to sleep: reads the commands and the fleet, answers with results and orders; its power
     * policies read the reports' load (their own group), read back unsettled wakes, and give commands; it follows the
     * power policies saved in the dashboard.
     */
    WOL_SERVICE {
        @Override
        void grant(Acls acls) {
            acls.service();
            acls.read(Topics.WAKE_COMMANDS, Topics.SLEEP_COMMANDS, Topics.AGENT_REPLIES, Topics.SERVERS,
                    Topics.SERVER_STATE, Topics.METRICS, Topics.WAKE_RESULTS, Topics.POWER_POLICIES);
            acls.write(Topics.WAKE_RESULTS, Topics.AGENT_CONTROL, Topics.WAKE_COMMANDS, Topics.SLEEP_COMMANDS);
            acls.group(PatternType.LITERAL, "servmon-wol-service");
            acls.group(PatternType.LITERAL, "servmon-wol-policy");
        }
    },
    /**
     * Registers and removes servers, asks for wakes and sleeps, and publishes the power policies saved in it; reads
     * everything else (its own policies too) from the database, except what its notifications watch: the states, the
     * wake results and the reports, in their own group.
     */
    DASHBOARD {
        @Override
        void grant(Acls acls) {
            acls.service();
            acls.write(Topics.SERVERS, Topics.WAKE_COMMANDS, Topics.SLEEP_COMMANDS, Topics.POWER_POLICIES);
            acls.read(Topics.SERVER_STATE, Topics.WAKE_RESULTS, Topics.METRICS);
            acls.group(PatternType.LITERAL, "servmon-dashboard-notify");
        }
    },
    /**
     * An agent (or a simulated fleet): sends reports and answers to orders, reads the control topic where its
     * enrollment reply and orders come. Nothing else: not the registry, not the states, not the commands.
     */
    AGENT {
        @Override
        void grant(Acls acls) {
            acls.write(Topics.METRICS, Topics.AGENT_REPLIES);
            acls.read(Topics.AGENT_CONTROL);
        }
    },
    /** Another system that may ask for wakes, as the dashboard's button does, and do nothing else. */
    WAKER {
        @Override
        void grant(Acls acls) {
            acls.write(Topics.WAKE_COMMANDS);
        }
    };

    /** The state monitor's {@code spring.kafka.streams.application-id}: its group and its topics' prefix. */
    public static final String STREAMS_APPLICATION_ID = "servmon-state-monitor";

    abstract void grant(Acls acls);

    /** This role's ACLs for the user {@code user}. */
    public List<AclBinding> aclsFor(String user) {
        Acls acls = new Acls("User:" + user);
        grant(acls);
        return List.copyOf(acls.bindings);
    }

    /** Collects one user's ACL bindings, all ALLOW from any host. */
    static final class Acls {

        private final String principal;
        private final List<AclBinding> bindings = new ArrayList<>();

        private Acls(String principal) {
            this.principal = principal;
        }

        /**
         * What every service needs: to see every servmon topic (Spring's KafkaAdmin checks them at start; seeing a
         * topic is its name and partitions, never its records) and to dead-letter what it refuses. Every topic
         * ending in {@code .dlt} counts, so a dead-letter topic added to {@link Topics#ALL} is covered.
         */
        void service() {
            add(new ResourcePattern(ResourceType.TOPIC, "servmon.", PatternType.PREFIXED), DESCRIBE);
            write(Topics.ALL.stream().filter(topic -> topic.name().endsWith(".dlt")).toArray(TopicSpec[]::new));
        }

        void read(TopicSpec... topics) {
            for (TopicSpec topic : topics) {
                add(topicPattern(topic), READ);
            }
        }

        void write(TopicSpec... topics) {
            for (TopicSpec topic : topics) {
                add(topicPattern(topic), WRITE);
            }
        }

        void group(PatternType patternType, String name) {
            add(new ResourcePattern(ResourceType.GROUP, name, patternType), READ);
        }

        void add(ResourcePattern pattern, AclOperation... operations) {
            for (AclOperation operation : operations) {
                bindings.add(new AclBinding(pattern,
                        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
            }
        }

        private static ResourcePattern topicPattern(TopicSpec topic) {
            return new ResourcePattern(ResourceType.TOPIC, topic.name(), PatternType.LITERAL);
        }
    }
}
