/* The LSTM explorer (lstm_viz.explorer): drag the STM s, the previous LTM and the gates of the
 * figure, or use the controls under it, and watch the whole cell follow while you move.
 *
 * Everything the model needs (weights, ranges, the behaviour table's bands, which trace is which)
 * comes from the figure's layout.meta.lstm_explorer, written by Python. compute() mirrors
 * lstm_viz.gates.step; a browser test checks that the two agree to 1e-9.
 *
 * Plotly has no draggable points: pointer events are caught on the graph div in the capture phase,
 * hit-tested against the points, and followed on window. Plotly.restyle redraws the whole figure
 * (10-20 ms here), too slow for every move, and Plotly has no public call that moves a point
 * without a redraw; so while values change, the points, their numbers and stems are moved in the
 * SVG (and the shaded band resized), and one Plotly.restyle brings Plotly's data up to date when
 * they settle. A change of symbol or opacity goes through Plotly.restyle at once.
 * The state lives in the URL hash: #s=..&c=..&f=..&i=..&g=..&o=..
 */
(() => {
  "use strict";

  const GATES = ["forget", "input", "candidate", "output"];
  const RESULTS = ["kept", "learned", "ltm", "stm"];
  const ROLES = ["stm", "gates", "computed", "ltm"]; // the point traces
  const PANEL = { stm: "", gates: "2", computed: "2", ltm: "3" }; // axis suffix of each role
  const STEP = { stm: 0.1, ltm: 0.1, forget: 0.01, input: 0.01, candidate: 0.01, output: 0.01 };
  const SETTLE = 600; // ms without change before Plotly's data is brought up to date
  const TRANSLATE = /translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)\s*\)/;
  const BAR = /^M([-\d.e]+),[-\d.e]+V[-\d.e]+H([-\d.e]+)V[-\d.e]+Z$/; // a vertical bar's path

  // The logistic function, in the overflow-free form of lstm_viz.gates.sigmoid.
  const sigmoid = (x) => {
    const e = Math.exp(-Math.abs(x));
    return x >= 0 ? 1 / (1 + e) : e / (1 + e);
  };

  // One step of the book's scalar cell, as lstm_viz.gates.step computes it; `over` maps gate
  // names to the outputs the reader set.
  function compute(weights, s, c, over) {
    const q = {};
    for (const name of GATES) {
      const set = over && over[name];
      if (typeof set === "number") q[name] = set;
      else {
        const z = weights[name][0] * s + weights[name][1];
        q[name] = name === "candidate" ? Math.tanh(z) : sigmoid(z);
      }
    }
    q.kept = q.forget * c;
    q.learned = q.input * q.candidate;
    q.ltm = q.kept + q.learned;
    q.stm = q.output * Math.tanh(q.ltm);
    return q;
  }

  const clamp = (v, range) => Math.min(range[1], Math.max(range[0], v));

  // `digits` decimals, a true minus sign, no negative zero.
  function fmt(v, digits = 2) {
    const text = v.toFixed(digits);
    if (text[0] !== "-") return text;
    return /[1-9]/.test(text) ? "\u2212" + text.slice(1) : text.slice(1);
  }

  // The shortest decimal to 4 places, as lstm_viz.explorer.state_hash writes it.
  function plain(v) {
    const text = String(+v.toFixed(4));
    return text === "-0" ? "0" : text;
  }

  function same(a, b) {
    if (a === b) return true;
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, k) => x === b[k]);
  }

  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) node.appendChild(child);
    return node;
  }

  function bounds(band) {
    if (band.high === null) return `s \u2265 ${fmt(band.low, 0)}`;
    if (band.low === null) return `s < ${fmt(band.high, 0)}`;
    return `${fmt(band.low, 0)} \u2264 s < ${fmt(band.high, 0)}`;
  }

  class Explorer {
    constructor(gd, meta, useHash) {
      this.gd = gd;
      this.meta = meta;
      this.useHash = useHash;
      this.state = { stm: meta.initial.stm, ltm: meta.initial.ltm, over: {} };
      this.timers = {};
      this.drag = null;
      this.plotly = this.readPlotly(); // what Plotly's data holds
      this.drawn = this.plotly; // what the figure shows: ahead of Plotly while values move
      if (useHash) this.readHash();
      this.buildPanel();
      this.bindPointer();
      gd.on("plotly_afterplot", () => this.afterPlot());
      if (useHash) {
        window.addEventListener("hashchange", () => {
          this.readHash();
          this.render("hash");
        });
      }
      this.render("init");
    }

    /* ---------- the state ---------- */

    range(key) {
      return this.meta.ranges[key];
    }

    isSet(gate) {
      return typeof this.state.over[gate] === "number";
    }

    values() {
      return compute(this.meta.weights, this.state.stm, this.state.ltm, this.state.over);
    }

    // Set one draggable quantity: "stm", "ltm", or a gate, which is then overridden.
    set(key, value, reason = "set") {
      if (typeof value !== "number" || !isFinite(value) || !this.range(key)) return;
      value = clamp(value, this.range(key));
      if (key === "stm" || key === "ltm") this.state[key] = value;
      else this.state.over[key] = value;
      this.render(reason);
    }

    // Give one gate back to the cell, or with no key, go back to the opening state.
    reset(key) {
      if (key) delete this.state.over[key];
      else this.state = { stm: this.meta.initial.stm, ltm: this.meta.initial.ltm, over: {} };
      this.render("reset");
    }

    band(s) {
      const inside = (b) => (b.low === null || b.low <= s) && (b.high === null || s < b.high);
      return this.meta.bands.find(inside) || this.meta.bands[this.meta.bands.length - 1];
    }

    snapshot() {
      const over = {};
      for (const g of GATES) if (this.isSet(g)) over[g] = this.state.over[g];
      return { stm: this.state.stm, ltm: this.state.ltm, over };
    }

    /* ---------- the URL hash ---------- */

    readHash() {
      const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
      const st = { stm: this.meta.initial.stm, ltm: this.meta.initial.ltm, over: {} };
      for (const [key, name] of Object.entries(this.meta.hash)) {
        const raw = params.get(name);
        if (raw === null || raw.trim() === "" || !isFinite(Number(raw))) continue;
        const v = clamp(Number(raw), this.range(key));
        if (key === "stm" || key === "ltm") st[key] = v;
        else st.over[key] = v;
      }
      this.state = st;
    }

    hash() {
      const keys = this.meta.hash;
      const parts = [`${keys.stm}=${plain(this.state.stm)}`, `${keys.ltm}=${plain(this.state.ltm)}`];
      for (const g of GATES) if (this.isSet(g)) parts.push(`${keys[g]}=${plain(this.state.over[g])}`);
      return "#" + parts.join("&");
    }

    link() {
      return window.location.href.split("#")[0] + this.hash();
    }

    writeHash() {
      if (this.useHash && window.location.hash !== this.hash()) {
        window.history.replaceState(window.history.state, "", this.hash());
      }
    }

    later(name, ms, fn) {
      clearTimeout(this.timers[name]);
      this.timers[name] = setTimeout(fn, ms);
    }

    /* ---------- drawing ---------- */

    render(reason) {
      const q = this.values();
      const free = compute(this.meta.weights, this.state.stm, this.state.ltm, {});
      const circles = (n) => new Array(n).fill("circle");
      const ones = (n) => new Array(n).fill(1);
      this.target = {
        rows: {
          stm: { y: [this.state.stm], symbol: circles(1), opacity: ones(1), text: true },
          gates: {
            y: GATES.map((g) => q[g]),
            symbol: GATES.map((g) => (this.isSet(g) ? "diamond" : "circle")),
            opacity: ones(4),
            text: true,
          },
          // The value each overridden gate would have had: an open circle, hidden for the others.
          computed: {
            y: GATES.map((g) => free[g]),
            symbol: new Array(4).fill("circle-open"),
            opacity: GATES.map((g) => (this.isSet(g) ? 1 : 0)),
            text: false,
          },
          ltm: {
            y: [this.state.ltm, q.kept, q.learned, q.ltm, q.stm],
            symbol: circles(5),
            opacity: ones(5),
            text: true,
          },
        },
        band: this.bandSpan(this.band(this.state.stm)),
      };
      if (this.needsPlotly()) this.commit();
      else {
        this.move();
        this.later("commit", SETTLE, () => this.commit());
      }
      this.updatePanel(q, free);
      const detail = { reason, state: this.snapshot(), values: q };
      this.gd.dispatchEvent(new CustomEvent("lstm-explorer:update", { detail }));
      if (reason !== "init") this.later("announce", 400, () => this.announce());
      if (reason !== "init" && reason !== "drag") this.later("hash", 250, () => this.writeHash());
    }

    // What the figure's data holds now, in the form of this.target (Python drew the first state).
    readPlotly() {
      const data = this.gd.data;
      const traces = this.meta.traces;
      const rows = {};
      for (const role of ROLES) {
        const trace = data[traces[role]];
        const n = trace.y.length;
        const op = trace.marker.opacity;
        rows[role] = {
          y: Array.from(trace.y),
          symbol: Array.isArray(trace.marker.symbol) ? trace.marker.symbol.slice() : null,
          opacity: Array.isArray(op) ? op.slice() : new Array(n).fill(op === undefined ? 1 : op),
        };
      }
      const bar = data[traces.band];
      return { rows, band: [bar.base[0], bar.base[0] + bar.y[0]] };
    }

    needsPlotly() {
      const want = this.target;
      const now = this.plotly;
      return ROLES.some(
        (role) =>
          !same(want.rows[role].symbol, now.rows[role].symbol) ||
          !same(want.rows[role].opacity, now.rows[role].opacity)
      );
    }

    // One Plotly.restyle that brings every trace that differs up to the target; Plotly redraws,
    // and "plotly_afterplot" follows.
    commit() {
      clearTimeout(this.timers.commit);
      const want = this.target;
      const now = this.plotly;
      const t = this.meta.traces;
      const indices = [t.band, ...ROLES.map((role) => t[role])];
      const update = {};
      const put = (attr, index, value) => {
        update[attr] = update[attr] || new Array(indices.length).fill(undefined);
        update[attr][indices.indexOf(index)] = value;
      };
      if (!same(want.band, now.band)) {
        put("base", t.band, [want.band[0]]);
        put("y", t.band, [want.band[1] - want.band[0]]);
      }
      for (const role of ROLES) {
        const row = want.rows[role];
        const old = now.rows[role];
        if (!same(row.y, old.y)) {
          put("y", t[role], row.y);
          if (row.text) {
            put("text", t[role], row.y.map((v) => fmt(v)));
            put("error_y.array", t[role], row.y.map((v) => Math.max(-v, 0)));
            put("error_y.arrayminus", t[role], row.y.map((v) => Math.max(v, 0)));
          }
        }
        if (!same(row.symbol, old.symbol)) put("marker.symbol", t[role], row.symbol);
        if (!same(row.opacity, old.opacity)) put("marker.opacity", t[role], row.opacity);
      }
      this.plotly = want;
      this.drawn = want;
      if (Object.keys(update).length) Plotly.restyle(this.gd, update, indices);
    }

    // The part of the STM's axis the shaded band covers: the band, cut to the draggable range.
    bandSpan(band) {
      const r = this.range("stm");
      return [band.low === null ? r[0] : Math.max(band.low, r[0]),
        band.high === null ? r[1] : Math.min(band.high, r[1])];
    }

    // Move the points, numbers and stems of the traces whose values changed, and the band, in place.
    move() {
      const want = this.target;
      let ok = same(want.band, this.drawn.band) || this.moveBand(want.band);
      for (const role of ROLES) {
        if (!ok) break;
        ok = same(want.rows[role].y, this.drawn.rows[role].y) || this.moveTrace(role, want.rows[role]);
      }
      if (ok) this.drawn = want;
      else this.commit(); // not drawn as expected: let Plotly draw it
    }

    // The y pixel (from the top of panel n's plot area) of each value, or null if not drawn yet.
    pixels(n) {
      const area = this.gd.querySelector(`.nsewdrag[data-subplot="x${n}y${n}"]`);
      const height = area ? parseFloat(area.getAttribute("height")) : NaN;
      if (!(height > 0)) return null;
      const range = this.gd.layout["yaxis" + n].range;
      return (v) => ((range[1] - v) / (range[1] - range[0])) * height;
    }

    moveBand(span) {
      const path = this.gd.querySelector(".subplot.xy .barlayer .trace .point path");
      const m = path && BAR.exec(path.getAttribute("d") || "");
      const pixel = this.pixels(PANEL.stm);
      if (!m || !pixel) return false;
      path.setAttribute("d", `M${m[1]},${pixel(span[0])}V${pixel(span[1])}H${m[2]}V${pixel(span[0])}Z`);
      return true;
    }

    // The SVG group of a point trace: its subplot's scatter layer has one group per scatter trace
    // of that subplot, in the order of the data.
    traceGroup(role) {
      const data = this.gd.data;
      const index = this.meta.traces[role];
      const axis = data[index].xaxis || "x";
      let before = 0;
      for (let k = 0; k < index; k++) {
        if ((data[k].type || "scatter") === "scatter" && (data[k].xaxis || "x") === axis) before++;
      }
      const subplot = axis + (data[index].yaxis || "y");
      return this.gd.querySelectorAll(`.subplot.${subplot} .scatterlayer > .trace`)[before] || null;
    }

    moveTrace(role, row) {
      const group = this.traceGroup(role);
      if (!group) return false;
      const points = group.querySelectorAll(".points .point");
      if (points.length !== row.y.length) return false;
      const texts = group.querySelectorAll(".textpoint text");
      const stems = group.querySelectorAll(".errorbar .yerror");
      const pixel = this.pixels(PANEL[role]);
      if (!pixel) return false;
      const zero = pixel(0);
      for (let k = 0; k < points.length; k++) {
        const m = TRANSLATE.exec(points[k].getAttribute("transform") || "");
        if (!m) return false;
        const y = pixel(row.y[k]);
        points[k].setAttribute("transform", `translate(${m[1]},${y})`);
        if (texts.length === points.length) {
          texts[k].setAttribute("y", y);
          texts[k].textContent = fmt(row.y[k]);
        }
        if (stems.length === points.length) {
          stems[k].setAttribute("d", `M${m[1]},${Math.min(y, zero)}V${Math.max(y, zero)}`);
        }
      }
      return true;
    }

    // Plotly redraws from its own data (after a commit, a resize, a theme change): if the reader
    // has moved on since, move the points again.
    afterPlot() {
      this.drawn = this.plotly;
      if (this.target && !this.needsPlotly()) this.move();
    }

    /* ---------- the controls and the numbers ---------- */

    buildPanel() {
      const meta = this.meta;
      const id = this.gd.id;
      this.controls = {};
      this.outputs = {};
      this.results = {};
      this.resets = {};
      this.controlRows = {};

      const swatch = (key) => {
        const span = el("span", { class: "lstm-explorer-swatch", "aria-hidden": "true" });
        span.style.setProperty("--lstm-explorer-colour", meta.colours[key]);
        return span;
      };

      const control = (key, colourKey, name) => {
        const inputId = `${id}-${key}`;
        const [min, max] = this.range(key);
        const input = el("input", { type: "range", id: inputId, min, max, step: STEP[key] });
        input.addEventListener("input", () => this.set(key, input.valueAsNumber, "control"));
        const output = el("output", { for: inputId, class: "lstm-explorer-value" });
        const label = el("label", { for: inputId, class: "lstm-explorer-label" }, [
          swatch(colourKey),
          el("span", { text: name }),
        ]);
        const row = el("div", { class: "lstm-explorer-row", "data-quantity": key }, [
          label,
          input,
          output,
        ]);
        if (GATES.includes(key)) {
          const status = el("span", { class: "lstm-explorer-status", id: `${inputId}-status` });
          input.setAttribute("aria-describedby", status.id);
          input.addEventListener("keydown", (ev) => {
            if ((ev.key === "Delete" || ev.key === "Backspace") && this.isSet(key)) {
              ev.preventDefault();
              this.reset(key);
            }
          });
          const reset = el("button", {
            type: "button",
            class: "lstm-explorer-reset",
            "aria-label": `Reset the ${name} to its computed value`,
            text: "Reset",
          });
          reset.addEventListener("click", () => this.reset(key));
          row.append(reset, status);
          this.resets[key] = { button: reset, status };
        }
        this.controls[key] = input;
        this.outputs[key] = output;
        this.controlRows[key] = row;
        return row;
      };

      const result = (key) => {
        const output = el("output", {
          class: "lstm-explorer-value",
          "aria-labelledby": `${id}-r-${key}`,
        });
        this.results[key] = output;
        return el("div", { class: "lstm-explorer-result" }, [
          swatch(key),
          el("span", { id: `${id}-r-${key}`, text: meta.names[key] }),
          output,
        ]);
      };

      const inputs = el("fieldset", { class: "lstm-explorer-group lstm-explorer-inputs" }, [
        el("legend", { text: "What goes in" }),
        control("stm", "stm_prev", meta.names.stm_prev),
        control("ltm", "ltm_prev", meta.names.ltm_prev),
      ]);
      const gates = el("fieldset", { class: "lstm-explorer-group lstm-explorer-gates" }, [
        el("legend", { text: "The gates (move one to override it)" }),
        ...GATES.map((g) => control(g, g, meta.names[g])),
      ]);
      const results = el(
        "div",
        { class: "lstm-explorer-group lstm-explorer-results", role: "group" },
        [
          el("h2", { class: "lstm-explorer-heading", id: `${id}-results`, text: "What comes out" }),
          ...RESULTS.map(result),
        ]
      );
      results.setAttribute("aria-labelledby", `${id}-results`);

      this.bandText = el("strong");
      this.bandBounds = el("span");
      const bandLine = el("p", { class: "lstm-explorer-band" }, [
        el("span", { text: "Row of the behaviour table: " }),
        this.bandText,
        el("span", { text: " " }),
        this.bandBounds,
      ]);

      const button = (text, onClick) => {
        const b = el("button", { type: "button", class: "lstm-explorer-button", text });
        b.addEventListener("click", onClick);
        return b;
      };
      this.linkBox = el("input", {
        type: "text",
        readonly: "readonly",
        class: "lstm-explorer-link",
        "aria-label": "Link to this state",
        hidden: "hidden",
      });
      this.copyStatus = el("span", { class: "lstm-explorer-copied", role: "status" });
      const actions = el("div", { class: "lstm-explorer-actions" }, [
        button("Copy link to this state", () => this.copyLink()),
        button("Reset all", () => this.reset()),
        this.copyStatus,
        this.linkBox,
      ]);
      this.announcer = el("p", {
        class: "lstm-explorer-sr",
        "aria-live": "polite",
        "aria-atomic": "true",
      });

      this.panel = el(
        "div",
        { class: "lstm-explorer-panel", role: "group", "aria-label": "Controls of the LSTM explorer" },
        [bandLine, inputs, gates, results, actions, this.announcer]
      );
      const figure = this.gd.closest("figure") || this.gd;
      figure.after(this.panel);
      this.table = document.querySelector("table.lstm-viz-behaviour");
    }

    updatePanel(q, free) {
      const shown = { stm: this.state.stm, ltm: this.state.ltm };
      for (const g of GATES) shown[g] = q[g];
      for (const [key, input] of Object.entries(this.controls)) {
        const text = fmt(shown[key], 3);
        input.value = String(shown[key]);
        this.outputs[key].textContent = text;
        const set = GATES.includes(key) && this.isSet(key);
        input.setAttribute("aria-valuetext", set ? `${text}, set by you` : text);
      }
      for (const g of GATES) {
        const set = this.isSet(g);
        const r = this.resets[g];
        r.status.textContent = set ? `Set by you; the cell computes ${fmt(free[g], 3)}.` : "";
        r.button.disabled = !set;
        this.controlRows[g].classList.toggle("is-overridden", set);
      }
      for (const key of RESULTS) this.results[key].textContent = fmt(q[key], 3);
      const band = this.band(this.state.stm);
      if (this.shownBand === band.key) return;
      this.shownBand = band.key;
      this.bandText.textContent = band.name;
      this.bandBounds.textContent = `(${bounds(band)})`;
      if (!this.table) return;
      for (const tr of this.table.querySelectorAll("tr[data-key]")) {
        const current = tr.getAttribute("data-key") === band.key;
        tr.classList.toggle("is-current", current);
        if (current) tr.setAttribute("aria-current", "true");
        else tr.removeAttribute("aria-current");
      }
    }

    // A sentence for screen readers once the values come to rest.
    announce() {
      const q = this.values();
      const names = this.meta.names;
      const gates = GATES.map((g) => `${names[g]} ${fmt(q[g])}${this.isSet(g) ? " (set by you)" : ""}`);
      this.announcer.textContent =
        `STM ${fmt(this.state.stm)}, previous LTM ${fmt(this.state.ltm)}. ${gates.join(", ")}. ` +
        `Kept ${fmt(q.kept)}, learned ${fmt(q.learned)}, new LTM ${fmt(q.ltm)}, ` +
        `new STM ${fmt(q.stm)}. Behaviour table row: ${this.band(this.state.stm).name}.`;
    }

    copyLink() {
      const url = this.link();
      this.writeHash();
      const done = (text) => {
        this.copyStatus.textContent = text;
        this.later("copied", 4000, () => (this.copyStatus.textContent = ""));
      };
      // Without the clipboard API (or permission for it), show the link selected for copying.
      const fallback = () => {
        const box = this.linkBox;
        box.hidden = false;
        box.value = url;
        box.focus();
        box.select();
        let copied = false;
        try {
          copied = document.execCommand("copy");
        } catch (e) {
          copied = false;
        }
        done(copied ? "Link copied." : "Copy the selected link.");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(() => {
          this.linkBox.hidden = true;
          done("Link copied.");
        }, fallback);
      } else fallback();
    }

    /* ---------- dragging the points ---------- */

    // A panel's plot area in client pixels (Plotly's drag rectangle for that subplot) and ranges.
    area(n) {
      const rect = this.gd.querySelector(`.nsewdrag[data-subplot="x${n}y${n}"]`);
      return {
        rect: rect.getBoundingClientRect(),
        x: this.gd.layout["xaxis" + n].range,
        y: this.gd.layout["yaxis" + n].range,
      };
    }

    // The draggable point nearest to (clientX, clientY), within `radius` pixels.
    hit(clientX, clientY, radius) {
      const q = this.values();
      const handles = [
        { key: "stm", n: PANEL.stm, x: 0, v: this.state.stm },
        { key: "ltm", n: PANEL.ltm, x: 0, v: this.state.ltm },
        ...GATES.map((g, k) => ({ key: g, n: PANEL.gates, x: k, v: q[g] })),
      ];
      const areas = {};
      let best = null;
      for (const h of handles) {
        const a = (areas[h.n] = areas[h.n] || this.area(h.n));
        const px = a.rect.left + ((h.x - a.x[0]) / (a.x[1] - a.x[0])) * a.rect.width;
        const py = a.rect.top + ((a.y[1] - h.v) / (a.y[1] - a.y[0])) * a.rect.height;
        const dx = Math.abs(clientX - px);
        const dy = Math.abs(clientY - py);
        const column = (a.rect.width / (a.x[1] - a.x[0])) * 0.5;
        if (dx <= Math.max(Math.min(column, radius), 12) && dy <= radius && (!best || dx + dy < best.d)) {
          best = { key: h.key, area: a, d: dx + dy, v: h.v };
        }
      }
      return best;
    }

    bindPointer() {
      const gd = this.gd;
      const toValue = (area, clientY) =>
        area.y[1] - ((clientY - area.rect.top) / area.rect.height) * (area.y[1] - area.y[0]);
      gd.addEventListener(
        "pointerdown",
        (ev) => {
          if (ev.button !== 0 || this.drag) return;
          const hit = this.hit(ev.clientX, ev.clientY, ev.pointerType === "mouse" ? 16 : 28);
          if (!hit) return;
          ev.preventDefault(); // no text selection, no compatibility mouse events for Plotly
          ev.stopPropagation();
          const offset = toValue(hit.area, ev.clientY) - hit.v; // grab the point where it was hit
          this.drag = { id: ev.pointerId, key: hit.key, area: hit.area, offset };
          gd.classList.add("is-dragging");
          try {
            gd.setPointerCapture(ev.pointerId);
          } catch (e) {
            /* window still hears the moves */
          }
        },
        true
      );
      // Touch: while a point is held, the page must not scroll.
      const holdStill = (ev) => {
        if (this.drag) ev.preventDefault();
      };
      gd.addEventListener("touchstart", holdStill, { capture: true, passive: false });
      gd.addEventListener("touchmove", holdStill, { capture: true, passive: false });
      gd.addEventListener("pointermove", (ev) => {
        if (this.drag || ev.pointerType !== "mouse") return;
        gd.classList.toggle("is-over-point", !!this.hit(ev.clientX, ev.clientY, 16));
      });
      window.addEventListener("pointermove", (ev) => {
        const d = this.drag;
        if (d && ev.pointerId === d.id) this.set(d.key, toValue(d.area, ev.clientY) - d.offset, "drag");
      });
      const end = (ev) => {
        const d = this.drag;
        if (!d || ev.pointerId !== d.id) return;
        this.drag = null;
        gd.classList.remove("is-dragging");
        this.render("drop");
      };
      window.addEventListener("pointerup", end);
      window.addEventListener("pointercancel", end);
    }
  }

  /* ---------- start ---------- */

  let first = true;
  function start(gd) {
    const meta = gd.layout && gd.layout.meta && gd.layout.meta.lstm_explorer;
    if (gd.lstmExplorer || !meta) return;
    const explorer = new Explorer(gd, meta, first);
    gd.lstmExplorer = explorer;
    if (!first) return;
    first = false;
    // For the page's own links, the tests and the benchmark.
    window.lstmExplorer = {
      element: gd,
      readyAt: performance.now(),
      compute: (s, c, over) => compute(meta.weights, s, c, over),
      state: () => explorer.snapshot(),
      values: () => explorer.values(),
      set: (key, value) => explorer.set(key, value, "api"),
      reset: (key) => explorer.reset(key),
      hash: () => explorer.hash(),
    };
    document.documentElement.classList.add("lstm-explorer-ready");
  }

  for (const gd of document.querySelectorAll(".lstm-viz-figure")) {
    const scripts = (gd.getAttribute("data-lstm-viz-scripts") || "").split(" ");
    if (!scripts.includes("explorer.js")) continue;
    if (gd.layout && gd.querySelector(".main-svg")) start(gd);
    else gd.addEventListener("lstm-viz:drawn", () => start(gd));
  }
})();
