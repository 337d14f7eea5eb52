package servmon.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private static final ServerId KEY = ServerId.of("abcdEFGH1234");

    @Test
    void metric_report_round_trips_with_iso_instants_and_flat_key() throws Exception {
        MetricReport report = new MetricReport(1, KEY, Instant.parse("2026-11-25T01:02:03.456Z"), 7L, 8, "boot-1",
                "host", 12.5, 42.0, PowerSource.ESTIMATE, 2, 100L, 200L, 0.5, null, null, null, null, null, 60L,
                List.of(new NetInterface("eth0", "52:54:00:12:34:56", "10.0.0.5", "10.0.0.255", true)));

        String json = EventCodec.encodeToString(report);

        assertThat(json).contains("\"v\":1", "\"serverId\":\"abcdEFGH1234\"", "\"sampledAt\":\"2026-11-25T01:02:03.456Z\"")
                .doesNotContain("diskUsedBytes");  // nulls are left out
        assertThat(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), MetricReport.class)).isEqualTo(report);
    }

    @Test
    void public_wake_command_json_from_another_system_is_accepted() throws Exception {
        String json = "{\"v\":1,\"serverId\":\"abcdEFGH1234\",\"commandId\":\"c-1\",\"requestedBy\":\"ci\",\"reason\":\"API\"}";

        WakeCommand command = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), WakeCommand.class);

        assertThat(command.serverId()).isEqualTo(KEY);
        assertThat(command.commandId()).isEqualTo(CommandId.of("c-1"));
        assertThat(command.requestedAt()).isNull();
    }

    @Test
    void unknown_fields_are_ignored_so_newer_producers_can_add_some() throws Exception {
        String json = "{\"v\":1,\"serverId\":\"abcdEFGH1234\",\"commandId\":\"c-1\",\"requestedBy\":\"ci\",\"priority\":9}";

        assertThat(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), WakeCommand.class).requestedBy()).isEqualTo("ci");
    }

    @Test
    void unknown_version_is_refused_with_the_reason() {
        String json = "{\"v\":2,\"serverId\":\"abcdEFGH1234\",\"commandId\":\"c-1\",\"requestedBy\":\"ci\"}";

        assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), WakeCommand.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unsupported event version v=2");
    }

    @Test
    void missing_version_is_refused() {
        String json = "{\"serverId\":\"abcdEFGH1234\",\"commandId\":\"c-1\",\"requestedBy\":\"ci\"}";

        assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), WakeCommand.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("v=0");
    }

    @Test
    void malformed_json_is_refused_with_the_reason() {
        assertThatThrownBy(() -> EventCodec.decode("{not json".getBytes(StandardCharsets.UTF_8), MetricReport.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("malformed MetricReport:");
    }

    @Test
    void out_of_range_cpu_is_refused_with_the_field_named() {
        String json = "{\"v\":1,\"serverId\":\"abcdEFGH1234\",\"sampledAt\":\"2026-11-25T01:02:03Z\",\"intervalS\":8,"
                + "\"seq\":1,\"cpuPct\":140,\"userCount\":0}";

        assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), MetricReport.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("cpuPct must be less than or equal to 100 (got 140.0)");
    }

    @Test
    void missing_cpu_is_refused_instead_of_read_as_zero() {
        String json = "{\"v\":1,\"serverId\":\"abcdEFGH1234\",\"sampledAt\":\"2026-11-25T01:02:03Z\",\"intervalS\":8,"
                + "\"seq\":3,\"userCount\":0}";

        assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), MetricReport.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("cpuPct is required");
    }

    @Test
    void non_finite_numbers_are_refused_as_text_and_as_values() {
        String json = "{\"v\":1,\"serverId\":\"abcdEFGH1234\",\"sampledAt\":\"2026-11-25T01:02:03Z\",\"intervalS\":8,"
                + "\"seq\":3,\"cpuPct\":5,\"userCount\":0,\"load1\":\"NaN\"}";

        assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), MetricReport.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("load1");
        assertThatThrownBy(() -> new MetricReport(1, KEY, Instant.parse("2026-11-25T01:02:03Z"), 3L, 8, null, null,
                5.0, null, null, 0, null, null, Double.NaN, null, null, null, null, null, null, null))
                .hasMessageContaining("load1 must be a finite number");
    }

    @Test
    void missing_key_is_refused() {
        String json = "{\"v\":1,\"commandId\":\"c-1\",\"requestedBy\":\"ci\"}";

        assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), WakeCommand.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("serverId is required");
    }

    @Test
    void empty_value_is_refused() {
        assertThatThrownBy(() -> EventCodec.decode(new byte[0], MetricReport.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("empty value");
    }
}
