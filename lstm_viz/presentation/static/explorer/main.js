/* The LSTM explorer's entry: one state, read from the link, changed by the figures and controls,
 * shown by both figures, the working and the goals, and written back to the link.
 *
 * Python (lstm_viz.presentation.explorer) drew everything at the opening state and wrote the data
 * this script needs into #lstm-explorer-data; nothing of the model is typed here. */

import { cellFigure } from "./cell-figure.js";
import { challenges } from "./challenges.js";
import { controls } from "./controls.js";
import { draggable } from "./drag.js";
import * as format from "./format.js";
import * as link from "./link.js";
import * as model from "./model.js";
import { sequenceFigure } from "./sequence-figure.js";
import { createStore } from "./store.js";
import { stepView } from "./step-view.js";
import { working } from "./working.js";

const { GATES } = model;
const root = document.getElementById("lstm-explorer");
const spec = JSON.parse(document.getElementById("lstm-explorer-data").textContent);
/** Whether a hash holds a state (not an in-page anchor): a key=value part, maybe encoded. */
const isState = (hash) => /=|%3D/i.test(hash);

const timers = {};
const later = (name, ms, fn) => {
  clearTimeout(timers[name]);
  timers[name] = setTimeout(fn, ms);
};
let dragging = null;
const store = createStore(spec, (reason) => render(reason));

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
const work = working(document.getElementById("lstm-explorer-working"), cell.light);
const goals = challenges(store, spec, {
  render: (reason) => render(reason),
  fmt: format.fmt,
  slots: {
    cell: document.getElementById("lstm-explorer-goal-cell"),
    sequence: document.getElementById("lstm-explorer-goal-sequence"),
  },
  figures: {
    cell: () => cellSvgs.find((svg) => svg.getBoundingClientRect().width > 0),
    sequence: () => sequenceSvgs.find((svg) => svg.getBoundingClientRect().width > 0),
  },
});
const view = stepView(root, store, spec);
const summary = document.getElementById("lstm-explorer-summary");

function values() {
  const weights = store.weights();
  const run = model.runSequence(weights, store.state.x, store.state.c_prev, store.sequenceOver());
  const shown = store.shown(run);
  return { run, shown, free: model.step(weights, shown.s, shown.c_prev) };
}

function announce(met) {
  const { shown, run } = values();
  const q = shown.cell;
  const names = spec.names;
  const f = (key) => (goals.masked(key) ? "hidden until you answer" : format.fmt(q[key]));
  const gates = GATES.map((g) => `${names[g]} ${f(g)}${store.isSet(g) ? " (set by you)" : ""}`);
  const last = run.x.length - 1;
  const where = shown.t ? `Step ${shown.t} of the sequence: gate input` : "Gate input s";
  summary.textContent =
    (met.length ? `Challenge met: ${met.join("; ")}. ` : "") +
    `${where} ${format.fmt(shown.s)}, previous LTM ${format.fmt(shown.c_prev)}. ${gates.join(", ")}. ` +
    `Kept ${f("kept")}, learned ${f("learned")}, new LTM ${f("ltm")}, new STM ${f("stm")}. ` +
    `Behaviour table row: ${band(shown.s).name}. Over ${run.x.length} steps the LTM ends at ` +
    `${goals.masked("ltm") ? "a value hidden until you answer" : format.fmt(run.ltm[last])} and ` +
    `the STM at ${format.fmt(run.stm[last])}.`;
}

function render(reason) {
  const { run, shown, free } = values();
  const b = band(shown.s);
  const met = goals.check(shown, run, reason);
  const mask = goals.mask();
  cell.draw(shown, free, b, { isSet: store.isSet, mask, fixed: shown.t > 1, steps: run.x.length });
  work.draw(shown, mask);
  const held = Object.keys(store.state.held);
  const overridden = GATES.filter((g) => typeof store.state[g] === "number" || held.includes(g));
  const table = !dragging;
  sequence.draw(run, { overridden, held: store.state.held, selected: store.selected }, {
    linked: store.linked,
    table,
    freeze: dragging !== null,
    mask,
  });
  if (!table) later("table", 150, () => sequence.drawTable(values().run, store.selected, store.state.held, goals.mask()));
  panel.update(shown, free, b, run);
  view.update(shown, run);
  if (reason !== "init" && reason !== "hash") panel.announce("");
  root.dispatchEvent(new CustomEvent("lstm-explorer:update", { detail: { reason } }));
  if (reason === "init") return;
  if (met.length) announce(met);
  else later("announce", 400, () => announce([]));
  if (!dragging) later("hash", 250, store.writeHash);
}

/** Read the state from the link; a link naming a goal alone opens the goal at its start; a value
 * that had to change is rewritten and the reader told. */
function readHash() {
  const hash = window.location.hash;
  const { values: read, adjusted, cut } = link.readLink(isState(hash) ? hash : "", spec);
  const onlyGoal = read.goal && /^#?goal=[^&]*$/.test(hash);
  store.state = onlyGoal ? { ...link.readLink(spec.goals[read.goal].start, spec).values, goal: read.goal } : read;
  store.selected = Math.min(store.selected, store.state.x.length);
  if (read.goal) store.linked = false;
  goals.activate(store.state.goal);
  panel.announce(panel.adjustedWords(adjusted, cut, hash.length));
  if (adjusted.length || cut || onlyGoal) store.writeHash();
}

const handleValue = (h) => {
  if (h.key === "x") return store.state.x[h.t - 1];
  const { shown } = values();
  if (h.key === "s" || h.key === "c_prev") return shown[h.key];
  return shown.cell[h.key];
};
draggable([...cellSvgs, ...sequenceSvgs], {
  handles: () => [...cell.handles(store.linked && store.selected > 1), ...sequence.handles()],
  value: handleValue,
  snap: spec.dragSnap,
  move: (h, v) => store.set(h.key, v, "drag", h.t),
  start: (h) => {
    dragging = h;
    if (h.key === "x") store.select(h.t);
  },
  end: () => {
    dragging = null;
    render("drop");
  },
  tap: (svg, clientX) => {
    const t = sequence.stepAt(svg, clientX);
    if (t) store.select(t);
  },
});

readHash();
render("init");
// Arriving by a state link (an exercise of the chapter, a shared link): its figure comes into view.
if (isState(window.location.hash)) goals.reveal(goals.figureOf(store.state, window.location.hash));
window.addEventListener("hashchange", () => {
  if (!isState(window.location.hash)) return; // an in-page link: the state stays as it is
  readHash();
  render("hash");
  goals.reveal(goals.figureOf(store.state, window.location.hash));
});

// For the page's own links, the tests and the benchmark.
window.lstmExplorer = {
  element: root,
  readyAt: performance.now(),
  spec,
  model,
  link,
  format,
  working: work,
  goals,
  state: () => structuredClone(store.state),
  selected: () => store.selected,
  linked: () => store.linked,
  values: () => {
    const { shown } = values();
    return { step: shown.t, s: shown.s, c_prev: shown.c_prev, ...shown.cell };
  },
  run: () => values().run,
  set: (name, value, t) => store.set(name, value, "api", t),
  select: (t, on = true) => store.select(t, on),
  holdAt: (where) => {
    store.holdAt = where;
    view.update(values().shown, values().run);
  },
  reset: (gate) => (gate ? store.reset(gate) : store.resetAll()),
  preset: (key) => store.preset(key),
  hash: () => store.hash(),
};
document.documentElement.classList.add("lstm-explorer-ready");
