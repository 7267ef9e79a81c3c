/* The LSTM explorer's entry: one state, read from the link, changed by the figures and controls,
 * shown by both figures and written back to the link.
 *
 * Python (lstm_viz.presentation.explorer) drew everything at the opening state and wrote the data
 * this script needs into #lstm-explorer-data; nothing of the model is typed here. The state is
 * the link's: s, c_prev, gate overrides (present only when set), w_<gate> and b_<gate>, and the
 * inputs x. */

import { cellFigure } from "./cell-figure.js";
import { controls } from "./controls.js";
import { draggable } from "./drag.js";
import * as format from "./format.js";
import * as link from "./link.js";
import * as model from "./model.js";
import { sequenceFigure } from "./sequence-figure.js";

const { GATES } = model;
const root = document.getElementById("lstm-explorer");
const spec = JSON.parse(document.getElementById("lstm-explorer-data").textContent);
const isState = (hash) => hash.includes("=");

const store = {
  spec,
  state: null,
  selected: 1,
  isSet: (gate) => GATES.includes(gate) && typeof store.state[gate] === "number",
  weights: () => Object.fromEntries(Object.keys(spec.book).map((k) => [k, store.state[k]])),
  over: () => Object.fromEntries(GATES.filter(store.isSet).map((g) => [g, store.state[g]])),
  isBook: () => Object.keys(spec.book).every((k) => store.state[k] === spec.book[k]),
  activePreset: () =>
    Object.keys(spec.presets).find((key) =>
      Object.entries(spec.presets[key]).every(([k, v]) => store.state[k] === v)
    ),
  hash: () => link.writeLink(store.state, spec),
  link: () => window.location.href.split("#")[0] + store.hash(),
};

function settle(name, value) {
  const [low, high] = spec.ranges[name];
  return format.snap(Math.min(high, Math.max(low, value)), spec.decimals[name]);
}

/** Set one quantity: s, c_prev, a gate (then overridden), a weight, the selected step `t`, or
 * `x` (the input at step `t`, by default the selected one). */
store.set = (name, value, reason = "set", t = store.selected) => {
  if (typeof value !== "number" || !Number.isFinite(value)) return;
  if (name === "t") {
    store.selected = Math.min(store.state.x.length, Math.max(1, Math.round(value)));
  } else if (name === "x") {
    if (t < 1 || t > store.state.x.length) return;
    store.selected = t;
    store.state.x[t - 1] = settle("x", value);
  } else if (Object.hasOwn(spec.ranges, name)) store.state[name] = settle(name, value);
  else return;
  render(reason);
};
store.reset = (gate) => {
  delete store.state[gate];
  render("reset");
};
store.resetAll = () => {
  store.state = link.readLink("", spec).values;
  store.selected = 1;
  render("reset");
};
store.preset = (key) => {
  Object.assign(store.state, spec.presets[key]);
  render("preset");
};
store.addStep = () => {
  if (store.state.x.length >= spec.maxSteps) return;
  store.state.x.push(0);
  store.selected = store.state.x.length;
  render("steps");
};
store.removeStep = () => {
  if (store.state.x.length <= 1) return;
  store.state.x.pop();
  store.selected = Math.min(store.selected, store.state.x.length);
  render("steps");
};
store.writeHash = () => {
  const hash = store.hash();
  if (window.location.hash !== hash) window.history.replaceState(window.history.state, "", hash);
};

const band = (s) =>
  spec.bands.find((b) => (b.low === null || b.low <= s) && (b.high === null || s < b.high));

const cellSvgs = [...root.querySelectorAll(".lstm-explorer-cell")];
const sequenceSvgs = [...document.querySelectorAll(".lstm-explorer-sequence")];
const cell = cellFigure(cellSvgs, spec.ranges.s);
const sequence = sequenceFigure(sequenceSvgs, document.getElementById("sequence-table"), {
  gap: spec.tickGap,
  every: spec.tickEvery,
});
const panel = controls(root, store);
const summary = document.getElementById("lstm-explorer-summary");
const timers = {};
const later = (name, ms, fn) => {
  clearTimeout(timers[name]);
  timers[name] = setTimeout(fn, ms);
};
let dragging = false;

