// <servmon-metric-chart>: a chart.js line chart of {t: epoch ms, l: axis time, h: hover time, y: number|null,
// y2: number|null} points, set by MetricChart.java, which formats the times (viewer's zone, 24-hour clock).
// A null value breaks the line (spanGaps false): MetricChart puts one where reports are missing.
// With label2 set, y2 is drawn as a second line (e.g. network out beside in) and a legend names both.
// Hovering a point shows its time and its value with the unit.
import {
  CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';

Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Filler, Legend);

const PROPERTIES = ['points', 'label', 'label2', 'unit', 'max'];

class ServmonMetricChart extends HTMLElement {
  constructor() {
    super();
    this._points = [];
    this._label = '';
    this._label2 = '';
    this._unit = '';
    this._max = undefined;
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `
      <style>
        :host { display: block; position: relative; height: 16rem; min-width: 0; }
        .box { position: relative; width: 100%; height: 100%; }
        .empty { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
                 color: var(--lumo-secondary-text-color, #666); font: inherit; }
        .empty[hidden] { display: none; }
        .probe { display: none; }
        .line { color: var(--lumo-primary-color, #1676f3); }
        .fill { color: var(--lumo-primary-color-10pct, rgba(22, 118, 243, 0.1)); }
        .line2 { color: var(--lumo-success-color, #0d8050); }
        .text { color: var(--lumo-secondary-text-color, #666); }
        .grid { color: var(--lumo-contrast-10pct, rgba(0, 0, 0, 0.1)); }
      </style>
      <div class="box"><canvas role="img"></canvas></div><div class="empty" hidden>No samples yet</div>
      <span class="probe line"></span><span class="probe fill"></span><span class="probe text"></span>
      <span class="probe line2"></span>
      <span class="probe grid"></span>`;
    this._canvas = root.querySelector('canvas');
    this._empty = root.querySelector('.empty');
  }

  // Flow may set properties before this element is defined; take them over so the setters run.
  connectedCallback() {
    for (const name of PROPERTIES) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    this._render();
  }

  disconnectedCallback() {
    if (this._chart) {
      this._chart.destroy();
      this._chart = undefined;
    }
  }

  set points(value) { this._points = Array.isArray(value) ? value : []; this._render(); }
  get points() { return this._points; }
  set label(value) { this._label = value || ''; this._render(); }
  get label() { return this._label; }
  set label2(value) { this._label2 = value || ''; this._render(); }
  get label2() { return this._label2; }
  set unit(value) { this._unit = value || ''; this._render(); }
  get unit() { return this._unit; }
  set max(value) { this._max = typeof value === 'number' ? value : undefined; this._render(); }
  get max() { return this._max; }

  // Lumo's colours are CSS variables (possibly nested or in new colour syntaxes); a canvas needs resolved values.
  _color(name) {
    return getComputedStyle(this.shadowRoot.querySelector(`.probe.${name}`)).color;
  }

  _format(value) {
    if (value === null || value === undefined) return '–';
    return `${Number(value).toFixed(1)} ${this._unit}`;
  }

  _render() {
    if (!this.isConnected) return;
    const points = this._points;
    this._empty.hidden = points.length > 0;
    this.setAttribute('data-points', String(points.length));
    const labels = points.map((p) => p.l);
    const values = points.map((p) => (p.y === null || p.y === undefined ? null : p.y));
    const values2 = points.map((p) => (p.y2 === null || p.y2 === undefined ? null : p.y2));
    const color = this._color('line');
    const color2 = this._color('line2');
    const fill = this._color('fill');
    const text = this._color('text');
    const grid = this._color('grid');
    const datasets = [{
      label: this._label, data: values, borderColor: color, backgroundColor: fill, fill: !this._label2,
      tension: 0.25, pointRadius: 3, pointHoverRadius: 6, spanGaps: false,
    }];
    if (this._label2) {
      datasets.push({
        label: this._label2, data: values2, borderColor: color2, backgroundColor: color2, fill: false,
        tension: 0.25, pointRadius: 3, pointHoverRadius: 6, spanGaps: false,
      });
    }
    if (this._chart) {
      this._chart.data.labels = labels;
      this._chart.data.datasets = datasets;
      this._chart.options.plugins.legend.display = Boolean(this._label2);
      this._chart.options.scales.y.max = this._max;
      this._chart.update('none');
      return;
    }
    this._chart = new Chart(this._canvas, {
      type: 'line',
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 6, color: text }, grid: { color: grid } },
          y: {
            beginAtZero: true, max: this._max, grid: { color: grid },
            ticks: { color: text, callback: (v) => `${v} ${this._unit}` },
          },
        },
        plugins: {
          legend: { display: Boolean(this._label2), labels: { color: text } },
          tooltip: {
            callbacks: {
              title: (items) => (items.length ? this._points[items[0].dataIndex].h : ''),
              label: (item) => `${item.dataset.label}: ${this._format(item.raw)}`,
            },
          },
        },
      },
    });
  }
}

if (!customElements.get('servmon-metric-chart')) {
  customElements.define('servmon-metric-chart', ServmonMetricChart);
}
