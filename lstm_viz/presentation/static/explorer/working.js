/* The working beside the one-step figure (lstm_viz.presentation.explorer.working): the cell's
 * equations with the shown cell's numbers, each term lighting up its point in the figure when
 * hovered or focused. One tab stop per equation; the arrow keys move between its terms. */

import { fmt } from "./format.js";
import { text } from "./svg.js";

/** The second factors, put in parentheses when negative (working.FACTORS). */
const FACTORS = new Set(["c_prev", "candidate"]);

/** A number of the working as working.term_text writes it. */
export function termText(key, value) {
  const t = fmt(value, 2);
  return FACTORS.has(key) && t.startsWith("\u2212") ? `(${t})` : t;
}

/** Each equation's text (its <p>'s textContent), keyed by equation, for the tests. */
export function texts(element) {
  return Object.fromEntries(
    [...element.querySelectorAll("[data-eq]")]
      .filter((p) => !p.classList.contains("is-off"))
      .map((p) => [p.dataset.eq, p.textContent])
  );
}

/** The working in `element`; `light(key)` lights a point of the figure (null: none). */
export function working(element, light) {
  const terms = [...element.querySelectorAll("[data-term]")];
  const subs = [...element.querySelectorAll("[data-sub]")];
  const sLine = element.querySelector('[data-eq="s"]');

  const on = (term) => {
    for (const other of terms) other.classList.toggle("is-lit", other.dataset.term === term.dataset.term);
    light(term.dataset.term);
  };
  const off = () => {
    for (const other of terms) other.classList.remove("is-lit");
    light(null);
  };
  for (const term of terms) {
    term.addEventListener("pointerenter", () => on(term));
    term.addEventListener("pointerleave", () => {
      if (document.activeElement !== term) off();
    });
    term.addEventListener("focus", () => on(term));
    term.addEventListener("blur", off);
    term.addEventListener("keydown", (ev) => {
      const shown = terms.filter((t) => !t.closest(".is-off"));
      const k = shown.indexOf(term);
      const to = { ArrowRight: k + 1, ArrowDown: k + 1, ArrowLeft: k - 1, ArrowUp: k - 1, Home: 0, End: shown.length - 1 }[ev.key];
      if (to === undefined || !shown[to]) return;
      ev.preventDefault();
      shown[to].focus();
    });
  }

  /** Put the shown cell's numbers in (`mask`: a quantity hidden until a question is answered). */
  function draw(shown, mask) {
    const t = shown.t;
    sLine.classList.toggle("is-off", t === null);
    for (const sub of subs) {
      const now = sub.dataset.sub === "t" ? (t ?? "t") : t === null ? "t\u22121" : t - 1;
      text(sub, String(now));
    }
    const values = { x: 0, ...shown.cell, s: shown.s, c_prev: shown.c_prev, h_prev: shown.h_prev ?? 0 };
    for (const term of terms) {
      const key = term.dataset.term;
      text(term, key === mask ? "?" : termText(key, values[key]));
    }
  }

  return { draw, texts: () => texts(element), termText };
}
