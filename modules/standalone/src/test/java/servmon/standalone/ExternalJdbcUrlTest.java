package servmon.standalone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalJdbcUrlTest {

    @Test
    void missing_utc_and_batching_parameters_are_added() {
        assertThat(ExternalJdbcUrl.withRequiredParameters("jdbc:mysql://db:3306/servmon"))
                .isEqualTo("jdbc:mysql://db:3306/servmon?rewriteBatchedStatements=true&connectionTimeZone=UTC"
                        + "&forceConnectionTimeZoneToSession=true");
    }

    @Test
    void parameters_the_user_set_are_kept() {
        assertThat(ExternalJdbcUrl.withRequiredParameters("jdbc:mysql://db/servmon?sslMode=DISABLED&connectionTimeZone=UTC"))
                .isEqualTo("jdbc:mysql://db/servmon?sslMode=DISABLED&connectionTimeZone=UTC"
                        + "&rewriteBatchedStatements=true&forceConnectionTimeZoneToSession=true");
    }
}
