package servmon.dashboard.energy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnergyTextTest {

    @Test
    void watts_read_in_the_unit_that_fits_the_fleet() {
        assertThat(EnergyText.watts(7.25, 0)).isEqualTo("7.25 W");
        assertThat(EnergyText.watts(212.4, 0)).isEqualTo("212.4 W");
        assertThat(EnergyText.watts(12_345, 0)).isEqualTo("12.3 kW");
        assertThat(EnergyText.watts(1_949_075.9, 0)).isEqualTo("1.95 MW");
    }
}
