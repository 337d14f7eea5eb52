package servmon.store.energy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import servmon.store.StoreSliceTest;
import servmon.store.server.Server;
import servmon.store.server.ServerRepository;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The energy figures on the real schema, with rollups and sleep periods written as the ingestor writes them. */
class EnergyReadsTest extends StoreSliceTest {

    // a day no other test of the shared database writes
    private static final Instant DAY = Instant.parse("2025-03-10T00:00:00Z");

    @Autowired JdbcTemplate jdbc;
    @Autowired ServerRepository servers;

    EnergyReads energy;
    String group;
    long a;
    long b;

    @BeforeEach
    void servers() {
        energy = new EnergyReads(JdbcClient.create(jdbc));
        group = "energy-" + UUID.randomUUID().toString().substring(0, 8);
        a = server(group);
        b = server(group);
    }

    @Test
    void saved_is_the_power_given_up_times_the_time_asleep_inside_the_range() {
        Instant from = at("10:30");
        Instant to = at("12:15");
        Instant now = at("12:00");
        // 102 W before, 2 W asleep, 09:00-13:00: the range cuts 10:30-12:15 out of it, 1.75 h x 100 W
        sleep(a, at("09:00"), at("13:00"), 102.0, "BMC", 2.0);
        // still asleep: counts until now, 11:00-12:00, 1 h x 50 W, from an estimated reading
        sleep(b, at("11:00"), null, 52.0, "ESTIMATE", 2.0);
        sleep(a, at("07:00"), at("08:00"), 500.0, "BMC", 2.0);  // before the range
        sleep(a, at("08:00"), at("10:30"), 500.0, "BMC", 2.0);  // woke as the range begins
        sleep(a, at("12:15"), at("14:00"), 500.0, "BMC", 2.0);  // slept as the range ends
        sleep(b, at("09:00"), at("11:00"), 1.0, "BMC", 2.0);    // drew less than asleep: saves nothing, never less

        EnergyAmount savedA = energy.savedByServer(a, from, to, now);
        EnergyAmount savedB = energy.savedByServer(b, from, to, now);

        assertThat(savedA.wh()).isCloseTo(1.75 * 100, within(1e-6));
        assertThat(savedA.estimatedWh()).isZero();
        assertThat(savedB.wh()).isCloseTo(1.0 * 50, within(1e-6));
        assertThat(savedB.estimatedWh()).isCloseTo(50, within(1e-6));
        assertThat(groupAmount(energy.savedByGroup(from, to, now)))
                .satisfies(total -> {
                    assertThat(total.wh()).isCloseTo(225, within(1e-6));
                    assertThat(total.estimatedWh()).isCloseTo(50, within(1e-6));
                    assertThat(total.estimatedShare()).isCloseTo(50.0 / 225, within(1e-9));
                });
    }

    @Test
    void a_period_without_a_power_reading_saves_nothing_countable() {
        sleep(a, at("09:00"), at("10:00"), null, null, 2.0);

        assertThat(energy.savedByServer(a, DAY, DAY.plus(Duration.ofDays(1)), at("23:00")).wh()).isZero();
    }

    @Test
    void used_is_the_sum_of_the_rollups_over_the_range_to_the_minute() {
        // 1 Wh a minute, a quarter of it estimated, 09:00-13:00, in both tiers as the ingestor keeps them
        minutes(a, at("09:00"), 240, 1.0, 0.25);
        minutes(b, at("09:00"), 240, 2.0, 0.0);
        Instant from = at("10:30");
        Instant to = at("12:15");
        Instant later = at("20:00");

        EnergyAmount usedA = energy.usedByServer(a, from, to, later);

        assertThat(usedA.wh()).isCloseTo(sumOfMinuteRollups(a, from, to), within(1e-6)).isCloseTo(105, within(1e-6));
        assertThat(usedA.estimatedWh()).isCloseTo(105 * 0.25, within(1e-6));
        assertThat(groupAmount(energy.usedByGroup(from, to, later)).wh()).isCloseTo(105 + 210, within(1e-6));
        assertThat(energy.usedByServer(a, at("10:10"), at("10:40"), later).wh())
                .as("inside one hour: minutes only").isCloseTo(30, within(1e-6));
        assertThat(energy.usedByServer(a, at("11:00"), at("13:00"), later).wh())
                .as("whole hours only").isCloseTo(120, within(1e-6));
    }

