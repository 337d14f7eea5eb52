package servmon.dashboard.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns chart rows into one figure's points with the gaps kept: where no report came for more than
 * {@value #MISSED_STEPS} steps (a server off, an agent stopped, a network cut), a point without a value goes in, and
 * the chart breaks its line there instead of drawing a straight line across the silence.
 */
final class ChartGaps {

    /** A missing stretch longer than this many steps is a gap; a late or lost single report is not. */
    static final int MISSED_STEPS = 3;

    private ChartGaps() {
    }

    /**
     * The step one point normally follows another by: the rows' median spacing (the agent's reporting interval for
     * samples), at least {@code bucket} (a rollup tier's bucket length; zero for samples).
     */
    static Duration step(List<ChartRow> rows, Duration bucket) {
        if (rows.size() < 2) {
            return bucket;
        }
        List<Duration> spacings = new ArrayList<>(rows.size() - 1);
        for (int i = 1; i < rows.size(); i++) {
            spacings.add(Duration.between(rows.get(i - 1).at(), rows.get(i).at()));
        }
        spacings.sort(null);
        Duration median = spacings.get(spacings.size() / 2);
        return median.compareTo(bucket) > 0 ? median : bucket;
    }

    /** The points of one figure of {@code rows} (in time order), with a break after each gap. */
    static List<SamplePoint> points(List<ChartRow> rows, Duration step, Function<ChartRow, Double> figure) {
        Duration gap = step.multipliedBy(MISSED_STEPS);
        List<SamplePoint> points = new ArrayList<>(rows.size() + 4);
        Instant previous = null;
        for (ChartRow row : rows) {
            if (previous != null && !step.isZero() && Duration.between(previous, row.at()).compareTo(gap) > 0) {
                points.add(new SamplePoint(previous.plus(step), null));
            }
            points.add(new SamplePoint(row.at(), figure.apply(row)));
            previous = row.at();
        }
        return points;
    }
}
