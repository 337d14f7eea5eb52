package servmon.standalone;

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
                   dashboard   http://localhost:%d
                   log in as   admin (password: SERVMON_ADMIN_PASSWORD, or the one printed at first start)
                   kafka       %s   (agents: ./servmon agent --bootstrap %s --key KEY)
                   data        %s
                   database    %s
                   agent       %s
                   metrics     http://localhost:%d/actuator/prometheus; ingestor, state monitor, wol-service:
                               http://127.0.0.1:%d, :%d, :%d /actuator/prometheus (and /actuator/health)
                 Ctrl-C stops everything.
                ================================================================================
                """.formatted(system.httpPort(), system.kafkaBootstrap(), system.kafkaBootstrap(),
                options.home().toAbsolutePath(), database(system), agent, system.httpPort(), port(system, "servmon-ingestor"),
                port(system, "servmon-state-monitor"), port(system, "servmon-wol-service"));
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
