package servmon.standalone.simday;

import servmon.agent.simulate.LoadCurve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The work a fleet must do over a day, interpolated between {@code hh:mm} points: either as servers needed
 * ({@code hh:mm,servers_needed}) or as the whole fleet's CPU ({@code hh:mm,fleet_cpu_pct}, the average over all
 * servers if all were on). A header line says which; without one, values are fleet CPU.
 */
final class DemandCurve {

    enum Kind { SERVERS_NEEDED, FLEET_CPU_PCT }

    private final String name;
    private final Kind kind;
    private final LoadCurve curve;

    private DemandCurve(String name, Kind kind, LoadCurve curve) {
        this.name = name;
        this.kind = kind;
        this.curve = curve;
    }

    /** Office hours: a quiet night, a morning rise from 07:30, a lunch dip, the evening off by 20:00. */
    static DemandCurve officeHours() {
        return new DemandCurve("built-in office hours", Kind.FLEET_CPU_PCT, LoadCurve.parse(List.of(
                "00:00,4", "06:00,4", "07:30,18", "09:00,45", "12:00,50", "13:00,38", "14:00,50", "17:00,46",
                "18:30,18", "20:00,7", "23:00,4"), "built-in curve", "fleet_cpu_pct", 100));
    }

    /** All day as busy as at noon: little to save. */
    static DemandCurve flat(double fleetCpuPct) {
        return new DemandCurve("flat " + fleetCpuPct + " %", Kind.FLEET_CPU_PCT, LoadCurve.parse(List.of(
                "00:00," + fleetCpuPct), "flat curve", "fleet_cpu_pct", 100));
    }

    static DemandCurve read(Path csv, int servers) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        boolean serversNeeded = lines.stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).findFirst()
                .map(line -> line.toLowerCase(Locale.ROOT).contains("servers_needed")).orElse(false);
        return serversNeeded
                ? new DemandCurve(csv.toString(), Kind.SERVERS_NEEDED,
                LoadCurve.parse(lines, csv.toString(), "servers_needed", servers))
                : new DemandCurve(csv.toString(), Kind.FLEET_CPU_PCT,
                LoadCurve.parse(lines, csv.toString(), "fleet_cpu_pct", 100));
    }

    String name() {
        return name;
    }

    Kind kind() {
        return kind;
    }

    /**
     * The work at a time of day, in percent of one server's CPU (a fleet of 100 at 40 % is 4,000).
     *
     * @param capacityPct what one server serves before it counts as full, for a curve of servers needed
     */
    double workAt(double secondOfDay, int servers, double capacityPct) {
        double value = curve.cpuAt(secondOfDay);
        return kind == Kind.SERVERS_NEEDED ? value * capacityPct : value * servers;
    }
}
