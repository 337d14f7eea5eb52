package servmon.dashboard.database;

import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import servmon.embedded.EmbeddedMariaDb;
import servmon.embedded.FreePorts;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseProbeTest {

    private final DatabaseHealth health = new DatabaseHealth();

    @Test
    void a_database_that_refuses_starts_an_outage_with_the_reason_and_one_that_answers_ends_it() throws Exception {
        DataSourceProperties nowhere = dataSource("jdbc:mysql://127.0.0.1:" + FreePorts.find() + "/servmon", "servmon", "x");
        new DatabaseProbe(health, nowhere, properties()).probe();
        assertThat(health.outage()).hasValueSatisfying(o -> assertThat(o.reason()).contains("Connection refused"));

        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        new DatabaseProbe(health, dataSource(db.jdbcUrl(), db.username(), db.password()), properties()).probe();
        assertThat(health.outage()).isEmpty();
    }

    @Test
    void a_login_the_database_refuses_counts_as_unavailable() throws Exception {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        new DatabaseProbe(health, dataSource(db.jdbcUrl(), db.username(), "wrong"), properties()).probe();
        assertThat(health.outage()).hasValueSatisfying(o -> assertThat(o.reason()).contains("Access denied"));
    }

    private static DataSourceProperties dataSource(String url, String user, String password) {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(url);
        properties.setUsername(user);
        properties.setPassword(password);
        return properties;
    }

    private static DatabaseHealthProperties properties() {
        return new DatabaseHealthProperties(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
}
