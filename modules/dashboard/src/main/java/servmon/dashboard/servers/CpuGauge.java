package servmon.dashboard.servers;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import servmon.dashboard.base.ui.Texts;

import java.util.Locale;

/** The seed's circular CPU bar: a conic gradient filled to the CPU %, the figure in the middle (no JavaScript). */
final class CpuGauge extends Div {

    private final Span figure = new Span();

    CpuGauge() {
        addClassName("cpu-gauge");
        figure.addClassName("cpu-gauge-figure");
        add(figure);
        setCpu(null);
    }

    /** @param cpuPct 0–100, or null when unknown */
    void setCpu(Double cpuPct) {
        double pct = cpuPct == null ? 0 : Math.max(0, Math.min(100, cpuPct));
        getStyle().set("--cpu-pct", String.format(Locale.ROOT, "%.1f", pct));
        figure.setText(cpuPct == null ? "–" : String.format(Locale.ROOT, "%.0f%%", pct));
        boolean high = cpuPct != null && pct >= FleetServer.HIGH_CPU_PCT;
        // high load has its own colour and a mark (dashboard.css), never red: red says OFF and nothing else
        setClassName("cpu-high", high);
        setClassName("cpu-medium", cpuPct != null && pct >= 50 && !high);
        getElement().setAttribute("aria-label", cpuPct == null ? Texts.get("servers.cpu.unknown")
                : Texts.get(high ? "servers.cpu.high" : "servers.cpu", figure.getText()));
    }

    String figureText() {
        return figure.getText();
    }
}
