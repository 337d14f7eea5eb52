// <servmon-server-tile>: one server of the main page's tiles, drawn from a few properties that ServerTile.java sets
// (texts already in the viewer's language). One element per tile instead of about ten: the page's first response
// and every update carry a tile's figures, not its markup.
// The tile renders into its own light DOM, so the page's stylesheet (dashboard.css: .server-tile, .cpu-gauge, ...)
// styles it like any other element, and its text is the page's text (find in page, screen readers, tests).
import { html, LitElement } from 'lit';

class ServmonServerTile extends LitElement {
  static properties = {
    name: {},
    stateText: {},
    // 0–100 fills the gauge; null: unknown (the server is not up), an empty gauge showing cpuText "–"
    cpuPct: { type: Number },
    cpuText: {},
    // '', 'medium' or 'high': its own colour and mark, never red (red says OFF and nothing else)
    cpuLevel: {},
    cpuLabel: {},
    power: {},
    users: {},
    // '' or what is wrong besides the state (conflicting reports, a failed wake), for the tooltip
    note: {},
  };

  constructor() {
    super();
    this.name = '';
    this.stateText = '';
    this.cpuPct = null;
    this.cpuText = '–';
    this.cpuLevel = '';
    this.cpuLabel = '';
    this.power = '';
    this.users = '';
    this.note = '';
  }

  createRenderRoot() {
    return this;
  }

  // A tile is a link: focusable, opened by a click, Enter or Space. It says so by one bubbling 'servmon-open' event,
  // which the page hears once for all its tiles (set here, not per tile by the server: less to send for each tile).
  connectedCallback() {
    super.connectedCallback();
    this.setAttribute('role', 'link');
    if (!this.hasAttribute('tabindex')) {
      this.tabIndex = 0;
    }
    if (!this._opens) {
      const open = () => this.dispatchEvent(new CustomEvent('servmon-open', { bubbles: true }));
      this.addEventListener('click', open);
      this.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();  // Space would scroll the page
          open();
        }
      });
      this._opens = true;
    }
  }

  updated() {
    this.title = `${this.name}: ${this.stateText}${this.note ? ' ' + this.note : ''}`;
  }

  render() {
    const pct = this.cpuPct == null ? 0 : Math.max(0, Math.min(100, this.cpuPct));
    const level = this.cpuLevel ? ` cpu-${this.cpuLevel}` : '';
    return html`<h3>${this.name}</h3>
      <div class="cpu-gauge${level}" style="--cpu-pct: ${pct}" aria-label="${this.cpuLabel}">
        <span class="cpu-gauge-figure">${this.cpuText}</span></div>
      <span class="state-badge">${this.stateText}</span>
      <div class="tile-figures"><span class="tile-power">${this.power}</span><span class="tile-users">${this.users}</span></div>`;
  }
}

customElements.define('servmon-server-tile', ServmonServerTile);
