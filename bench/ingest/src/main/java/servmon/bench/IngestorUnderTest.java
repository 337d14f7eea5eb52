package servmon.bench;

import org.springframework.context.ConfigurableApplicationContext;
import servmon.ingestor.IngestorApplication;

/** The ingestor started the way {@code ./servmon run} starts it: its own Spring context in this JVM. */
final class IngestorUnderTest implements AutoCloseable {

    static final String GROUP = "servmon-ingestor";

    private final ConfigurableApplicationContext context;

    private IngestorUnderTest(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static IngestorUnderTest start(BenchInfrastructure infrastructure) {
        var db = infrastructure.db();
        return new IngestorUnderTest(IngestorApplication.builder()
                .properties("spring.main.banner-mode=off")
                .run("--spring.kafka.bootstrap-servers=" + infrastructure.bootstrapServers(),
                        "--spring.datasource.url=" + db.jdbcUrl(),
                        "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(),
                        // should the ingestor serve actuator over HTTP, keep it off the ports of a running servmon
                        "--server.port=0", "--management.server.port=0"));
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
