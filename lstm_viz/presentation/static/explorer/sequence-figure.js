/* The sequence figure (lstm_viz.presentation.explorer.sequence_figure) and its table: the inputs'
 * handles, the gates' and memories' lines (a ring where the reader holds a gate at a step), the
 * step labels, the selected step — moved in place in both layouts — and one table row per step.
 * Steps past T stay drawn but hidden. While a handle is dragged the memory's scale stays put. */

import { fmt } from "./format.js";
import { attr, geometry, panelY, place, px, stem, text } from "./svg.js";

const GATE_KEYS = ["forget", "input", "candidate", "output"];
const SERIES = [...GATE_KEYS, "ltm", "stm"];
const COLUMNS = ["x", "forget", "input", "candidate", "output", "ltm", "stm"];

/** The smallest memory scale that holds every value (sequence_figure.memory_scale). */
export function memoryScale(scales, values) {
  const largest = Math.max(...values.map(Math.abs));
  return scales.find((m) => largest <= m) ?? scales[scales.length - 1];
}

/** Legend words of each series, coinciding series named together and drawn once
 * (sequence_figure.coinciding): a series drawn under another gets null. */
export function coinciding(series, words) {
  const leaders = [];
  const labels = {};
  for (const [key, values] of Object.entries(series)) {
    const leader = leaders.find((k) => series[k].every((v, t) => v === values[t]));
    if (leader === undefined) {
      leaders.push(key);
      labels[key] = words[key];
    } else {
      labels[leader] = `${labels[leader]} = ${words[key]}`;
      labels[key] = null;
    }
  }
  return labels;
}

/** Label every n-th step, n the first of `every` that puts labels `gap` units apart
 * (sequence_figure.tick_every). */
export function tickEvery(width, steps, gap, every) {
  return every.find((n) => (width / (steps + 1)) * n >= gap);
}

