package servmon.agent.power;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.PowerSource;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RaplPowerMeterTest {

    private static final long RANGE_UJ = 262_143_328_850L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void package_and_dram_counters_give_watts_over_the_interval() {
        FakeSysfs sysfs = new FakeSysfs(dir)
                .raplZone("intel-rapl:0", "package-0", 1_000_000, RANGE_UJ)
                .raplZone("intel-rapl:0:0", "dram", 500_000, RANGE_UJ);
        PowerProbe probe = RaplPowerMeter.probe(sysfs.root(), SysfsFiles.DIRECT, clock::get);
        assertThat(probe.isUsable()).isTrue();
        assertThat(probe.detail()).contains("intel-rapl:0 package-0 + intel-rapl:0:0 dram", "CPU+DRAM only");

        // 8 s later: 320 J more in the package, 48 J more in DRAM = 46 W
        sysfs.energy("intel-rapl:0", 321_000_000).energy("intel-rapl:0:0", 48_500_000);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(8));

        PowerReading reading = probe.meter().read(50).orElseThrow();
        assertThat(reading.source()).isEqualTo(PowerSource.RAPL);
        assertThat(reading.watts()).isCloseTo(46.0, within(1e-9));
    }

    @Test
    void a_counter_that_wrapped_counts_the_energy_up_to_its_range_and_past_zero() {
        FakeSysfs sysfs = new FakeSysfs(dir).raplZone("intel-rapl:0", "package-0", RANGE_UJ - 30_000_000, RANGE_UJ);
        PowerMeter meter = RaplPowerMeter.probe(sysfs.root(), SysfsFiles.DIRECT, clock::get).meter();

        sysfs.energy("intel-rapl:0", 50_000_000);  // 30 J to the wrap, 50 J after it
        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));

        assertThat(meter.read(0).orElseThrow().watts()).isCloseTo(40.0, within(1e-9));
        assertThat(RaplPowerMeter.delta(RANGE_UJ - 1, 1, RANGE_UJ)).isEqualTo(2);
    }

    @Test
    void core_uncore_and_psys_are_not_counted_twice() {
        FakeSysfs sysfs = new FakeSysfs(dir)
                .raplZone("intel-rapl:0", "package-0", 0, RANGE_UJ)
                .raplZone("intel-rapl:0:0", "core", 0, RANGE_UJ)
                .raplZone("intel-rapl:0:1", "uncore", 0, RANGE_UJ)
                .raplZone("intel-rapl:1", "psys", 0, RANGE_UJ)
                .raplZone("intel-rapl:2", "package-1", 0, RANGE_UJ);
        PowerProbe probe = RaplPowerMeter.probe(sysfs.root(), SysfsFiles.DIRECT, clock::get);

        assertThat(((RaplPowerMeter) probe.meter()).zones()).extracting(RaplPowerMeter.Zone::name)
                .containsExactly("package-0", "package-1");
        sysfs.energy("intel-rapl:0", 10_000_000).energy("intel-rapl:2", 10_000_000)
                .energy("intel-rapl:0:0", 9_000_000).energy("intel-rapl:1", 30_000_000);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(probe.meter().read(0).orElseThrow().watts()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void a_denied_counter_is_explained_as_root_only() {
        FakeSysfs sysfs = new FakeSysfs(dir).raplZone("intel-rapl:0", "package-0", 0, RANGE_UJ);
        // as an unprivileged agent sees it since Linux 5.10 (tests run as root, whom file modes do not stop)
        SysfsFiles unprivileged = file -> {
            if (file.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(file.toString());
            }
            return Files.readString(file);
        };

        PowerProbe probe = RaplPowerMeter.probe(sysfs.root(), unprivileged, clock::get);

        assertThat(probe.isUsable()).isFalse();
        assertThat(probe.detail()).isEqualTo(sysfs.energyFile("intel-rapl:0")
                + " not readable (root only since Linux 5.10, CVE-2020-8694): run the agent as root or let its"
                + " user read the file");
    }

    @Test
    void without_powercap_it_says_why() {
        PowerProbe probe = RaplPowerMeter.probe(dir, SysfsFiles.DIRECT, clock::get);

        assertThat(probe.isUsable()).isFalse();
        assertThat(probe.source()).isEqualTo(PowerSource.RAPL);
        assertThat(probe.detail()).startsWith("no " + dir.resolve("class/powercap"));
    }

    @Test
    void a_counter_that_disappears_hands_the_report_to_the_next_meter() throws Exception {
        FakeSysfs sysfs = new FakeSysfs(dir).raplZone("intel-rapl:0", "package-0", 0, RANGE_UJ);
        PowerMeter meter = RaplPowerMeter.probe(sysfs.root(), SysfsFiles.DIRECT, clock::get).meter();
        Files.delete(sysfs.energyFile("intel-rapl:0"));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));

        assertThat(meter.read(0)).isEmpty();
    }
}
