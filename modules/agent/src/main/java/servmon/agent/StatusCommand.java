package servmon.agent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import servmon.agent.power.PowerMeterChain;
import servmon.agent.power.PowerProbe;
import servmon.agent.power.PowerReading;
import servmon.agent.sampling.Sample;
import servmon.agent.sampling.SampleSource;
import servmon.events.NetInterface;
import servmon.events.ServerKey;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code servmon-agent status}: what a run with the same options would measure and use, without starting it or
 * sending anything: one sample of this machine, the power source chosen and why each better one is not usable, the
 * key file and the broker.
 */
@Command(name = "status", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Prints what the agent measures on this machine (CPU, memory, users, interfaces with their"
                + " MAC and Wake-on-LAN), where its watts come from and why each better source is not usable,"
                + " and the key file and Kafka broker a run with the same options would use. Starts nothing and"
                + " sends nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:bad arguments"})
final class StatusCommand implements Callable<Integer> {

    private final AgentCli cli;

    @Mixin
    RunOptions options;

    @Spec
    CommandSpec spec;

    StatusCommand(AgentCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<ServerKey> remembered;
        try {
            options.checkBootstrap();
            remembered = KeyResolver.remembered(options.keyFile);
            options.config(remembered.orElseGet(ServerKey::random));  // the same checks as a run
        } catch (UsageException e) {
            err.println("servmon-agent status: " + e.getMessage());
            return AgentCli.EXIT_USAGE;
        }
        try (SampleSource machine = cli.machine().get()) {
            PowerMeterChain power;
            try {
                power = PowerMeterChain.forThisMachine(options.powerSensors(), machine.logicalCpus(),
                        options.powerIdleW, options.powerMaxW);
            } catch (UsageException e) {
                err.println("servmon-agent status: " + e.getMessage());
                return AgentCli.EXIT_USAGE;
            }
            Sample sample = machine.sample();
            printMachine(out, sample, machine.logicalCpus());
            printPower(out, power, power.readOrEstimate(sample.cpuPct()));
        }
        out.printf("Key file: %s (%s)%n", options.keyFile, remembered
                .map(key -> "remembers key " + key + (options.key == null ? "" : "; --key is used instead"))
                .orElse(options.key != null ? "empty; --key is used and saved here once the server accepts it"
                        : "empty: a run asks for the key once and saves it here once the server accepts it"));
        out.printf("Broker: %s (%s); reports every %d s%n", options.bootstrap,
                options.kafkaConfig == null ? "no --kafka-config: no login" : "client settings from "
                        + options.kafkaConfig, options.interval.toSeconds());
        out.flush();
        return AgentCli.EXIT_OK;
    }

    private static void printMachine(PrintWriter out, Sample s, int logicalCpus) {
        out.printf("This machine: %s (boot id %s)%n", s.hostname(), s.bootId());
        out.printf(Locale.ROOT, "  CPU         %.1f %% of %d logical CPUs%s%n", s.cpuPct(), logicalCpus,
                s.load1() == null ? "" : String.format(Locale.ROOT, ", load %.2f", s.load1()));
        out.printf("  memory      %s%n", usedOf(s.memUsedBytes(), s.memTotalBytes()));
        out.printf("  users       %d logged in%n", s.userCount());
        out.printf("  disk /      %s%n", usedOf(s.diskUsedBytes(), s.diskTotalBytes()));
        out.printf("  network     %s%n", s.netRxBytesPerS() == null ? "not readable"
                : String.format(Locale.ROOT, "%d B/s in, %d B/s out", s.netRxBytesPerS(), s.netTxBytesPerS()));
        out.printf("  CPU temp.   %s%n", s.cpuTempC() == null ? "not readable"
                : String.format(Locale.ROOT, "%.1f °C", s.cpuTempC()));
        out.printf("  uptime      %s%n", s.uptimeS() == null ? "not readable" : s.uptimeS() + " s");
        if (s.interfaces().isEmpty()) {
            out.println("  interfaces  none with a MAC address: nothing to wake this machine by");
        }
        for (NetInterface nic : s.interfaces()) {
            out.printf("  interface   %s  MAC %s  IPv4 %s  broadcast %s  Wake-on-LAN %s%n", nic.name(), nic.mac(),
                    orNone(nic.ipv4()), orNone(nic.broadcast()), wol(nic));
        }
    }

    private static void printPower(PrintWriter out, PowerMeterChain power, PowerReading reading) {
        PowerProbe chosen = power.chosen().orElseThrow();
        out.printf(Locale.ROOT, "Power: %.1f W from %s%n", reading.watts(), reading.source());
        for (PowerProbe probe : power.probes()) {
            String state;
            if (probe == chosen) {
                state = "chosen";
            } else if (probe.isUsable()) {
                state = "usable, the fallback";
            } else {
                state = "not usable";
            }
            out.printf("  %-8s %s: %s%n", probe.source(), state, probe.detail());
        }
    }

    private static String wol(NetInterface nic) {
        if (nic.wolArmed() == null) {
            return "unknown (no ethtool, or it gave no answer for this interface)";
        }
        return nic.wolArmed() ? "armed (Wake-on: g)"
                : "not armed: sleep orders are refused (ethtool -s " + nic.name() + " wol g)";
    }

    private static String usedOf(Long used, Long total) {
        if (used == null || total == null) {
            return "not readable";
        }
        return String.format(Locale.ROOT, "%.1f GiB used of %.1f GiB", used / GIB, total / GIB);
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }
}
