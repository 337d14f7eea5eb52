package servmon.store.policy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import servmon.store.StoreSliceTest;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy versions on the real schema: each save a new, higher version; the newest in force; all in the log. */
class PolicyVersionsTest extends StoreSliceTest {

    @Autowired JdbcTemplate jdbc;

    @Test
    void everySaveIsANewVersionAndTheNewestIsInForce() {
        PolicyVersions versions = new PolicyVersions(JdbcClient.create(jdbc));
        Instant at = Instant.parse("2026-03-02T08:15:30.123456Z");

        PolicyVersion first = versions.append("servmon.wol.policy.policies: []", "alice", at, "no policy");
        PolicyVersion second = versions.append("servmon:\n  wol: {}", "bob", at.plusSeconds(60), "x".repeat(600));

        assertThat(second.version()).isEqualTo(first.version() + 1);
        assertThat(versions.latest()).contains(second);
        assertThat(versions.history(2)).containsExactly(second, first);
        assertThat(first.changedAt()).isEqualTo(Instant.parse("2026-03-02T08:15:30.123Z"));
        assertThat(second.summary()).hasSize(PolicyVersions.MAX_SUMMARY_CHARS).endsWith("…");
        assertThat(second.yaml()).isEqualTo("servmon:\n  wol: {}");
    }
}
