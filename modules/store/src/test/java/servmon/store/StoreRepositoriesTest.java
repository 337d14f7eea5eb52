package servmon.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import servmon.store.history.HistoryReads;
import servmon.store.sample.MetricSample;
import servmon.store.sample.MetricSampleRepository;
import servmon.store.server.Server;
import servmon.store.server.ServerOverview;
import servmon.store.server.ServerRepository;
import servmon.store.server.ServerStatus;
import servmon.store.server.ServerStatusRepository;
import servmon.store.user.AppUser;
import servmon.store.user.AppUserRepository;
import servmon.store.wake.WakeEventRepository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Entities and queries against the real Flyway schema on MariaDB. */
class StoreRepositoriesTest extends StoreSliceTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    @Autowired ServerRepository servers;
    @Autowired ServerStatusRepository statuses;
    @Autowired MetricSampleRepository samples;
    @Autowired WakeEventRepository wakes;
    @Autowired AppUserRepository users;
    @Autowired EntityManager em;
    @Autowired EntityManagerFactory emf;
    @Autowired JdbcTemplate jdbc;

    private static final String SECRET = "kG9b3oN0ZpQeW8xY1vT2uR4sA6dF5hJ7lK3mN9bV0cX";

    @Test
    void server_and_status_round_trip_with_utc_times() {
        Server saved = servers.saveAndFlush(new Server("srv-0123456789abcdef0123", SECRET, "web-1", "aa:bb:cc:dd:ee:ff", T0));
        statuses.saveAndFlush(ServerStatus.empty(saved.getId(), T0));
        em.clear();

        Server loaded = servers.findByName("web-1").orElseThrow();
        assertThat(loaded.getPublicId()).isEqualTo("srv-0123456789abcdef0123");
        assertThat(loaded.getSigningSecret()).isEqualTo(SECRET);
        assertThat(loaded.getMac()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(loaded.getCreatedAt()).isEqualTo(T0);
        // what a JDBC writer (the ingestor) or an operator with the mysql client sees: UTC wall-clock time
        assertThat(jdbc.queryForObject("select date_format(created_at, '%Y-%m-%d %H:%i:%s.%f') from server where id = ?",
                String.class, saved.getId())).isEqualTo("2026-01-02 03:04:05.678000");
        ServerStatus status = statuses.findById(saved.getId()).orElseThrow();
        assertThat(status.getState()).isEqualTo("EMPTY");
        assertThat(status.getStateSince()).isEqualTo(T0);
        assertThat(servers.existsByName("web-1")).isTrue();
        assertThat(servers.findByPublicId("srv-0123456789abcdef0123")).isPresent();
    }

    @Test
    void server_table_keeps_no_key_only_its_public_id_and_signing_secret() {
        assertThat(jdbc.queryForList("select column_name from information_schema.columns"
                + " where table_schema = database() and table_name = 'server'", String.class))
                .contains("public_id", "signing_secret").doesNotContain("server_key");
    }

    @Test
    void overviews_load_every_server_with_its_status_in_one_query() {
        long off = server("b-off");
        long empty = server("c-never-reported");
        long withoutStatusRow = server("a-no-status-row");
        statuses.save(ServerStatus.empty(empty, T0));
        ServerStatus offStatus = ServerStatus.empty(off, T0);
        offStatus.recordSample(T0, 42.5, 61.0, "ESTIMATE", 3, T0.plusSeconds(1));
        offStatus.changeState("OFF", T0.plusSeconds(30), T0.plusSeconds(30));
        statuses.save(offStatus);
        em.flush();
        em.clear();
        Statistics stats = emf.unwrap(SessionFactory.class).getStatistics();
        stats.clear();

        List<ServerOverview> overviews = servers.findAllOverviews();

        assertThat(stats.getPrepareStatementCount()).isEqualTo(1);
        assertThat(overviews).extracting(ServerOverview::name)
                .containsExactly("a-no-status-row", "b-off", "c-never-reported");
        assertThat(overviews.get(0).state()).isEqualTo("EMPTY");
        assertThat(overviews.get(0).id()).isEqualTo(withoutStatusRow);
        ServerOverview offOverview = overviews.get(1);
        assertThat(offOverview.state()).isEqualTo("OFF");
        assertThat(offOverview.stateSince()).isEqualTo(T0.plusSeconds(30));
        assertThat(offOverview.lastSeen()).isEqualTo(T0.plusSeconds(1));
        assertThat(offOverview.lastSampledAt()).isEqualTo(T0);
        assertThat(offOverview.cpuPct()).isEqualTo(42.5);
        assertThat(offOverview.powerW()).isEqualTo(61.0);
        assertThat(offOverview.powerSource()).isEqualTo("ESTIMATE");
        assertThat(offOverview.userCount()).isEqualTo(3);
        assertThat(overviews.get(2).state()).isEqualTo("EMPTY");
        assertThat(overviews.get(2).cpuPct()).isNull();
        assertThat(servers.findOverview(off)).contains(offOverview);
    }

    @Test
    void last_30_samples_are_the_newest_newest_first() {
        long id = server("history");
        insertSamples(id, 35);

        List<MetricSample> last = samples.findTop30ByIdServerIdOrderByIdSampledAtDesc(id);

        assertThat(last).hasSize(30);
        assertThat(last.getFirst().getSampledAt()).isEqualTo(T0.plusSeconds(8 * 34));
        assertThat(last.getFirst().getSeq()).isEqualTo(34);
        assertThat(last.getFirst().getCpuPct()).isEqualTo(34.0);
        assertThat(last.getLast().getSampledAt()).isEqualTo(T0.plusSeconds(8 * 5));
    }

    @Test
    void fleet_pages_by_id_after_a_cursor() {
        long first = server("page-a");
        long second = server("page-b");
        long third = server("page-c");

        assertThat(servers.findOverviewsAfter(first, 2)).extracting(ServerOverview::id).containsExactly(second, third);
        assertThat(servers.findOverviewsAfter(third, 10)).extracting(ServerOverview::id).doesNotContain(first, second, third);
    }

    @Test
    void a_deleted_server_disappears_with_its_history_and_wakes() {
        long id = server("doomed");
        statuses.saveAndFlush(ServerStatus.empty(id, T0));
        insertSamples(id, 3);
        jdbc.update("insert into wake_event (command_id, status, server_id, packets_sent, at) values (?, 'SENT', ?, 3, ?)",
                "cmd-1", id, Timestamp.valueOf(LocalDateTime.ofInstant(T0, ZoneOffset.UTC)));
        assertThat(wakes.findTop20ByServerIdOrderByAtDesc(id)).singleElement()
                .satisfies(wake -> {
                    assertThat(wake.getCommandId()).isEqualTo("cmd-1");
                    assertThat(wake.getStatus()).isEqualTo("SENT");
                    assertThat(wake.getAt()).isEqualTo(T0);
                });
        HistoryReads history = new HistoryReads(JdbcClient.create(jdbc));
        assertThat(history.newest(id, 10)).hasSize(3);

        assertThat(servers.deleteServer(id)).isEqualTo(1);

        assertThat(servers.findById(id)).isEmpty();
        assertThat(servers.findOverview(id)).isEmpty();
        // samples and status have no foreign key since V2: left to retention, and no read shows them
        assertThat(history.newest(id, 10)).isEmpty();
        assertThat(history.newestSampledAt(id)).isEmpty();
        assertThat(wakes.findByIdCommandId("cmd-1")).isEmpty();
        assertThat(servers.deleteServer(id)).isZero();
    }

    @Test
    void users_are_found_by_username() {
        users.saveAndFlush(new AppUser("admin", "{bcrypt}$2a$10$abcdefghijklmnopqrstuv", "ADMIN", T0));
        em.clear();

        assertThat(users.findByUsername("admin")).hasValueSatisfying(user -> {
            assertThat(user.getRole()).isEqualTo("ADMIN");
            assertThat(user.getPasswordHash()).startsWith("{bcrypt}");
            assertThat(user.getCreatedAt()).isEqualTo(T0);
        });
        assertThat(users.findByUsername("nobody")).isEmpty();
    }

    private long server(String name) {
        return servers.saveAndFlush(new Server("id-" + name + "-0000000", SECRET, name, null, T0)).getId();
    }

    /** As the ingestor writes them: plain JDBC, one sample every 8 s from T0, seq and CPU % = index. */
    private void insertSamples(long serverId, int count) {
        jdbc.batchUpdate("insert into metric_sample (server_id, sampled_at, seq, cpu_pct, power_w, power_source, user_count)"
                        + " values (?, ?, ?, ?, ?, 'ESTIMATE', ?)",
                java.util.stream.IntStream.range(0, count).mapToObj(i -> new Object[]{
                        serverId,
                        Timestamp.valueOf(LocalDateTime.ofInstant(T0.plus(8L * i, ChronoUnit.SECONDS), ZoneOffset.UTC)),
                        i, (double) i, 50.0 + i, i % 4}).toList());
    }
}
