package servmon.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.agent.power.FakeSysfs;
import servmon.events.ServerKey;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code servmon-agent status} on a fake machine, fake sysfs trees and a fake ipmitool. */
class StatusCommandTest {

    private static final long RANGE_UJ = 262_143_328_850L;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int status(String... args) {
        AgentCli cli = new AgentCli(config -> {
            throw new AssertionError("status must not start an agent");
        }, FakeMachine::new, e -> new KeyPrompt(text -> {
            throw new AssertionError("status must not ask for the key");
        }, new ByteArrayInputStream(new byte[0]), e), false);
        String[] all = new String[args.length + 1];
        all[0] = "status";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void on_a_machine_without_sensors_it_shows_the_estimate_and_why_each_sensor_is_not_usable() {
        Path keyFile = dir.resolve("agent.key");

        int code = status("--sysfs", dir.resolve("sys").toString(), "--ipmitool", "servmon-no-such-ipmitool",
                "--key-file", keyFile.toString(), "--bootstrap", "kafka1:9092");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("This machine: rack2-node5 (boot id boot-7)")
                .contains("CPU         25.0 % of 4 logical CPUs, load 0.75")
                .contains("memory      3.0 GiB used of 16.0 GiB")
                .contains("users       2 logged in")
                .contains("interface   eno1  MAC " + FakeMachine.ARMED_MAC + "  IPv4 192.0.2.15  broadcast"
                        + " 192.0.2.255  Wake-on-LAN armed (Wake-on: g)")
                .contains("interface   eno2  MAC " + FakeMachine.UNARMED_MAC + "  IPv4 none  broadcast none"
                        + "  Wake-on-LAN not armed: sleep orders are refused (ethtool -s eno2 wol g)")
                .contains("Power: 5.7 W from ESTIMATE")
                .contains("BMC      not usable: servmon-no-such-ipmitool not found on PATH")
                .contains("HWMON    not usable: no " + dir.resolve("sys/class/hwmon"))
                .contains("RAPL     not usable: no " + dir.resolve("sys/class/powercap"))
                .contains("ESTIMATE chosen: idle 3.0 W to 14.0 W at full load")
                .contains("Key file: " + keyFile + " (empty: a run asks for the key once and saves it here")
                .contains("Broker: kafka1:9092 (no --kafka-config: no login); reports every 8 s");
    }

    @Test
    void with_sensors_it_shows_the_chosen_one_the_fallbacks_and_the_remembered_key() throws Exception {
        FakeSysfs sysfs = new FakeSysfs(dir.resolve("sys"))
                .hwmon("hwmon2", "power_meter", "power1_average", 212_000_000)
                .raplZone("intel-rapl:0", "package-0", 5_000_000, RANGE_UJ)
                .raplZone("intel-rapl:0:0", "dram", 1_000_000, RANGE_UJ);
        Path ipmitool = FakeSysfs.ipmitool(dir, "Could not open device at /dev/ipmi0 or /dev/ipmi/0 or"
                + " /dev/ipmidev/0: No such file or directory", 1);
        Path keyFile = dir.resolve("agent.key");
        ServerKey key = ServerKey.random();
        KeyFile.save(keyFile, key);

        int code = status("--sysfs", sysfs.root().toString(), "--ipmitool", ipmitool.toString(), "--key-file",
                keyFile.toString(), "--interval", "5s");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("Power: 212.0 W from HWMON")
                .contains("BMC      not usable: " + ipmitool + " dcmi power reading: exit code 1: Could not open"
                        + " device at /dev/ipmi0")
                .contains("HWMON    chosen: " + sysfs.root().resolve("class/hwmon/hwmon2/power1_average")
                        + " hwmon2 (power_meter)")
                .contains("RAPL     usable, the fallback: intel-rapl:0 package-0 + intel-rapl:0:0 dram (CPU+DRAM only")
                .contains("ESTIMATE usable, the fallback")
                .contains("Key file: " + keyFile + " (remembers key " + key.shortPrefix())
                .contains("reports every 5 s")
                .doesNotContain(key.value());
    }

    @Test
    void a_bad_option_is_a_usage_error() {
        assertThat(status("--bootstrap", "nohostport")).isEqualTo(AgentCli.EXIT_USAGE);
        assertThat(err.toString()).contains("--bootstrap wants HOST:PORT");
    }
}
