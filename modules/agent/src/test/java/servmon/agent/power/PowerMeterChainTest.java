package servmon.agent.power;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.PowerSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain for a machine, probed on fake sysfs trees and a fake ipmitool. */
class PowerMeterChainTest {

    private static final long RANGE_UJ = 262_143_328_850L;

    @TempDir
    Path dir;

    private PowerSensors sensors(Path ipmitool) {
        return new PowerSensors(dir.resolve("sys"), List.of(ipmitool.toString()), PowerSensors.DEFAULT_IPMI_TIMEOUT);
    }

    @Test
    void the_bmc_comes_first_and_the_others_stay_as_fallbacks() {
        new FakeSysfs(dir.resolve("sys"))
                .hwmon("hwmon1", "power_meter", "power1_average", 190_000_000)
                .raplZone("intel-rapl:0", "package-0", 0, RANGE_UJ);
        Path ipmitool = FakeSysfs.ipmitool(dir, FakeSysfs.dcmiReading(230), 0);

        PowerMeterChain chain = PowerMeterChain.forThisMachine(sensors(ipmitool), 8, null, null);

        assertThat(chain.chosen().orElseThrow().source()).isEqualTo(PowerSource.BMC);
        assertThat(chain.probes()).extracting(PowerProbe::source).containsExactly(PowerSource.BMC,
                PowerSource.HWMON, PowerSource.RAPL, PowerSource.ESTIMATE);
        assertThat(chain.probes()).allMatch(PowerProbe::isUsable);
        assertThat(chain.readOrEstimate(30)).isEqualTo(new PowerReading(230, PowerSource.BMC));
    }

    @Test
    void without_a_bmc_the_hwmon_meter_answers() {
        new FakeSysfs(dir.resolve("sys")).hwmon("hwmon1", "power_meter", "power1_average", 190_000_000);
        Path ipmitool = FakeSysfs.ipmitool(dir, "Could not open device at /dev/ipmi0", 1);

        PowerMeterChain chain = PowerMeterChain.forThisMachine(sensors(ipmitool), 8, null, null);

        assertThat(chain.readOrEstimate(30)).isEqualTo(new PowerReading(190, PowerSource.HWMON));
        assertThat(chain.probes().getFirst().detail()).contains("Could not open device at /dev/ipmi0");
    }

    @Test
    void without_any_sensor_the_estimate_answers_and_says_how() {
        Path ipmitool = dir.resolve("no-ipmitool");

        PowerMeterChain chain = PowerMeterChain.forThisMachine(sensors(ipmitool), 2, null, null);

        PowerReading reading = chain.readOrEstimate(100);
        assertThat(reading.source()).isEqualTo(PowerSource.ESTIMATE);
        assertThat(reading.watts()).isEqualTo(7.0);
        assertThat(chain.probes()).filteredOn(PowerProbe::isUsable).extracting(PowerProbe::source)
                .containsExactly(PowerSource.ESTIMATE);
        assertThat(chain.chosen().orElseThrow().detail())
                .isEqualTo("idle 1.5 W to 7.0 W at full load, linear in CPU load (SPECpower averages for 2 logical"
                        + " CPUs; --power-idle-w and --power-max-w set this machine's own)");
    }
}
