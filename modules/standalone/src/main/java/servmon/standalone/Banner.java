package servmon.standalone;

import servmon.standalone.kafka.KafkaCredentials;
import servmon.standalone.kafka.KafkaRole;

/** What {@code ./servmon run} prints once everything is up: where to go and how to log in. */
final class Banner {

    private Banner() {
    }

    static String ready(Standalone system, StandaloneOptions options) {
        String agent = system.localAgent() == null ? "no local agent (--no-agent)"
                : "this machine reports as '" + system.localAgent().serverName() + "' every "
                  + options.agentInterval().toSeconds() + " s";
        return """

                ================================================================================
                 servmon is running
                   dashboard   http://localhost:%d   %s
                   log in as   admin (password: SERVMON_ADMIN_PASSWORD, or the one printed at first start)
                   kafka       %s   (agents: ./servmon agent --bootstrap %s --key KEY%s)
                   data        %s
                   database    %s
                   agent       %s
                   metrics     http://localhost:%d/actuator/prometheus; ingestor, state monitor, wol-service:
                               http://127.0.0.1:%d, :%d, :%d /actuator/prometheus (and /actuator/health)
                 Ctrl-C stops everything.
                ================================================================================
                """.formatted(system.httpPort(), reach(options), system.kafkaBootstrap(), system.kafkaBootstrap(),
                // the locked broker admits agents with the agents' login only (the file, never its password)
                system.kafkaCredentials() == null ? "" : "\n                               --kafka-config "
                        + system.kafkaCredentials().fileOf(KafkaCredentials.userOf(KafkaRole.AGENT)),
                options.home().toAbsolutePath(), database(system), agent, system.httpPort(), port(system, "servmon-ingestor"),
                port(system, "servmon-state-monitor"), port(system, "servmon-wol-service"));
    }

    /** Where the dashboard can be reached from, and how to change it. */
    static String reach(StandaloneOptions options) {
        return options.httpLoopbackOnly()
                ? "(this machine only; --http-address 0.0.0.0 opens it to the network)"
                : "(listening on " + options.httpAddress() + ": use TLS, see deploy/README.md)";
    }

    private static String database(Standalone system) {
        return system.embeddedDatabase()
                .map(db -> "embedded, locked: user " + db.username() + " on 127.0.0.1:" + db.port()
                        + ", password in " + db.passwordFile())
                .orElse("external: " + system.jdbcUrl());
    }

    private static int port(Standalone system, String application) {
        return system.managementPorts().getOrDefault(application, -1);
    }
}
