package servmon.agent;

import org.junit.jupiter.api.Test;
import servmon.events.EventCodec;
import servmon.events.EventLimits;
import servmon.events.MetricReport;
import servmon.events.NetInterface;
import servmon.events.PowerSource;
import servmon.events.ServerId;
import servmon.events.ServmonEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ReportFittingTest {

    private static final ServerId KEY = ServerId.random();

    @Test
    void a_machine_with_everything_too_big_still_sends_a_report_every_consumer_takes() throws Exception {
        List<NetInterface> nics = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // the worst a name can cost: three UTF-8 bytes a character
            nics.add(new NetInterface("€".repeat(300) + i, "m".repeat(300), i == 499 ? "10.0.0.9" : null,
                    "b".repeat(300), true));
        }
        MetricReport raw = new MetricReport(ServmonEvent.VERSION, KEY, Instant.now(), 1L, 8, "boot\n".repeat(100),
                "web\u001b[2J" + "h".repeat(1000), 140.0, 250_000.0, PowerSource.BMC, -1, -5L, 8L, -0.5, 1L, 2L, -1L,
                3L, 6000.0, -1L, nics);

        MetricReport fitted = ReportFitting.fit(raw);

        assertThatCode(() -> EventCodec.validate(fitted)).doesNotThrowAnyException();
        byte[] encoded = EventCodec.encode(fitted);
        assertThat(encoded.length).isLessThan(EventLimits.MAX_EVENT_BYTES);
        assertThat(EventCodec.decode(encoded, MetricReport.class)).isEqualTo(fitted);
        assertThat(fitted.interfaces()).hasSize(EventLimits.MAX_INTERFACES);
        assertThat(fitted.interfaces().getFirst().ipv4()).as("the interface a wake can use comes first")
                .isEqualTo("10.0.0.9");
        assertThat(fitted.hostname()).startsWith("web?[2J").hasSize(EventLimits.MAX_NAME_CHARS);
        assertThat(fitted.cpuPct()).isEqualTo(100.0);
        assertThat(fitted.powerW()).isNull();
        assertThat(fitted.cpuTempC()).isNull();
        assertThat(fitted.memUsedBytes()).isNull();
        assertThat(fitted.memTotalBytes()).isEqualTo(8L);
        assertThat(fitted.userCount()).isZero();
    }

    @Test
    void a_report_within_the_limits_is_left_as_it_is() {
        MetricReport report = new MetricReport(ServmonEvent.VERSION, KEY, Instant.now(), 3L, 8, "boot-1", "web-1",
                12.5, 80.0, PowerSource.RAPL, 2, 100L, 200L, 0.5, 10L, 20L, 5L, 6L, 45.0, 60L,
                List.of(new NetInterface("eth0", "52:54:00:12:34:56", "10.0.0.5", "10.0.0.255", true)));

        assertThat(ReportFitting.fit(report)).isEqualTo(report);
    }

    @Test
    void text_is_never_cut_between_the_halves_of_a_character() {
        assertThat(ReportFitting.text("ab\uD83D\uDE00", 3)).isEqualTo("ab");
    }
}