function values() {
  const st = store.state;
  const weights = store.weights();
  return {
    cell: model.step(weights, st.s, st.c_prev, store.over()),
    free: model.step(weights, st.s, st.c_prev),
    run: model.runSequence(weights, st.x, st.c_prev, store.over()),
  };
}

function announce() {
  const { cell: q, run } = values();
  const names = spec.names;
  const f = format.fmt;
  const gates = GATES.map((g) => `${names[g]} ${f(q[g])}${store.isSet(g) ? " (set by you)" : ""}`);
  const last = run.x.length - 1;
  summary.textContent =
    `Gate input s ${f(store.state.s)}, previous LTM ${f(store.state.c_prev)}. ${gates.join(", ")}. ` +
    `Kept ${f(q.kept)}, learned ${f(q.learned)}, new LTM ${f(q.ltm)}, new STM ${f(q.stm)}. ` +
    `Behaviour table row: ${band(store.state.s).name}. Over ${run.x.length} steps the LTM ends at ` +
    `${f(run.ltm[last])} and the STM at ${f(run.stm[last])}.`;
}

function render(reason) {
  const { cell: q, free, run } = values();
  const b = band(store.state.s);
  cell.draw(store.state, q, free, b);
  sequence.draw(run, GATES.filter(store.isSet), store.selected, reason !== "drag");
  if (reason === "drag") later("table", 150, () => sequence.drawTable(values().run, store.selected));
  panel.update(store.state, q, free, b, run);
  root.dispatchEvent(new CustomEvent("lstm-explorer:update", { detail: { reason } }));
  if (reason === "init") return;
  later("announce", 400, announce);
  if (!dragging) later("hash", 250, store.writeHash);
}

/** Read the state from the link; a value that had to change is rewritten and the reader told. */
function readHash() {
  const hash = window.location.hash;
  const { values: read, adjusted } = link.readLink(isState(hash) ? hash : "", spec);
  store.state = read;
  store.selected = Math.min(store.selected, read.x.length);
  if (adjusted.length) {
    panel.announce(
      `The link asked for what the explorer cannot show (${adjusted.join(", ")}): it shows the ` +
        "nearest state it can, and the address now links to it."
    );
    store.writeHash();
  } else panel.announce("");
}

const handleValue = (h) => {
  if (h.key === "x") return store.state.x[h.t - 1];
  if (h.key === "s" || h.key === "c_prev") return store.state[h.key];
  return values().cell[h.key];
};
draggable([...cellSvgs, ...sequenceSvgs], {
  handles: () => [...cell.handles(), ...sequence.handles()],
  value: handleValue,
  move: (h, v) => store.set(h.key, v, "drag", h.t),
  start: (h) => {
    dragging = true;
    if (h.key === "x") store.set("t", h.t, "select");
  },
  end: () => {
    dragging = false;
    render("drop");
  },
});

readHash();
render("init");
// Arriving by a state link (an exercise of the chapter, a shared link): the figure comes into view.
if (isState(window.location.hash)) {
  cellSvgs.find((svg) => svg.getBoundingClientRect().width > 0)?.scrollIntoView({ block: "nearest" });
}
window.addEventListener("hashchange", () => {
  if (!isState(window.location.hash)) return; // an in-page link: the state stays as it is
  readHash();
  render("hash");
});

// For the page's own links, the tests and the benchmark.
window.lstmExplorer = {
  element: root,
  readyAt: performance.now(),
  spec,
  model,
  link,
  format,
  state: () => structuredClone(store.state),
  selected: () => store.selected,
  values: () => values().cell,
  run: () => values().run,
  set: (name, value, t) => store.set(name, value, "api", t),
  reset: (gate) => (gate ? store.reset(gate) : store.resetAll()),
  preset: (key) => store.preset(key),
  hash: () => store.hash(),
};
document.documentElement.classList.add("lstm-explorer-ready");