export function sequenceFigure(svgs, table, ticks) {
  const views = svgs.map((svg) => {
    const g = geometry(svg);
    return {
      svg,
      g,
      steps: [...svg.querySelectorAll(".step")].map((el) => ({
        el,
        t: Number(el.dataset.t),
        line: el.querySelector(".stem"),
        mark: el.querySelector(".pin"),
      })),
      series: Object.fromEntries(
        SERIES.map((key) => {
          const el = svg.querySelector(`.series[data-key="${key}"]`);
          const parts = { line: el.querySelector(".line"), dots: el.querySelector(".dots") };
          return [key, { el, ...parts, held: el.querySelector(".held") }];
        })
      ),
      ticks: [...svg.querySelectorAll(".step-tick")],
      legend: Object.fromEntries(
        GATE_KEYS.map((key) => {
          const el = svg.querySelector(`.legend[data-key="${key}"]`);
          return [key, { el, line: el.querySelector("line"), text: el.querySelector("text") }];
        })
      ),
      words: Object.fromEntries(
        GATE_KEYS.map((key) => [key, svg.querySelector(`.legend[data-key="${key}"]`).dataset.words])
      ),
      scaleTicks: [...svg.querySelectorAll("[data-tick]")],
      selected: svg.querySelector(".selected"),
      readout: svg.querySelector(".readout"),
      scale: null,
    };
  });
  const body = table.tBodies[0];
  let steps = 0;

  function memoryPanel(g, scale) {
    const pad = 2 * scale * g.pad;
    return { ...g.panels.memory, low: -scale - pad, high: scale + pad };
  }

  function drawView(view, run, { overridden, held, selected }, { linked, freeze, mask }) {
    const { g } = view;
    const width = g.right - g.left;
    const xOf = (t) => g.left + ((t + 0.5) * width) / (steps + 1);
    if (!freeze || view.scale === null) view.scale = memoryScale(g.scales, [run.c0, ...run.ltm]);
    const scale = view.scale;
    const memory = memoryPanel(g, scale);
    view.svg.classList.toggle("is-linked", linked);
    const inputs = g.panels.x;
    const zero = panelY(inputs, 0);
    for (const s of view.steps) {
      const on = s.t <= steps;
      if (on) s.el.removeAttribute("display");
      else attr(s.el, "display", "none");
      if (!on) continue;
      const y = panelY(inputs, run.x[s.t - 1]);
      const x = xOf(s.t);
      attr(s.line, "x1", px(x));
      attr(s.line, "x2", px(x));
      stem(s.line, y, zero);
      place(s.mark, x, y);
      s.mark.classList.toggle("is-selected", s.t === selected);
    }
    for (const key of SERIES) {
      const series = view.series[key];
      let points;
      if (key === "ltm") points = [run.c0, ...run.ltm].map((v, t) => [xOf(t), panelY(memory, v)]);
      else if (key === "stm") points = [0, ...run.stm].map((v, t) => [xOf(t), panelY(memory, v)]);
      else points = run[key].map((v, t) => [xOf(t + 1), panelY(g.panels.gates, v)]);
      const list = points.map(([x, y]) => `${px(x)},${px(y)}`);
      attr(series.line, "points", list.join(" "));
      attr(series.dots, "d", list.map((p) => `M${p}h0`).join(""));
      series.el.classList.toggle("is-set", overridden.includes(key));
      series.el.classList.toggle("is-masked", key === mask);
      if (series.held) {
        const at = Object.keys(held[key] ?? {}).map(Number).filter((t) => t <= steps);
        attr(series.held, "d", at.map((t) => `M${list[t - 1]}m-6,0a6,6 0 1,0 12,0a6,6 0 1,0 -12,0`).join(""));
      }
    }
    const labels = coinciding(
      Object.fromEntries(GATE_KEYS.map((key) => [key, run[key]])),
      view.words
    );
    let right = g.right;
    for (const key of [...GATE_KEYS].reverse()) {
      const entry = view.legend[key];
      view.series[key].el.classList.toggle("is-under", labels[key] === null);
      if (labels[key] === null) {
        attr(entry.el, "display", "none");
        continue;
      }
      entry.el.removeAttribute("display");
      right -= g.legend[0] + g.legend[1] * labels[key].length;
      attr(entry.line, "x1", px(right));
      attr(entry.line, "x2", px(right + 16));
      attr(entry.text, "x", px(right + 20));
      text(entry.text, labels[key]);
    }
    const every = tickEvery(width, steps, ticks.gap, ticks.every);
    for (const tick of view.ticks) {
      const t = Number(tick.dataset.t);
      if (t <= steps && t % every === 0) {
        tick.removeAttribute("display");
        attr(tick, "x", px(xOf(t)));
      } else attr(tick, "display", "none");
    }
    view.scaleTicks.forEach((tick, k) => text(tick, fmt((k - 1) * scale, 0)));
    const gap = width / (steps + 1);
    attr(view.selected, "x", px(xOf(selected) - gap / 2));
    attr(view.selected, "width", px(gap));
    const k = selected - 1;
    const ltm = mask === "ltm" ? "?" : fmt(run.ltm[k]);
    text(view.readout, `step ${selected}: x ${fmt(run.x[k])} · LTM c ${ltm} · STM h ${fmt(run.stm[k])}`);
  }

  /** One cell of the table: its value, and "held" for a gate the reader holds there. */
  function fill(cell, value, isHeld) {
    cell.classList.toggle("is-held", isHeld);
    if (cell.textContent === value + (isHeld ? " held" : "")) return;
    cell.textContent = value;
    if (isHeld) {
      const note = document.createElement("span");
      note.className = "lstm-explorer-sr";
      note.textContent = " held";
      cell.appendChild(note);
    }
  }

  function drawTable(run, selected, held = {}, mask = null) {
    const steps = run.x.length;
    while (body.rows.length > steps) body.deleteRow(-1);
    while (body.rows.length < steps) {
      const row = body.insertRow();
      const head = document.createElement("th");
      head.scope = "row";
      head.textContent = String(body.rows.length);
      row.appendChild(head);
      for (let k = 0; k < COLUMNS.length; k++) row.insertCell();
    }
    for (let t = 0; t < steps; t++) {
      const row = body.rows[t];
      row.classList.toggle("is-selected", t + 1 === selected);
      COLUMNS.forEach((key, k) => {
        const value = key === mask ? "?" : fmt(run[key][t], 3);
        fill(row.cells[k + 1], value, held[key]?.[t + 1] !== undefined);
      });
    }
  }

  /** Move both layouts; the table too, unless `table` is false (while a drag goes on: it is
   * brought up to date when the pointer rests, and the figures carry the values meanwhile);
   * `freeze` keeps the memory's scale (a drag); `mask` hides a quantity. */
  function draw(run, marks, { linked = false, table = true, freeze = false, mask = null } = {}) {
    steps = run.x.length;
    for (const view of views) drawView(view, run, marks, { linked, freeze, mask });
    if (table) drawTable(run, marks.selected, marks.held, mask);
  }

  /** The step whose column the client x falls in, on a sequence figure (null elsewhere). */
  function stepAt(svg, clientX) {
    const view = views.find((v) => v.svg === svg);
    if (!view) return null;
    const x = new DOMPoint(clientX, 0).matrixTransform(svg.getScreenCTM().inverse()).x;
    const t = Math.round(((x - view.g.left) * (steps + 1)) / (view.g.right - view.g.left) - 0.5);
    return t >= 1 && t <= steps ? t : null;
  }

  /** Every visible input handle with its step and panel, for the pointer. */
  function handles() {
    return views.flatMap((view) =>
      view.steps
        .filter((s) => !s.el.hasAttribute("display"))
        .map((s) => ({ svg: view.svg, key: "x", t: s.t, mark: s.mark, panel: view.g.panels.x }))
    );
  }

  return { draw, drawTable, handles, stepAt };
}
