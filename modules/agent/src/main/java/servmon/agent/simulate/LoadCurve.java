package servmon.agent.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU load over a day: points {@code hh:mm,cpuPct}, joined by straight lines, the last one joined to the first
 * across midnight. Read from a CSV ({@code --load}) or the built-in office-hours day.
 */
public final class LoadCurve {

    static final int SECONDS_PER_DAY = 86_400;
    private static final Pattern LINE = Pattern.compile("\\s*(\\d{1,2}):(\\d{2})\\s*,\\s*([0-9]+(?:\\.[0-9]+)?)\\s*");

    private final double[] seconds;
    private final double[] cpuPct;

    private LoadCurve(double[] seconds, double[] cpuPct) {
        this.seconds = seconds;
        this.cpuPct = cpuPct;
    }

    /** A business day: quiet nights, a morning rise, a dip at lunch, an evening tail (batch jobs at night). */
    public static LoadCurve builtInDaily() {
        return parse(List.of("00:00,14", "03:00,22", "05:00,10", "07:00,15", "09:00,55", "11:00,68", "12:30,45",
                "14:00,72", "16:00,66", "18:00,40", "20:00,25", "22:00,18"), "built-in curve");
    }

    public static LoadCurve read(Path csv) throws IOException {
        return parse(Files.readAllLines(csv, StandardCharsets.UTF_8), csv.toString());
    }

    /**
     * @param lines {@code hh:mm,cpuPct} in increasing time; blank lines, {@code #} comments and a header line
     *              (one that does not start with a digit) are skipped
     * @throws IllegalArgumentException naming the line that is wrong
     */
    static LoadCurve parse(List<String> lines, String source) {
        return parse(lines, source, "cpuPct", 100);
    }

    /**
     * A curve of any value from 0 to {@code max} (e.g. servers needed), read as {@code hh:mm,value}.
     *
     * @throws IllegalArgumentException naming the line that is wrong
     */
    public static LoadCurve parse(List<String> lines, String source, String valueName, double max) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (points.isEmpty() && !Character.isDigit(line.charAt(0)))) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            String where = source + " line " + (i + 1) + " ('" + line + "')";
            if (!m.matches()) {
                throw new IllegalArgumentException(where + ": expected hh:mm," + valueName + ", e.g. 09:30,55");
            }
            int hours = Integer.parseInt(m.group(1));
            int minutes = Integer.parseInt(m.group(2));
            double cpu = Double.parseDouble(m.group(3));
            if (hours > 23 || minutes > 59) {
                throw new IllegalArgumentException(where + ": the time must be 00:00 to 23:59");
            }
            if (cpu > max) {
                throw new IllegalArgumentException(where + ": " + valueName + " must be 0 to " + (long) max);
            }
            double at = hours * 3600.0 + minutes * 60.0;
            if (!points.isEmpty() && at <= points.getLast()[0]) {
                throw new IllegalArgumentException(where + ": times must increase from line to line");
            }
            points.add(new double[]{at, cpu});
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no hh:mm," + valueName + " line");
        }
        return new LoadCurve(points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
    }

    /** @param secondOfDay 0 (midnight) up to 86,400; any value is taken modulo a day */
    public double cpuAt(double secondOfDay) {
        double t = secondOfDay % SECONDS_PER_DAY;
        if (t < 0) {
            t += SECONDS_PER_DAY;
        }
        int n = seconds.length;
        if (n == 1) {
            return cpuPct[0];
        }
        // a handful of points: a scan is as fast as a binary search and plainer
        int next = 0;
        while (next < n && seconds[next] <= t) {
            next++;
        }
        int previous = next - 1;
        double fromT;
        double toT;
        double fromCpu;
        double toCpu;
        if (next == n || previous < 0) {  // between the last point and the first one, across midnight
            fromT = seconds[n - 1];
            toT = seconds[0] + SECONDS_PER_DAY;
            fromCpu = cpuPct[n - 1];
            toCpu = cpuPct[0];
            if (previous < 0) {
                t += SECONDS_PER_DAY;
            }
        } else {
            fromT = seconds[previous];
            toT = seconds[next];
            fromCpu = cpuPct[previous];
            toCpu = cpuPct[next];
        }
        return fromCpu + (toCpu - fromCpu) * (t - fromT) / (toT - fromT);
    }
}