    @Test
    void a_range_reaching_the_present_counts_what_has_arrived_this_hour() {
        minutes(a, at("09:00"), 200, 1.0, 0.0);  // up to 12:19; the 12:00 hour bucket holds those 20 minutes

        assertThat(energy.usedByServer(a, at("08:00"), at("12:30"), at("12:20")).wh()).isCloseTo(200, within(1e-6));
        assertThat(energy.usedByServer(a, at("08:00"), at("12:20"), at("12:20")).wh()).isCloseTo(200, within(1e-6));
    }

    @Test
    void nothing_of_a_removed_server_counts() {
        minutes(a, at("09:00"), 60, 1.0, 0.0);
        sleep(a, at("10:00"), at("11:00"), 100.0, "BMC", 2.0);
        jdbc.update("delete from server where id = ?", a);  // rollups and periods stay behind, as after V2

        assertThat(energy.usedByServer(a, DAY, at("23:00"), at("23:00")).wh()).isZero();
        assertThat(energy.savedByServer(a, DAY, at("23:00"), at("23:00")).wh()).isZero();
        assertThat(energy.usedByGroup(DAY, at("23:00"), at("23:00"))).noneMatch(g -> group.equals(g.group()));
    }

    @Test
    void power_now_is_the_latest_reading_of_the_servers_that_are_on() {
        status(a, "ON", 80.0, "RAPL");
        status(b, "ON", 40.0, "ESTIMATE");
        status(server(group), "ASLEEP", 90.0, "BMC");  // its last reading, from before it slept

        PowerNow now = energy.powerNowByGroup().stream().filter(g -> group.equals(g.group())).findFirst()
                .orElseThrow();

        assertThat(now.watts()).isEqualTo(120.0);
        assertThat(now.estimatedW()).isEqualTo(40.0);
        assertThat(now.servers()).isEqualTo(2);
    }

    private EnergyAmount groupAmount(List<GroupAmount> groups) {
        return groups.stream().filter(g -> group.equals(g.group())).map(GroupAmount::amount).findFirst()
                .orElse(EnergyAmount.ZERO);
    }

    private double sumOfMinuteRollups(long serverId, Instant from, Instant to) {
        return jdbc.queryForObject("select sum(energy_wh) from metric_rollup_1m where server_id = ?"
                + " and bucket_start >= ? and bucket_start < ?", Double.class, serverId, utc(from), utc(to));
    }

    private long server(String site) {
        String name = ("energy-" + UUID.randomUUID()).substring(0, 30);
        Server server = new Server(name, "signing-secret", name, null, DAY);
        server.setSite(site);
        return servers.saveAndFlush(server).getId();
    }

    /** {@code count} minute buckets of {@code wh} each from {@code start} (on the hour), and their hour buckets. */
    private void minutes(long serverId, Instant start, int count, double wh, double estimatedWh) {
        for (int i = 0; i < count; i++) {
            rollup("metric_rollup_1m", serverId, start.plus(Duration.ofMinutes(i)), wh, estimatedWh);
        }
        for (int hour = 0; hour * 60 < count; hour++) {
            int inHour = Math.min(60, count - hour * 60);
            rollup("metric_rollup_1h", serverId, start.plus(Duration.ofHours(hour)), inHour * wh,
                    inHour * estimatedWh);
        }
    }

    private void rollup(String table, long serverId, Instant bucketStart, double wh, double estimatedWh) {
        jdbc.update("insert into " + table + " (server_id, bucket_start, samples, cpu_min, cpu_sum, cpu_max, power_n,"
                        + " power_min, power_sum, power_max, users_min, users_sum, users_max, mem_n, mem_min, mem_sum,"
                        + " mem_max, energy_wh, estimated_wh) values (?, ?, 1, 0, 0, 0, 1, 60, 60, 60, 0, 0, 0, 0,"
                        + " null, 0, null, ?, ?)",
                serverId, utc(bucketStart), wh, estimatedWh);
    }

    private void sleep(long serverId, Instant asleepAt, Instant wokeAt, Double powerBeforeW, String source,
                       double asleepW) {
        jdbc.update("insert into sleep_period (server_id, asleep_at, woke_at, power_before_w, power_before_source,"
                        + " asleep_w) values (?, ?, ?, ?, ?, ?)",
                serverId, utc(asleepAt), wokeAt == null ? null : utc(wokeAt), powerBeforeW, source, asleepW);
    }

    private void status(long serverId, String state, double powerW, String source) {
        jdbc.update("insert into server_status (server_id, state, power_w, power_source, updated_at)"
                + " values (?, ?, ?, ?, now(3))", serverId, state, powerW, source);
    }

    private static Instant at(String hhmm) {
        return DAY.plus(Duration.between(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.parse(hhmm)));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
