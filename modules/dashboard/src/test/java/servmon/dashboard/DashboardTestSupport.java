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
import servmon.dashboard.notify.TestChannels;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The whole dashboard on the real in-process Kafka broker and the real MariaDB. Every test class extends this
 * one, so they all share one Spring context (and its start-up cost).
 */
@SpringBootTest(properties = {
        "spring.config.name=dashboard",
        "servmon.dashboard.admin-password=" + DashboardTestSupport.ADMIN_PASSWORD,
        "servmon.dashboard.agent-bootstrap=kafka.example.test:9092",
        // the fleet header reads its figures afresh each time, so a test sees the rows it just wrote
        "servmon.dashboard.energy.header-refresh=1ms",
        // alerts (NotificationDeliveryTest) go to TestChannels: soon, and retried quickly
        "servmon.notify.rules.off-for=2s",
        "servmon.notify.rules.cpu-over.above=90",
        "servmon.notify.rules.cpu-over.lasting-for=2s",
        "servmon.notify.check-interval=200ms",
        "servmon.notify.email.from=servmon@servmon.test",
        "servmon.notify.email.to[0]=ops@servmon.test",
        "servmon.notify.delivery.attempts=4",
        "servmon.notify.delivery.first-backoff=100ms",
        "servmon.notify.delivery.max-backoff=400ms",
        "spring.mail.host=127.0.0.1"})
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
        // a list is bound from one property source: the webhook's name goes with its url here
        registry.add("servmon.notify.webhooks[0].name", () -> "ops");
        registry.add("servmon.notify.webhooks[0].url", TestChannels::webhookUrl);
        registry.add("spring.mail.port", TestChannels::smtpPort);
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

    /** A minute of energy as the ingestor rolls it up: the minute bucket and its share of the hour bucket. */
    protected void addEnergyMinute(long serverId, Instant minute, double wh, double estimatedWh) {
        for (String table : new String[] {"metric_rollup_1m", "metric_rollup_1h"}) {
            Instant bucket = minute.truncatedTo(table.endsWith("1m") ? ChronoUnit.MINUTES : ChronoUnit.HOURS);
            jdbc.update("insert into " + table + " (server_id, bucket_start, samples, cpu_min, cpu_sum, cpu_max,"
                            + " power_n, power_sum, users_min, users_sum, users_max, mem_n, mem_sum, energy_wh,"
                            + " estimated_wh) values (?, ?, 1, 0, 0, 0, 1, 60, 0, 0, 0, 0, 0, ?, ?)"
                            + " on duplicate key update energy_wh = energy_wh + values(energy_wh),"
                            + " estimated_wh = estimated_wh + values(estimated_wh)",
                    serverId, utc(bucket), wh, estimatedWh);
        }
    }

    /** A sleep period as the ingestor keeps it; {@code wokeAt} null while the server still sleeps. */
    protected void addSleepPeriod(long serverId, Instant asleepAt, Instant wokeAt, double powerBeforeW,
                                  String powerSource, double asleepW) {
        jdbc.update("insert into sleep_period (server_id, asleep_at, woke_at, power_before_w, power_before_source,"
                        + " asleep_w) values (?, ?, ?, ?, ?, ?)",
                serverId, utc(asleepAt), wokeAt == null ? null : utc(wokeAt), powerBeforeW, powerSource, asleepW);
    }

    protected static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
