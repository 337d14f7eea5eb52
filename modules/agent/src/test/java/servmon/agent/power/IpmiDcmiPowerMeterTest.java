package servmon.agent.power;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.PowerSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IpmiDcmiPowerMeterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong();

    @Test
    void the_bmcs_instantaneous_reading_is_the_wall_power() {
        Path ipmitool = FakeSysfs.ipmitool(dir, FakeSysfs.dcmiReading(220), 0);

        PowerProbe probe = IpmiDcmiPowerMeter.probe(List.of(ipmitool.toString()), TIMEOUT, clock::get);

        assertThat(probe.isUsable()).isTrue();
        assertThat(probe.detail()).contains("dcmi power reading", "220 W at start");
        assertThat(probe.meter().read(0)).contains(new PowerReading(220, PowerSource.BMC));
    }

    @Test
    void the_arguments_given_with_the_command_are_kept() throws Exception {
        Path args = dir.resolve("args");
        Path ipmitool = dir.resolve("ipmitool-lan");
        Files.writeString(ipmitool, "#!/bin/sh\necho \"$@\" > '" + args + "'\ncat <<'EOF'\n"
                + FakeSysfs.dcmiReading(180) + "EOF\n");
        ipmitool.toFile().setExecutable(true);

        IpmiDcmiPowerMeter.probe(List.of(ipmitool.toString(), "-I", "lanplus", "-H", "bmc.example"), TIMEOUT,
                clock::get);

        assertThat(Files.readString(args).strip()).isEqualTo("-I lanplus -H bmc.example dcmi power reading");
    }

    @Test
    void no_bmc_is_explained_with_ipmitools_own_words() {
        Path ipmitool = FakeSysfs.ipmitool(dir, "Could not open device at /dev/ipmi0 or /dev/ipmi/0 or"
                + " /dev/ipmidev/0: No such file or directory", 1);

        PowerProbe probe = IpmiDcmiPowerMeter.probe(List.of(ipmitool.toString()), TIMEOUT, clock::get);

        assertThat(probe.isUsable()).isFalse();
        assertThat(probe.detail()).endsWith("dcmi power reading: exit code 1: Could not open device at /dev/ipmi0"
                + " or /dev/ipmi/0 or /dev/ipmidev/0: No such file or directory");
    }

    @Test
    void a_missing_ipmitool_is_named() {
        PowerProbe probe = IpmiDcmiPowerMeter.probe(List.of("servmon-no-such-ipmitool"), TIMEOUT, clock::get);

        assertThat(probe.isUsable()).isFalse();
        assertThat(probe.detail()).isEqualTo("servmon-no-such-ipmitool not found on PATH, /usr/sbin or /sbin"
                + " (apt install ipmitool)");
    }

    @Test
    void a_deactivated_or_zero_reading_is_not_a_measurement() {
        assertThat(IpmiDcmiPowerMeter.parse(FakeSysfs.dcmiReading(0)).problem()).contains("0 W");
        assertThat(IpmiDcmiPowerMeter.parse(FakeSysfs.dcmiReading(200).replace("activated", "deactivated"))
                .problem()).isEqualTo("the BMC's power reading is deactivated");
    }

    @Test
    void a_hung_bmc_times_out_and_is_left_alone_for_a_while() throws Exception {
        Path runs = dir.resolve("runs");
        Path ipmitool = dir.resolve("ipmitool-sometimes-hangs");
        Path hang = dir.resolve("hang");
        Files.writeString(ipmitool, "#!/bin/sh\necho run >> '" + runs + "'\n[ -e '" + hang + "' ] && exec sleep 30\n"
                + "cat <<'EOF'\n" + FakeSysfs.dcmiReading(150) + "EOF\n");
        ipmitool.toFile().setExecutable(true);
        // the timeout only has to be much shorter than the hang, and long enough for a loaded machine to start sh
        PowerMeter meter = IpmiDcmiPowerMeter.probe(List.of(ipmitool.toString()), Duration.ofSeconds(3),
                clock::get).meter();

        Files.createFile(hang);
        assertThat(meter.read(0)).isEmpty();
        assertThat(meter.read(0)).isEmpty();  // within the back-off: not run again
        assertThat(Files.readAllLines(runs)).hasSize(2);

        Files.delete(hang);
        clock.addAndGet(IpmiDcmiPowerMeter.BACK_OFF_NANOS);
        assertThat(meter.read(0)).contains(new PowerReading(150, PowerSource.BMC));
        assertThat(Files.readAllLines(runs)).hasSize(3);
    }
}
