package servmon.dashboard.history;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart of one figure over time (or two, e.g. network in and out), drawn in the browser by chart.js
 * (servmon-metric-chart.js); hovering a point shows its time and value. Times are formatted here, in the viewer's
 * time zone and always on the 24-hour clock (a browser's locale would pick "2:05 PM" in some countries), so the
 * chart reads like the page's tables. A point without a value breaks the line: see {@link ChartGaps}.
 */
@Tag("servmon-metric-chart")
@NpmPackage(value = "chart.js", version = "4.5.1")
@JsModule("./servmon-metric-chart.js")
final class MetricChart extends Component implements HasSize {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final DateTimeFormatter HOVER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private List<SamplePoint> points = List.of();
    private List<SamplePoint> second = List.of();
    private List<String> axisLabels = List.of();

    /**
     * @param label what is drawn, e.g. "CPU"
     * @param unit  shown after values, e.g. "%" or "W"
     * @param max   fixed top of the scale (100 for percentages), or null to fit the data
     */
    MetricChart(String label, String unit, Double max) {
        getElement().setProperty("label", label);
        getElement().setProperty("unit", unit);
        if (max != null) {
            getElement().setProperty("max", max);
        }
        getElement().setAttribute("aria-label", label);
        addClassName("metric-chart");
    }

    /** Draws a second line (e.g. "out" beside "in"), from the {@code second} points of {@link #setPoints}. */
    MetricChart withSecondLine(String label) {
        getElement().setProperty("label2", label);
        return this;
    }

    void setPoints(List<SamplePoint> points) {
        setPoints(points, List.of(), ZoneOffset.UTC, false);
    }

    /**
     * @param second   the second line's points, at the same times as {@code points} (empty for none)
     * @param withDate whether the axis shows the day too (ranges longer than a day)
     */
    void setPoints(List<SamplePoint> points, List<SamplePoint> second, ZoneId zone, boolean withDate) {
        this.points = List.copyOf(points);
        this.second = List.copyOf(second);
        DateTimeFormatter axis = (withDate ? DAY_AND_TIME : TIME).withZone(zone);
        DateTimeFormatter hover = HOVER.withZone(zone);
        List<String> labels = new ArrayList<>(points.size());
        ArrayNode json = JsonNodeFactory.instance.arrayNode(points.size());
        for (int i = 0; i < points.size(); i++) {
            SamplePoint point = points.get(i);
            String label = axis.format(point.at());
            labels.add(label);
            ObjectNode node = json.addObject().put("t", point.at().toEpochMilli()).put("l", label)
                    .put("h", hover.format(point.at()));
            putValue(node, "y", point.value());
            if (i < second.size()) {
                putValue(node, "y2", second.get(i).value());
            }
        }
        this.axisLabels = List.copyOf(labels);
        getElement().setPropertyJson("points", json);
    }

    private static void putValue(ObjectNode node, String name, Double value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    List<SamplePoint> points() {
        return points;
    }

    List<SamplePoint> secondPoints() {
        return second;
    }

    /** The time under each point, as the axis shows it. */
    List<String> axisLabels() {
        return axisLabels;
    }
}
