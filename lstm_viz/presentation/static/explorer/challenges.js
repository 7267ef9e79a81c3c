/* The explorer's challenges and questions (lstm_viz.presentation.explorer.goals and .challenges):
 * each challenge checked on every change, as challenges.met checks it in Python (one table of
 * cases, tests/shared_cases.py, holds both); a question hides its number until the reader has
 * predicted it. The goal being worked on moves into the slot above its figure. */

import * as link from "./link.js";
import * as model from "./model.js";
import { text } from "./svg.js";

const { GATES, sigmoid } = model;

const gateAtEnds = (spec, gate, state) =>
  spec.ranges.s.map((s) => sigmoid(state[`w_${gate}`] * s + state[`b_${gate}`]));
const isBookNeuron = (state, gate) => state[`w_${gate}`] === 1 && state[`b_${gate}`] === 0;
const written = (p, run) => run.x.length >= p.steps && run.learned[0] >= p.written;

/** Each challenge's check: `p` its thresholds, `at` what the page shows (situation). */
export const CHECKS = {
  "clear-and-write": (p, { cell }) =>
    cell.c_prev >= p.memory && Math.abs(cell.kept) <= p.within && Math.abs(cell.ltm - p.target) <= p.within,
  keep: (p, at, spec) =>
    !["forget", "input"].some((g) => at.overridden.has(g) || at.held.has(g)) &&
    Math.min(...gateAtEnds(spec, "forget", at.state)) >= p.open &&
    Math.max(...gateAtEnds(spec, "input", at.state)) <= p.shut,
  "most-taken": (p, at) =>
    isBookNeuron(at.state, "input") &&
    isBookNeuron(at.state, "candidate") &&
    !at.overridden.has("input") &&
    !at.overridden.has("candidate") &&
    at.cell.learned <= p.least + p.within,
  hide: (p, { cell }) => cell.ltm >= p.memory && Math.abs(cell.stm) <= p.within,
  hold: (p, { run }) => {
    if (!written(p, run)) return false;
    const later = (list) => list.slice(1, p.steps);
    return later(run.x).every((v) => Math.abs(v) <= p.quiet) && later(run.ltm).every((c) => Math.abs(c - run.ltm[0]) <= p.within);
  },
  "clear-on-cue": (p, { run }) =>
    written(p, run) &&
    run.ltm.slice(1, p.at - 1).every((c) => Math.abs(c - run.ltm[0]) <= p.within) &&
    run.ltm.slice(p.at - 1, p.steps).every((c) => Math.abs(c) <= p.empty),
};

/** What the page shows at a state read from a link (its own s and c in the one-step figure). */
export function situationOf(state, spec) {
  const weights = Object.fromEntries(Object.keys(spec.book).map((k) => [k, state[k]]));
  const over = Object.fromEntries(GATES.filter((g) => typeof state[g] === "number").map((g) => [g, state[g]]));
  const sequenceOver = { ...over };
  for (const [gate, at] of Object.entries(state.held)) {
    sequenceOver[gate] = state.x.map((_, k) => at[k + 1] ?? over[gate] ?? null);
  }
  const cell = { s: state.s, c_prev: state.c_prev, ...model.step(weights, state.s, state.c_prev, over) };
  const run = model.runSequence(weights, state.x, state.c_prev, sequenceOver);
  return { state, cell, run, overridden: new Set(Object.keys(over)), held: new Set(Object.keys(state.held)) };
}

/** Whether the state of `text` (a link) meets challenge `key`. */
export function met(key, text, spec) {
  const state = link.readLink(text, spec).values;
  return CHECKS[key](spec.goals[key].params, situationOf(state, spec), spec);
}

/** A number as a reader types it: a true or plain minus, a decimal point or comma. */
export function readNumber(typed) {
  const t = typed.trim().replaceAll("\u2212", "-").replace(",", ".");
  return /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(t) ? Number(t) : null;
}

