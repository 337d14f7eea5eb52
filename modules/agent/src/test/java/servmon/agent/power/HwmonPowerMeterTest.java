package servmon.agent.power;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.PowerSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HwmonPowerMeterTest {

    @TempDir
    Path dir;

    @Test
    void the_acpi_power_meter_reads_in_microwatts() {
        FakeSysfs sysfs = new FakeSysfs(dir)
                .hwmon("hwmon0", "coretemp", "temp1_input", 45_000)
                .hwmon("hwmon3", "power_meter", "power1_average", 187_500_000);

        PowerProbe probe = HwmonPowerMeter.probe(sysfs.root());

        assertThat(probe.isUsable()).isTrue();
        assertThat(probe.detail()).contains("hwmon3 (power_meter)", "power1_average");
        PowerReading reading = probe.meter().read(10).orElseThrow();
        assertThat(reading.source()).isEqualTo(PowerSource.HWMON);
        assertThat(reading.watts()).isCloseTo(187.5, within(1e-9));

        sysfs.hwmon("hwmon3", "power_meter", "power1_average", 201_000_000);
        assertThat(probe.meter().read(10).orElseThrow().watts()).isCloseTo(201.0, within(1e-9));
    }

    @Test
    void the_average_is_taken_before_the_instant_value_and_the_first_sensor_before_the_second() {
        FakeSysfs sysfs = new FakeSysfs(dir)
                .hwmon("hwmon2", "pmbus", "power2_input", 150_000_000)
                .hwmon("hwmon2", "pmbus", "power1_input", 170_000_000)
                .hwmon("hwmon2", "pmbus", "power1_average", 165_000_000);

        assertThat(HwmonPowerMeter.probe(sysfs.root()).meter().read(0).orElseThrow().watts())
                .isCloseTo(165.0, within(1e-9));
    }

    @Test
    void a_gpus_power_is_not_taken_for_the_machines() {
        FakeSysfs sysfs = new FakeSysfs(dir).hwmon("hwmon1", "amdgpu", "power1_average", 35_000_000);

        PowerProbe probe = HwmonPowerMeter.probe(sysfs.root());

        assertThat(probe.isUsable()).isFalse();
        assertThat(probe.detail()).contains("hwmon1 (amdgpu) measures the GPU only");
    }

    @Test
    void a_meter_that_reads_zero_is_not_usable() {
        FakeSysfs sysfs = new FakeSysfs(dir).hwmon("hwmon4", "power_meter", "power1_average", 0);

        PowerProbe probe = HwmonPowerMeter.probe(sysfs.root());

        assertThat(probe.isUsable()).isFalse();
        assertThat(probe.detail()).contains("power1_average reads 0 W");
    }

    @Test
    void without_power_sensors_it_says_so() {
        FakeSysfs sysfs = new FakeSysfs(dir).hwmon("hwmon0", "coretemp", "temp1_input", 45_000);

        assertThat(HwmonPowerMeter.probe(sysfs.root()).detail())
                .isEqualTo("no power*_average or power*_input sensor under " + dir.resolve("class/hwmon"));
        assertThat(HwmonPowerMeter.probe(dir.resolve("elsewhere")).detail()).startsWith("no ");
    }
}
