package servmon.standalone.simday;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import servmon.events.policy.PolicySettings;
import servmon.events.policy.PowerPolicy;
import servmon.wol.policy.PolicyDecision;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./servmon simulate-day}: what a power policy would save over a day, in seconds. */
@Command(name = "simulate-day", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the wol-service's policy engine on a simulated fleet and clock and prints the kWh always "
                + "on, the kWh with the policy, the share saved, the wakes and sleeps, and the unserved demand.")
public final class SimulateDayCommand implements Callable<Integer> {

    @Option(names = "--servers", defaultValue = "100", description = "servers in the fleet (default ${DEFAULT-VALUE})")
    int servers;

    @Option(names = "--load", paramLabel = "CURVE.csv",
            description = "hh:mm,fleet_cpu_pct or (with a servers_needed header) hh:mm,servers_needed; "
                    + "default: the built-in office-hours curve")
    Path load;

    @Option(names = "--policy", paramLabel = "POLICY.yml",
            description = "policies under servmon.wol.policy, as in the wol-service's configuration; default: one "
                    + "load-balanced pool, 2 kept awake, asleep after 10 min under 60 %% CPU, wakes above 75 %%")
    Path policy;

    @Option(names = "--days", defaultValue = "1", description = "days to run, from a Monday (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the fleet's hardware and boot times")
    long seed;

    @Option(names = "--boot-delay", defaultValue = "20", paramLabel = "SECONDS",
            description = "how long a wake takes, ±20 %% per server (default ${DEFAULT-VALUE}, as the agent's "
                    + "simulate mode)")
    int bootDelayS;

    @Option(names = "--capacity", defaultValue = "80", paramLabel = "PCT",
            description = "CPU a server serves before another is needed (default ${DEFAULT-VALUE})")
    double capacityPct;

    @Option(names = "--asleep-watts", defaultValue = "2", description = "what a suspended server draws "
            + "(default ${DEFAULT-VALUE} W, ACPI S3)")
    double asleepWatts;

    private final PrintStream out;

    public SimulateDayCommand() {
        this(System.out);
    }

    SimulateDayCommand(PrintStream out) {
        this.out = out;
    }

    public static int main(String[] args) {
        return new CommandLine(new SimulateDayCommand()).execute(args);
    }

    /**
     * The policy simulate-day uses when given none (the first one of deploy/policies/pool.yml): a load-balanced pool,
     * where work spreads over every awake server, so none is ever idle in the strict sense; it is consolidated
     * instead, between 60 % (a server may go) and 75 % (one more is woken) of CPU, under the 80 % a server serves.
     */
    static PolicySettings defaultPolicy() {
        return new PolicySettings(Duration.ofSeconds(10), null, null, "UTC", List.of(new PowerPolicy("fleet-saver",
                "fleet", false, 2, new PowerPolicy.IdleSleep(60, Duration.ofMinutes(10), 5),
                new PowerPolicy.DemandWake(75), List.of())));
    }

    @Override
    public Integer call() throws Exception {
        if (servers < 1 || days < 1 || bootDelayS < 0 || !(capacityPct > 0 && capacityPct <= 100)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--servers and --days must be at least 1, --capacity over 0 and at most 100");
        }
        PolicySettings settings = policy == null ? defaultPolicy() : PolicySettings.read(policy);
        DemandCurve curve = load == null ? DemandCurve.officeHours() : DemandCurve.read(load, servers);
        long startedAt = System.nanoTime();
        FleetDaySimulator.Result result = FleetDaySimulator.run(new FleetDaySimulator.Config(servers, curve, settings,
                days, seed, Duration.ofSeconds(bootDelayS), capacityPct, asleepWatts));
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        out.printf(Locale.ROOT, "simulate-day: %d servers, %d day(s), curve %s, policy %s, seed %d%n", servers, days,
                curve.name(), policy == null ? "built-in (fleet-saver)" : policy, seed);
        out.printf(Locale.ROOT, "  always on:     %10.1f kWh%n", result.alwaysOnKwh());
        out.printf(Locale.ROOT, "  with policy:   %10.1f kWh   %.1f %% saved%n", result.policyKwh(), result.savedPct());
        out.printf(Locale.ROOT, "  sleeps %d, wakes %d%s; awake servers min %d, max %d%n", result.sleeps(),
                result.wakes(), result.dryRunDecisions() > 0 ? ", dry-run decisions " + result.dryRunDecisions() : "",
                result.minAwake(), result.maxAwake());
        out.printf(Locale.ROOT, "  unserved demand: %.1f server-minutes%n", result.unservedServerMinutes());
        for (PolicyDecision decision : result.firstDecisions()) {
            out.println("  e.g. at " + decision.at() + ": " + decision);
        }
        out.printf(Locale.ROOT, "  (ran in %.2f s)%n", seconds);
        return 0;
    }
}
