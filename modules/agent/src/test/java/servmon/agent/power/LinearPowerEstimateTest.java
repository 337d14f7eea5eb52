package servmon.agent.power;

import org.junit.jupiter.api.Test;
import servmon.events.PowerSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LinearPowerEstimateTest {

    @Test
    void defaults_are_specpower_averages_per_logical_cpu() {
        LinearPowerEstimate estimate = LinearPowerEstimate.forLogicalCpus(4, null, null);

        assertThat(estimate.idleW()).isCloseTo(2.96, within(1e-9));
        assertThat(estimate.maxW()).isCloseTo(14.0, within(1e-9));
    }

    @Test
    void power_grows_linearly_from_idle_to_max_with_cpu_load() {
        LinearPowerEstimate estimate = LinearPowerEstimate.forLogicalCpus(2, null, null);

        assertThat(estimate.read(0).orElseThrow().watts()).isCloseTo(1.48, within(1e-9));
        assertThat(estimate.read(50).orElseThrow().watts()).isCloseTo(1.48 + (7.0 - 1.48) * 0.5, within(1e-9));
        assertThat(estimate.read(100).orElseThrow().watts()).isCloseTo(7.0, within(1e-9));
        assertThat(estimate.read(25).orElseThrow().source()).isEqualTo(PowerSource.ESTIMATE);
    }

    @Test
    void operator_figures_replace_the_model() {
        LinearPowerEstimate estimate = LinearPowerEstimate.forLogicalCpus(2, 60.0, 200.0);

        assertThat(estimate.read(25).orElseThrow().watts()).isCloseTo(60 + 140 * 0.25, within(1e-9));
    }

    @Test
    void one_operator_figure_below_the_other_default_end_is_trusted_for_both() {
        assertThat(LinearPowerEstimate.forLogicalCpus(2, 10.0, null).read(100).orElseThrow().watts())
                .isCloseTo(10.0, within(1e-9));
        assertThat(LinearPowerEstimate.forLogicalCpus(2, null, 1.0).read(0).orElseThrow().watts())
                .isCloseTo(1.0, within(1e-9));
    }

    @Test
    void load_outside_0_to_100_is_clamped() {
        LinearPowerEstimate estimate = new LinearPowerEstimate(10, 20);

        assertThat(estimate.read(150).orElseThrow().watts()).isEqualTo(20.0);
        assertThat(estimate.read(-5).orElseThrow().watts()).isEqualTo(10.0);
        assertThat(estimate.read(Double.NaN).orElseThrow().watts()).isEqualTo(10.0);
    }

    @Test
    void max_below_idle_is_refused() {
        assertThatThrownBy(() -> new LinearPowerEstimate(20, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chain_takes_the_first_meter_that_can_read() {
        PowerMeter unreadableSensor = cpuPct -> Optional.empty();
        PowerMeter rapl = cpuPct -> Optional.of(new PowerReading(42, PowerSource.RAPL));
        PowerMeterChain chain = new PowerMeterChain(List.of(unreadableSensor, rapl, new LinearPowerEstimate(1, 2)));

        assertThat(chain.readOrEstimate(50)).isEqualTo(new PowerReading(42, PowerSource.RAPL));
    }
}
