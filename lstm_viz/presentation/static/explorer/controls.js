/* The controls Python drew (lstm_viz.presentation.explorer.controls): sliders, Reset buttons,
 * presets, link buttons, the band line, the sequence's step controls, the notice — bound to the
 * store here and brought up to date on every change. */

import { fmt } from "./format.js";
import { GATES } from "./model.js";
import { attr, text } from "./svg.js";

/** How many of a link's adjusted keys the notice names, and how many characters of each. */
const NAMED = 8;
const KEY_CHARS = 12;

/** The band's bounds in words, as controls.band_bounds writes them. */
export function bandBounds(band) {
  if (band.high === null) return `s \u2265 ${fmt(band.low, 0)}`;
  if (band.low === null) return `s < ${fmt(band.high, 0)}`;
  return `${fmt(band.low, 0)} \u2264 s < ${fmt(band.high, 0)}`;
}

/** What the notice says of a link that had to be adjusted (none: ""): a few keys by name, each
 * short, however many the link repeats or invents. */
export function adjustedWords(adjusted, cut, length) {
  const words = [];
  if (cut) {
    words.push(`The link is ${length.toLocaleString("en")} characters long; the explorer reads only its beginning.`);
  }
  if (adjusted.length) {
    const named = adjusted
      .slice(0, NAMED)
      .map((key) => (key.length > KEY_CHARS ? `${key.slice(0, KEY_CHARS)}\u2026` : key || "(empty)"));
    const more = adjusted.length > NAMED ? ` and ${adjusted.length - NAMED} more` : "";
    words.push(`The link asked for what the explorer cannot show (${named.join(", ")}${more}).`);
  }
  if (!words.length) return "";
  return `${words.join(" ")} It shows the nearest state it can, and the address now links to it.`;
}

/** Places a slider's value is shown to: its quantity's, three at most. */
const shownPlaces = (spec, name) =>
  Math.min(spec.decimals[name] ?? spec.readoutPlaces, spec.readoutPlaces);

export function controls(root, store) {
  const spec = store.spec;
  const q = (selector) => root.querySelector(selector);
  const sliders = {};
  for (const input of root.querySelectorAll("input[type=range][data-quantity]")) {
    const name = input.dataset.quantity;
    sliders[name] = { input, shown: input.parentElement.querySelector(".lstm-explorer-value") };
    input.addEventListener("input", () => store.set(name, input.valueAsNumber, "control"));
    if (GATES.includes(name)) {
      input.addEventListener("keydown", (ev) => {
        if ((ev.key === "Delete" || ev.key === "Backspace") && store.isSet(name)) {
          ev.preventDefault();
          store.reset(name);
        }
      });
    }
  }
  const resets = {};
  for (const button of root.querySelectorAll("[data-reset]")) {
    const gate = button.dataset.reset;
    resets[gate] = { button, status: document.getElementById(`${root.id}-${gate}-status`) };
    button.addEventListener("click", () => {
      sliders[gate].input.focus(); // before the button is disabled: focus never falls to <body>
      store.reset(gate);
    });
  }
  const presets = [...root.querySelectorAll("[data-preset]")];
  for (const link of presets) {
    link.addEventListener("click", (ev) => {
      if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault(); // one click sets the weights and keeps the rest of the state
      store.preset(link.dataset.preset);
    });
  }
  const actions = {};
  for (const button of root.querySelectorAll("[data-action]")) actions[button.dataset.action] = button;
  actions.reset.addEventListener("click", () => store.resetAll());
  actions.add.addEventListener("click", () => store.addStep());
  actions.remove.addEventListener("click", () => store.removeStep());
  const copied = q(".lstm-explorer-copied");
  const linkBox = q(".lstm-explorer-link");
  let copiedTimer;
  actions.copy.addEventListener("click", () => {
    const url = store.link();
    store.writeHash();
    const done = (words) => {
      copied.textContent = words;
      clearTimeout(copiedTimer);
      copiedTimer = setTimeout(() => (copied.textContent = ""), 4000);
    };
    // Without the clipboard (or leave to use it), the link is shown selected for copying.
    const fallback = () => {
      linkBox.hidden = false;
      linkBox.value = url;
      linkBox.focus();
      linkBox.select();
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch {
        ok = false;
      }
      done(ok ? "Link copied." : "Copy the selected link.");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(() => {
        linkBox.hidden = true;
        done("Link copied.");
      }, fallback);
    } else fallback();
  });
  const bandName = q("[data-band-name]");
  const bandWords = q("[data-band-bounds]");
  const weightsNote = q(".lstm-explorer-weights-note");
  const about = q("[data-preset-about]");
  const behaviour = document.querySelector("table.lstm-viz-behaviour");
  const notice = q(".lstm-explorer-notice");

  function showSlider(name, value, words) {
    const s = sliders[name];
    s.input.value = String(value);
    const shown = words ?? fmt(value, shownPlaces(spec, name));
    text(s.shown, shown);
    attr(s.input, "aria-valuetext", store.isSet(name) ? `${shown}, set by you` : shown);
  }

  function presetWords() {
    const active = store.activePreset();
    if (active) return spec.presetAbout[active];
    const same = Object.keys(spec.presets).find((key) =>
      Object.entries(spec.presets[key]).every(([k, v]) => store.state[k] === v)
    );
    if (same) return `${spec.presetAbout[same]} A gate you hold overrides what these weights compute.`;
    return "Your own weights: no preset has them.";
  }

  function update(shown, free, band, run) {
    showSlider("s", shown.s);
    showSlider("c_prev", shown.c_prev);
    sliders.c_prev.input.disabled = shown.t > 1;
    for (const gate of GATES) {
      showSlider(gate, shown.cell[gate]);
      const set = store.isSet(gate);
      const where = shown.t === null ? "Set by you" : `Held at step ${shown.t} by you`;
      text(resets[gate].status, set ? `${where}; the cell computes ${fmt(free[gate], 3)}.` : "");
      resets[gate].button.disabled = !set;
      sliders[gate].input.closest(".lstm-explorer-row").classList.toggle("is-overridden", set);
    }
    for (const name of Object.keys(spec.book)) showSlider(name, store.state[name]);
    text(bandName, band.name);
    text(bandWords, `(${bandBounds(band)})`);
    weightsNote.hidden = store.isBook();
    if (behaviour) {
      for (const tr of behaviour.querySelectorAll("tr[data-key]")) {
        const current = tr.dataset.key === band.key;
        tr.classList.toggle("is-current", current);
        if (current) tr.setAttribute("aria-current", "true");
        else tr.removeAttribute("aria-current");
      }
    }
    const active = store.activePreset();
    for (const link of presets) {
      if (link.dataset.preset === active) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    }
    text(about, presetWords());
    const steps = run.x.length;
    const t = sliders.t.input;
    attr(t, "max", String(steps));
    showSlider("t", store.selected, `${store.selected} of ${steps}`);
    attr(t, "aria-valuetext", `step ${store.selected} of ${steps}`);
    showSlider("x", run.x[store.selected - 1]);
    actions.add.disabled = steps >= spec.maxSteps;
    actions.remove.disabled = steps <= 1;
    if (!linkBox.hidden) linkBox.value = store.link(); // the fallback box follows the state
  }

  function announce(words) {
    text(notice, words);
    notice.hidden = !words;
  }

  return { update, announce, adjustedWords };
}