export function challenges(store, spec, { slots, figures, render, fmt }) {
  const cards = {};
  const homes = {};
  for (const card of document.querySelectorAll("[data-challenge], [data-predict]")) {
    const key = card.dataset.challenge ?? card.dataset.predict;
    cards[key] = card;
    homes[key] = document.createComment(key);
    card.before(homes[key]);
  }
  let active = null;
  const goal = () => (active ? spec.goals[active] : null);

  function show(card, on) {
    card.querySelector("[data-open]").hidden = on;
    card.querySelector("[data-restart]").hidden = !on;
    card.querySelector("[data-leave]").hidden = !on;
    card.classList.toggle("is-active", on);
  }

  /** Make `key` the goal being worked on (undefined: none); its card moves above its figure. */
  function activate(key) {
    const next = key && Object.hasOwn(cards, key) ? key : null;
    if (next === active) return;
    if (active) {
      homes[active].after(cards[active]);
      show(cards[active], false);
    }
    active = next;
    if (!active) return;
    const focused = cards[active].contains(document.activeElement); // its "Try it" was clicked
    slots[spec.goals[active].figure].append(cards[active]);
    show(cards[active], true);
    if (focused) cards[active].focus({ preventScroll: true });
  }

  function solved(card, on) {
    card.dataset.solved = String(on);
    text(card.querySelector("[data-status]"), on ? "Done \u2713" : "Not met yet.");
    card.querySelector(".lstm-explorer-goal-why").hidden = !on;
  }

  function restart(key) {
    const card = cards[key];
    if (card.dataset.challenge) solved(card, false);
    else {
      card.dataset.answered = "false";
      card.querySelector("input").value = "";
      text(card.querySelector("[data-status]"), "");
      card.querySelector(".lstm-explorer-reveal").hidden = true;
    }
    store.state = { ...link.readLink(spec.goals[key].start, spec).values, goal: key };
    store.selected = 1;
    store.linked = false;
    render("goal");
  }

  for (const [key, card] of Object.entries(cards)) {
    card.querySelector("[data-restart]").addEventListener("click", () => restart(key));
    card.querySelector("[data-leave]").addEventListener("click", () => {
      delete store.state.goal;
      activate(null);
      card.querySelector("[data-open]").focus();
      render("goal");
    });
    const form = card.querySelector("form");
    if (!form) continue;
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const said = readNumber(form.querySelector("input").value);
      const verdict = card.querySelector("[data-status]");
      if (said === null) {
        text(verdict, "Type a number first: your prediction, such as 0.5.");
        return;
      }
      const answer = spec.goals[key].answer;
      const right = Math.abs(said - answer) <= spec.goals[key].params.within;
      text(verdict, `${right ? "Right" : "Not quite"}: you said ${fmt(said)}, the model says ${fmt(answer)}.`);
      card.dataset.answered = "true";
      card.querySelector(".lstm-explorer-reveal").hidden = false;
      render("answer");
    });
  }

  /** Check every challenge against what the page shows; returns the words of those met now. */
  function check(shown, run) {
    const state = store.state;
    const t = shown.t;
    const overridden = new Set(
      GATES.filter((g) => typeof state[g] === "number" || (t !== null && state.held[g]?.[t] !== undefined))
    );
    const at = {
      state,
      cell: { s: shown.s, c_prev: shown.c_prev, ...shown.cell },
      run,
      overridden,
      held: new Set(Object.keys(state.held)),
    };
    const now = [];
    for (const [key, check] of Object.entries(CHECKS)) {
      const card = cards[key];
      if (card.dataset.solved === "true" || !check(spec.goals[key].params, at, spec)) continue;
      solved(card, true);
      now.push(card.querySelector(".lstm-explorer-goal-words").textContent);
    }
    return now;
  }

  /** The quantity a question hides while the page shows its state unanswered. */
  function mask() {
    const g = goal();
    if (!g || g.kind !== "question" || cards[active].dataset.answered === "true") return null;
    if (store.linked || store.bareHash() !== g.start) return null;
    return g.target.split("@")[0];
  }

  /** The figure a state is about: its goal's, else the sequence for a link that sets inputs or
   * holds gates at steps, else the one-step figure. */
  function figureOf(state, hash) {
    if (state.goal) return spec.goals[state.goal].figure;
    return /[#&](x|[figo][1-9][0-9]?(-[1-9][0-9]?)?)=/.test(hash) ? "sequence" : "cell";
  }

  /** Bring a figure into view, with the goal's card above it when both fit. */
  function reveal(figure) {
    const svg = figures[figure]();
    if (!svg) return;
    const header = document.querySelector(".bd-header")?.getBoundingClientRect().bottom ?? 0;
    const room = window.innerHeight - Math.max(0, header);
    const box = svg.getBoundingClientRect();
    const slot = slots[figure].getBoundingClientRect();
    const top = slot.height && box.bottom - slot.top <= room ? slot.top : box.top;
    window.scrollTo({ top: window.scrollY + top - Math.max(0, header) - 4, behavior: "instant" });
  }

  return {
    check,
    mask,
    masked: (key) => mask() === key,
    activate,
    active: () => active,
    figureOf,
    reveal,
    met: (key, text) => met(key, text, spec),
  };
}
