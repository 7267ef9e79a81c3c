/* The one-step figure (lstm_viz.presentation.explorer.cell_figure): every column's stem, mark and
 * number, the ghost of an overridden gate, and the band of s — moved in place in both layouts. */

import { fmt } from "./format.js";
import { attr, geometry, panelY, place, px, stem, text } from "./svg.js";

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
      };
    });
    return { svg, panels, columns, band: svg.querySelector(".band") };
  });

  /** The value each column shows, from the state and the step computed with and without the
   * reader's overrides. */
  function valueOf(key, state, cell) {
    if (key === "s") return state.s;
    if (key === "c_prev") return state.c_prev;
    return cell[key];
  }

  function draw(state, cell, free, band) {
    for (const view of views) {
      for (const c of view.columns) {
        const v = valueOf(c.key, state, cell);
        const y = panelY(c.panel, v);
        stem(c.line, y, panelY(c.panel, 0));
        place(c.mark, c.x, y);
        attr(c.value, "y", px(y + 4));
        text(c.value, fmt(v));
        if (c.ghost) {
          const set = typeof state[c.key] === "number";
          c.col.classList.toggle("is-set", set);
          if (set) attr(c.ghost, "cy", px(panelY(c.panel, free[c.key])));
        }
      }
      const s = view.panels.s;
      const top = panelY(s, band.high === null ? sRange[1] : Math.min(band.high, sRange[1]));
      const bottom = panelY(s, band.low === null ? sRange[0] : Math.max(band.low, sRange[0]));
      attr(view.band, "y", px(top));
      attr(view.band, "height", px(bottom - top));
    }
  }

  /** Every draggable mark with its quantity and panel, for the pointer. */
  function handles() {
    return views.flatMap((view) =>
      view.columns
        .filter((c) => c.mark.classList.contains("handle"))
        .map((c) => ({ svg: view.svg, key: c.key, mark: c.mark, panel: c.panel }))
    );
  }

  return { draw, handles };
}
