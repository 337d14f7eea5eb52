package servmon.dashboard;

import com.vaadin.browserless.SpringBrowserlessTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.embedded.EmbeddedMariaDb;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The whole dashboard on the real in-process Kafka broker and the real MariaDB. Every test class extends this
 * one, so they all share one Spring context (and its start-up cost).
 */
@SpringBootTest(properties = {
        "spring.config.name=dashboard",
        "servmon.dashboard.admin-password=" + DashboardTestSupport.ADMIN_PASSWORD,
        "servmon.dashboard.agent-bootstrap=kafka.example.test:9092"})
@AutoConfigureMockMvc
public abstract class DashboardTestSupport extends SpringBrowserlessTest {

    public static final String ADMIN_PASSWORD = "test-admin-password";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.kafka.bootstrap-servers", () -> EmbeddedKafkaBroker.shared().bootstrapServers());
    }

    @Autowired
    protected JdbcTemplate jdbc;

    protected static String bootstrapServers() {
        return EmbeddedKafkaBroker.shared().bootstrapServers();
    }

    /** A name no other test uses: the tests share one database. */
    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sets a server's state as the ingestor would, from the state monitor's verdict. */
    protected void setState(long serverId, String state, Instant since) {
        jdbc.update("update server_status set state = ?, state_since = ?, updated_at = ? where server_id = ?",
                state, utc(since), utc(since), serverId);
    }

    /** Records a sample as the ingestor would: the sample row and the status' latest figures. */
    protected void addSample(long serverId, Instant at, double cpuPct, Double powerW, int users) {
        jdbc.update("insert into metric_sample (server_id, sampled_at, seq, cpu_pct, power_w, power_source, user_count)"
                        + " values (?, ?, ?, ?, ?, 'ESTIMATE', ?)",
                serverId, utc(at), at.toEpochMilli(), cpuPct, powerW, users);
        jdbc.update("update server_status set state = 'ON', last_seen = ?, last_sampled_at = ?, cpu_pct = ?,"
                        + " power_w = ?, power_source = 'ESTIMATE', user_count = ?, updated_at = ? where server_id = ?",
                utc(at), utc(at), cpuPct, powerW, users, utc(at), serverId);
    }

    protected static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
