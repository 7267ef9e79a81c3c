/* The explorer's one state and every way the reader changes it.
 *
 * `state` is the link's (lstm_viz.presentation.explorer.state): s, c_prev, gate overrides (only
 * when set), w_<gate> and b_<gate>, the inputs x, the gates held at chosen steps (`held`: gate →
 * step → value) and the goal. Beside it, what the link does not carry: the selected step, whether
 * the one-step figure shows that step of the sequence (`linked`) or the reader's own s and c, and
 * where a gate moved in a linked figure is held (this step, from it on, or every step). */

import * as format from "./format.js";
import * as link from "./link.js";
import * as model from "./model.js";

const { GATES } = model;

export function createStore(spec, render) {
  const store = {
    spec,
    state: null,
    selected: 1,
    linked: false,
    holdAt: "step",
  };

  function settle(name, value) {
    const [low, high] = spec.ranges[name];
    return format.snap(Math.min(high, Math.max(low, value)), spec.decimals[name]);
  }

  const heldAt = (gate, t) => store.state.held[gate]?.[t];
  const steps = () => store.state.x.length;

  store.weights = () => Object.fromEntries(Object.keys(spec.book).map((k) => [k, store.state[k]]));
  /** The gates overridden at every step (the reader's own one-step cell uses these alone). */
  store.over = () =>
    Object.fromEntries(GATES.filter((g) => typeof store.state[g] === "number").map((g) => [g, store.state[g]]));
  /** Each overridden gate for the sequence: one number, or one value per step (null: computed). */
  store.sequenceOver = () => {
    const out = store.over();
    for (const [gate, at] of Object.entries(store.state.held)) {
      const every = typeof store.state[gate] === "number" ? store.state[gate] : null;
      out[gate] = store.state.x.map((_, k) => at[k + 1] ?? every);
    }
    return out;
  };
  /** Whether a gate is set by the reader in what the one-step figure shows. */
  store.isSet = (gate) =>
    GATES.includes(gate) &&
    (typeof store.state[gate] === "number" || (store.linked && heldAt(gate, store.selected) !== undefined));
  store.isBook = () => Object.keys(spec.book).every((k) => store.state[k] === spec.book[k]);
  store.hasOverrides = () =>
    GATES.some((g) => typeof store.state[g] === "number") || Object.keys(store.state.held).length > 0;
  /** The preset whose weights the cell has, unless an override defeats them. */
  store.activePreset = () =>
    store.hasOverrides()
      ? undefined
      : Object.keys(spec.presets).find((key) =>
          Object.entries(spec.presets[key]).every(([k, v]) => store.state[k] === v)
        );
  store.hash = () => link.writeLink(store.state, spec);
  /** The state's link without its goal: what a goal's start is compared with. */
  store.bareHash = () => link.writeLink({ ...store.state, goal: undefined }, spec);
  store.link = () => window.location.href.split("#")[0] + store.hash();

  /** The one-step cell the figure shows: the reader's own, or step `selected` of `run`. */
  store.shown = (run) => {
    const weights = store.weights();
    if (!store.linked) {
      const { s, c_prev } = store.state;
      return { t: null, s, c_prev, cell: model.step(weights, s, c_prev, store.over()) };
    }
    const k = store.selected - 1;
    const cell = {};
    for (const name of model.FIELDS) cell[name] = run[name][k];
    const c_prev = k ? run.ltm[k - 1] : run.c0;
    return { t: store.selected, s: run.s[k], c_prev, h_prev: k ? run.stm[k - 1] : 0, cell };
  };

  function holdGate(gate, value) {
    const t = store.selected;
    const held = (store.state.held[gate] ??= {});
    if (store.holdAt === "every") {
      delete store.state.held[gate];
      store.state[gate] = value;
    } else if (store.holdAt === "after") {
      for (let u = t; u <= steps(); u++) held[u] = value;
    } else held[t] = value;
  }

  /** Set one quantity: s, c_prev, a gate (then overridden), a weight, the selected step `t`, or
   * `x` (the input at step `t`, by default the selected one). In a linked figure s moves x_t, and
   * a gate is held at the selected step (or from it on, or everywhere). */
  store.set = (name, value, reason = "set", t = store.selected) => {
    if (typeof value !== "number" || !Number.isFinite(value)) return;
    if (name === "t") {
      store.selected = Math.min(steps(), Math.max(1, Math.round(value)));
      store.linked = true; // the keyboard's way of picking a step, as a tap picks it
    } else if (name === "x") {
      if (t < 1 || t > steps()) return;
      store.selected = t;
      store.state.x[t - 1] = settle("x", value);
    } else if (store.linked && name === "s") {
      const k = store.selected - 1;
      const h = k ? model.runSequence(store.weights(), store.state.x, store.state.c_prev, store.sequenceOver()).stm[k - 1] : 0;
      store.state.x[k] = settle("x", value - h);
    } else if (store.linked && name === "c_prev" && store.selected > 1) {
      return; // c_(t−1) of a later step is what the steps before it left
    } else if (store.linked && GATES.includes(name)) {
      holdGate(name, settle(name, value));
    } else if (Object.hasOwn(spec.ranges, name)) store.state[name] = settle(name, value);
    else return;
    render(reason);
  };

  store.reset = (gate) => {
    const held = store.state.held[gate];
    if (store.linked && held?.[store.selected] !== undefined && store.holdAt !== "every") {
      const last = store.holdAt === "after" ? steps() : store.selected;
      for (let u = store.selected; u <= last; u++) delete held[u];
      if (!Object.keys(held).length) delete store.state.held[gate];
    } else {
      delete store.state[gate];
      if (store.linked && store.holdAt === "every") delete store.state.held[gate];
    }
    render("reset");
  };
  store.resetAll = () => {
    const goal = store.state.goal;
    store.state = link.readLink("", spec).values;
    if (goal) store.state.goal = goal;
    store.selected = 1;
    store.linked = false;
    render("reset");
  };
  store.preset = (key) => {
    Object.assign(store.state, spec.presets[key]);
    render("preset");
  };
  store.addStep = () => {
    if (steps() >= spec.maxSteps) return;
    store.state.x.push(0);
    store.selected = steps();
    render("steps");
  };
  store.removeStep = () => {
    if (steps() <= 1) return;
    const gone = steps();
    store.state.x.pop();
    for (const [gate, at] of Object.entries(store.state.held)) {
      delete at[gone];
      if (!Object.keys(at).length) delete store.state.held[gate];
    }
    store.selected = Math.min(store.selected, steps());
    render("steps");
  };
  /** Show step t of the sequence in the one-step figure (or, with `on` false, the reader's own s
   * and c again). */
  store.select = (t, on = true) => {
    store.selected = Math.min(steps(), Math.max(1, t));
    store.linked = on;
    render("select");
  };
  store.writeHash = () => {
    const hash = store.hash();
    if (window.location.hash !== hash) window.history.replaceState(window.history.state, "", hash);
  };
  return store;
}
