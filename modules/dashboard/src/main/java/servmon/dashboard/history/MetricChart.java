package servmon.dashboard.history;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A line chart of one figure over time, drawn in the browser by chart.js (servmon-metric-chart.js); hovering a
 * point shows its time and value. The points travel as epoch milliseconds so the browser shows its own time zone.
 */
@Tag("servmon-metric-chart")
@NpmPackage(value = "chart.js", version = "4.5.1")
@JsModule("./servmon-metric-chart.js")
final class MetricChart extends Component implements HasSize {

    private List<SamplePoint> points = List.of();

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
        getElement().setAttribute("aria-label", label + " chart");
        addClassName("metric-chart");
    }

    void setPoints(List<SamplePoint> points) {
        this.points = List.copyOf(points);
        ArrayNode json = JsonNodeFactory.instance.arrayNode(points.size());
        for (SamplePoint point : points) {
            ObjectNode node = json.addObject().put("t", point.at().toEpochMilli());
            if (point.value() == null) {
                node.putNull("y");
            } else {
                node.put("y", point.value());
            }
        }
        getElement().setPropertyJson("points", json);
    }

    List<SamplePoint> points() {
        return points;
    }
}
