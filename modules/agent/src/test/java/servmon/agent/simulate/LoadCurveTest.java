package servmon.agent.simulate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LoadCurveTest {

    private static final double HOUR = 3600;

    private final LoadCurve curve = LoadCurve.parse(List.of("time,cpuPct", "# a test day", "06:00,10", "",
            "12:00,70", "18:30,40"), "test");

    @Test
    void points_are_met_exactly() {
        assertThat(curve.cpuAt(6 * HOUR)).isEqualTo(10.0);
        assertThat(curve.cpuAt(12 * HOUR)).isEqualTo(70.0);
        assertThat(curve.cpuAt(18.5 * HOUR)).isEqualTo(40.0);
    }

    @Test
    void between_points_the_load_follows_a_straight_line() {
        assertThat(curve.cpuAt(9 * HOUR)).isCloseTo(40.0, within(1e-9));
        assertThat(curve.cpuAt(7.5 * HOUR)).isCloseTo(25.0, within(1e-9));
        assertThat(curve.cpuAt(15.25 * HOUR)).isCloseTo(55.0, within(1e-9));
    }

    @Test
    void the_night_joins_the_last_point_to_the_first_across_midnight() {
        // 18:30 (40) to 06:00 next day (10): 11.5 hours
        assertThat(curve.cpuAt(0)).isCloseTo(40 - 30 * 5.5 / 11.5, within(1e-9));
        assertThat(curve.cpuAt(23 * HOUR)).isCloseTo(40 - 30 * 4.5 / 11.5, within(1e-9));
        assertThat(curve.cpuAt(3 * HOUR)).isCloseTo(40 - 30 * 8.5 / 11.5, within(1e-9));
        assertThat(curve.cpuAt(27 * HOUR)).isCloseTo(curve.cpuAt(3 * HOUR), within(1e-9));
        assertThat(curve.cpuAt(-HOUR)).isCloseTo(curve.cpuAt(23 * HOUR), within(1e-9));
    }

    @Test
    void one_point_is_a_flat_day() {
        LoadCurve flat = LoadCurve.parse(List.of("13:00,33.5"), "flat");

        assertThat(flat.cpuAt(0)).isEqualTo(33.5);
        assertThat(flat.cpuAt(20 * HOUR)).isEqualTo(33.5);
    }

    @Test
    void the_built_in_day_is_busier_at_eleven_than_at_five() {
        LoadCurve day = LoadCurve.builtInDaily();

        assertThat(day.cpuAt(11 * HOUR)).isGreaterThan(day.cpuAt(5 * HOUR) + 30);
    }

    @Test
    void bad_lines_are_refused_with_their_line_number() {
        assertThatThrownBy(() -> LoadCurve.parse(List.of("06:00,10", "05:00,20"), "f.csv"))
                .hasMessage("f.csv line 2 ('05:00,20'): times must increase from line to line");
        assertThatThrownBy(() -> LoadCurve.parse(List.of("06:00,101"), "f.csv"))
                .hasMessageContaining("line 1").hasMessageContaining("cpuPct must be 0 to 100");
        assertThatThrownBy(() -> LoadCurve.parse(List.of("25:00,10"), "f.csv"))
                .hasMessageContaining("00:00 to 23:59");
        assertThatThrownBy(() -> LoadCurve.parse(List.of("06:00;10", "07:00,1"), "f.csv"))
                .hasMessageContaining("expected hh:mm,cpuPct");
        assertThatThrownBy(() -> LoadCurve.parse(List.of("# nothing"), "f.csv"))
                .hasMessage("f.csv holds no hh:mm,cpuPct line");
    }
}
