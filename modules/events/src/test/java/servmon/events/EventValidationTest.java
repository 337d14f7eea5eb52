package servmon.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** What {@link EventCodec#decode} refuses for every consumer: each bound of each field, and the JSON types. */
class EventValidationTest {

    private static final String KEY = "abcdEFGH1234";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** A report as the agent sends it, with {@code "FIELD":VALUE} replaced (or added) by the test's. */
    private static String report(String field, String value) {
        String json = """
                {"v":1,"serverId":"%s","sampledAt":"%s","seq":7,"intervalS":8,"bootId":"b-1","hostname":"web-1",\
                "cpuPct":12.5,"powerW":42.0,"powerSource":"ESTIMATE","userCount":2,"memUsedBytes":100,\
                "memTotalBytes":200,"load1":0.5,"diskUsedBytes":10,"diskTotalBytes":20,"netRxBytesPerS":5,\
                "netTxBytesPerS":6,"cpuTempC":45.0,"uptimeS":60,\
                "interfaces":[{"name":"eth0","mac":"52:54:00:12:34:56","ipv4":"10.0.0.5","broadcast":"10.0.0.255"}]}\
                """.formatted(KEY, NOW);
        if (field == null) {
            return json;
        }
        String withField = json.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\[[^]]*]|[^,}]*)",
                java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + value));
        return withField.equals(json) ? json.replaceFirst("}$", ",\"" + field + "\":" + value + "}") : withField;
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                arguments("cpuPct", "-0.1", "cpuPct must be greater than or equal to 0 (got -0.1)"),
                arguments("cpuPct", "100.1", "cpuPct must be less than or equal to 100"),
                arguments("powerW", "-1", "powerW must be greater than or equal to 0"),
                arguments("powerW", "100000.5", "powerW must be less than or equal to 100000"),
                arguments("intervalS", "0", "intervalS must be greater than or equal to 1"),
                arguments("intervalS", "3601", "intervalS must be less than or equal to 3600"),
                arguments("seq", "-1", "seq must be greater than or equal to 0"),
                arguments("userCount", "-1", "userCount must be greater than or equal to 0"),
                arguments("memUsedBytes", "-1", "memUsedBytes must be greater than or equal to 0"),
                arguments("memTotalBytes", "-1", "memTotalBytes must be greater than or equal to 0"),
                arguments("load1", "-0.5", "load1 must be greater than or equal to 0"),
                arguments("diskUsedBytes", "-1", "diskUsedBytes must be greater than or equal to 0"),
                arguments("diskTotalBytes", "-1", "diskTotalBytes must be greater than or equal to 0"),
                arguments("netRxBytesPerS", "-1", "netRxBytesPerS must be greater than or equal to 0"),
                arguments("netTxBytesPerS", "-1", "netTxBytesPerS must be greater than or equal to 0"),
                arguments("uptimeS", "-1", "uptimeS must be greater than or equal to 0"),
                arguments("cpuTempC", "300", "cpuTempC must be less than or equal to 250"),
                arguments("sampledAt", "\"+10000-01-01T00:00:00Z\"", "sampledAt is more than PT10M ahead of this clock"),
                arguments("sampledAt", "\"" + NOW.plus(Duration.ofMinutes(11)) + "\"", "sampledAt is more than PT10M ahead"),
                arguments("sampledAt", "\"1999-12-31T23:59:59Z\"", "sampledAt is before 2000"),
                arguments("hostname", "\"web\\n2026-01-01 INFO forged log line\"", "hostname must not contain control characters"),
                arguments("hostname", "\"web\\u001b[2J\"", "hostname must not contain control characters"),
                arguments("hostname", "\"" + "h".repeat(256) + "\"", "hostname size must be between 0 and 255"),
                arguments("bootId", "\"" + "b".repeat(65) + "\"", "bootId size must be between 0 and 64"),
                arguments("interfaces", "[{\"name\":\"eth\\u00070\"}]", "interfaces[0].name must not contain control characters"),
                arguments("interfaces", "[" + String.join(",", Collections.nCopies(65, "{\"name\":\"eth0\"}")) + "]",
                        "interfaces size must be between 0 and 64"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("outOfRange")
    void each_field_out_of_its_range_is_refused_with_the_field_named(String field, String value, String reason) {
        assertThatCode(() -> decode(report(null, null))).as("the report as sent").doesNotThrowAnyException();

        assertThatThrownBy(() -> decode(report(field, value)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(reason);
    }

    static Stream<Arguments> wrongJsonType() {
        return Stream.of(
                arguments("cpuPct", "\"12\""),
                arguments("memUsedBytes", "\"100\""),
                arguments("intervalS", "8.5"),
                arguments("seq", "7.0"),
                arguments("hostname", "12"),
                arguments("powerSource", "2"),
                arguments("cpuPct", "true"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("wrongJsonType")
    void a_value_of_another_json_type_is_not_coerced(String field, String value) {
        assertThatThrownBy(() -> decode(report(field, value)))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.MALFORMED))
                .hasMessageStartingWith("malformed MetricReport");
    }

    @Test
    void a_record_larger_than_any_event_is_refused_before_it_is_parsed() {
        String huge = report("hostname", "\"" + "x".repeat(EventLimits.MAX_EVENT_BYTES) + "\"");

        assertThatThrownBy(() -> decode(huge))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.TOO_LARGE))
                .hasMessageContaining("too large");
    }

    @Test
    void a_state_dated_year_10000_is_refused_as_a_clock_problem() {
        String json = "{\"v\":1,\"serverId\":\"" + KEY + "\",\"state\":\"ON\",\"since\":\"+10000-01-01T00:00:00Z\","
                + "\"intervalS\":8}";

        assertThatThrownBy(() -> EventCodec.decode(utf8(json), ServerStateChanged.class))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.CLOCK))
                .hasMessageContaining("since is more than");
    }

    @Test
    void the_constraints_of_every_event_hold_for_what_servmon_itself_sends() {
        ServerId key = ServerId.of(KEY);
        CommandId id = CommandId.random();
        List<ServmonEvent> events = List.of(
                new ServerRegistered(1, key, 3, "web 1", "52:54:00:12:34:56", NOW, "rack A"),
                new ServerStateChanged(1, key, ServerState.ON, ServerState.OFF, NOW, NOW, "b-1", 8, List.of(), 40.0),
                new ServerStateChanged(1, key, ServerState.EMPTY, null, NOW, null, null, 0, null),
                WakeCommand.of(key, "dashboard:admin", "wake from the dashboard"),
                new WakeResult(1, key, id, WakeStatus.SENT, "3 packets", 3, NOW),
                SleepCommand.of(key, SleepMode.SUSPEND, false, "admin"),
                AgentControl.enrollReply(key, true, "welcome", NOW),
                AgentControl.relayWake(key, id, "52:54:00:12:34:56", "10.0.0.255", NOW),
                AgentControl.removed(key, "server web 1 was removed from servmon", NOW),
                new AgentReply(1, key, id, AgentControl.Type.SLEEP, true, null, 35.5, NOW));
        for (ServmonEvent event : events) {
            assertThatCode(() -> EventCodec.decode(EventCodec.encode(event), event.getClass()))
                    .as(event.getClass().getSimpleName()).doesNotThrowAnyException();
        }
    }

    @Test
    void a_removed_order_says_which_server_was_removed() {
        String json = "{\"v\":1,\"serverId\":\"" + ServerId.of(KEY).value() + "\",\"type\":\"REMOVED\","
                + "\"issuedAt\":\"" + NOW + "\"}";

        assertThatThrownBy(() -> EventCodec.decode(utf8(json), AgentControl.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("message is required");
    }

    @Test
    void a_wake_results_detail_quoting_a_long_text_is_cut_not_refused() throws Exception {
        WakeResult result = new WakeResult(1, ServerId.of(KEY), CommandId.random(), WakeStatus.SLEEP_REFUSED,
                "the agent refused: " + "r".repeat(EventLimits.MAX_TEXT_CHARS), 0, NOW);

        assertThat(EventCodec.decode(EventCodec.encode(result), WakeResult.class).detail())
                .hasSize(EventLimits.MAX_TEXT_CHARS).startsWith("the agent refused: ").endsWith("…");
    }

    @Test
    void the_allowed_skew_is_the_validators_setting() throws Exception {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        EventValidator strict = new EventValidator(Duration.ofMinutes(1), Clock.fixed(now, ZoneOffset.UTC));
        MetricReport twoMinutesAhead = EventCodec.decode(utf8(report(null, null)), MetricReport.class);
        MetricReport ahead = new MetricReport(1, twoMinutesAhead.serverId(), now.plusSeconds(120), 1L, 8, null, null,
                1.0, null, null, 0, null, null, null, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> strict.check(ahead)).hasMessageContaining("sampledAt is more than PT1M ahead");
        assertThatCode(() -> new EventValidator(Duration.ofMinutes(3), Clock.fixed(now, ZoneOffset.UTC)).check(ahead))
                .doesNotThrowAnyException();
    }

    private static MetricReport decode(String json) throws InvalidEventException {
        return EventCodec.decode(utf8(json), MetricReport.class);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
