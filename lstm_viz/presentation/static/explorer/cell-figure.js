/* The one-step figure (lstm_viz.presentation.explorer.cell_figure): every column's stem, mark and
 * number, the ghost of an overridden gate, the band of s, and which step it shows — moved in
 * place in both layouts. A number stands above or below its own mark (labelY), never beside it
 * where a neighbour's mark could cover it. */

import { fmt } from "./format.js";
import { attr, geometry, panelY, place, px, stem, text } from "./svg.js";

/** Where a value's number stands (the SVG y of its baseline): beyond the mark, away from zero,
 * unless that leaves the panel or meets the ghost; then on the other side. cell_figure.label_y
 * places the opening state's numbers the same way. */
export function labelY(panel, y, zero, ghost = null) {
  const sides = y <= zero ? [y - 15, y + 24] : [y + 24, y - 15];
  const fits = (base) =>
    base - 11 >= panel.top - 14 &&
    base + 3 <= panel.bottom + 10 &&
    (ghost === null || base + 3 < ghost - 9 || base - 11 > ghost + 9);
  return sides.find(fits) ?? sides[0];
}

/** The figure's elements, found once; `draw` then moves them (`sRange`: where s can go). */
export function cellFigure(svgs, sRange) {
  const views = svgs.map((svg) => {
    const panels = geometry(svg);
    const columns = [...svg.querySelectorAll(".col")].map((col) => {
      const panel = panels[col.closest(".panel").dataset.panel];
      const line = col.querySelector(".stem");
      return {
        key: col.dataset.key,
        col,
        panel,
        x: Number(line.getAttribute("x1")),
        line,
        mark: col.querySelector(".pin"),
        value: col.querySelector(".val"),
        ghost: col.querySelector(".ghost"),
        sub: col.querySelector(".sym tspan"),
      };
    });
    return { svg, panels, columns, band: svg.querySelector(".band"), label: svg.querySelector(".step-label") };
  });

  /** The value each column shows. */
  function valueOf(key, shown) {
    if (key === "s") return shown.s;
    if (key === "c_prev") return shown.c_prev;
    return shown.cell[key];
  }

  /** Draw `shown` (store.shown: s, c_prev, the cell, and the step t or null); `free` is the cell
   * without the reader's overrides; `isSet(gate)`; `mask` a quantity hidden until a question is
   * answered; `fixed` when c_(t−1) is what earlier steps left and cannot be dragged. */
  function draw(shown, free, band, { isSet, mask, fixed, steps }) {
    const t = shown.t;
    const subs = { s: t ? String(t) : "", c_prev: t ? String(t - 1) : "t\u22121", ltm: t ? String(t) : "t", stm: t ? String(t) : "t" };
    for (const view of views) {
      view.svg.classList.toggle("is-linked", t !== null);
      if (view.label) text(view.label, t ? `step ${t} of ${steps}` : "");
      for (const c of view.columns) {
        const v = valueOf(c.key, shown);
        const y = panelY(c.panel, v);
        const zero = panelY(c.panel, 0);
        const set = c.ghost !== null && isSet(c.key);
        const ghost = set ? panelY(c.panel, free[c.key]) : null;
        stem(c.line, y, zero);
        place(c.mark, c.x, y);
        attr(c.value, "y", px(labelY(c.panel, y, zero, ghost)));
        text(c.value, mask === c.key ? "?" : fmt(v));
        c.col.classList.toggle("is-masked", mask === c.key);
        if (c.sub && Object.hasOwn(subs, c.key)) text(c.sub, subs[c.key]);
        if (c.ghost) {
          c.col.classList.toggle("is-set", set);
          if (set) attr(c.ghost, "cy", px(ghost));
        }
        if (c.key === "c_prev") c.col.classList.toggle("is-fixed", fixed);
      }
      const s = view.panels.s;
      const top = panelY(s, band.high === null ? sRange[1] : Math.min(band.high, sRange[1]));
      const bottom = panelY(s, band.low === null ? sRange[0] : Math.max(band.low, sRange[0]));
      attr(view.band, "y", px(top));
      attr(view.band, "height", px(bottom - top));
    }
  }

  /** Light up the column of `key` (a term of the working hovered or focused), or none. */
  function light(key) {
    for (const view of views) {
      for (const c of view.columns) c.col.classList.toggle("is-lit", c.key === key);
    }
  }

  /** Every draggable mark with its quantity and panel, for the pointer (without c_(t−1) when
   * it is `fixed`). */
  function handles(fixed = false) {
    return views.flatMap((view) =>
      view.columns
        .filter((c) => c.mark.classList.contains("handle") && !(fixed && c.key === "c_prev"))
        .map((c) => ({ svg: view.svg, key: c.key, mark: c.mark, panel: c.panel }))
    );
  }

  return { draw, handles, light };
}
