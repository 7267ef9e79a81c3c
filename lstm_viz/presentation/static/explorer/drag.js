/* Dragging the figures' handles with a mouse, pen or finger (pointer events cover all three).
 *
 * A press within `REACH` CSS pixels of a handle (a 44-pixel target, however small the drawing)
 * takes the nearest one. While it is held, its value follows the pointer's height, read afresh
 * from the drawing's position on every move and scroll, so the handle stays under the pointer
 * even when the page scrolls; a finger holding it does not scroll the page. The value snaps to
 * multiples of `snap` (so the round values the exercises ask for are easy to hit) unless Shift or
 * Alt is held; the sliders take finer steps from the keyboard. A click or tap that takes no handle
 * goes to `tap` (the sequence figure selects the step whose column it falls in). */

import { panelValue } from "./svg.js";

export const REACH = 22;

/** Where a mark stands on the screen: the centre of its box. */
function centre(mark) {
  const r = mark.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

/** The SVG y under the client point (x, y) in `svg`'s own units. */
function svgY(svg, clientX, clientY) {
  const point = new DOMPoint(clientX, clientY).matrixTransform(svg.getScreenCTM().inverse());
  return point.y;
}

/**
 * Make the handles of `svgs` draggable. `handles()` lists {svg, key, t, mark, panel}; `value(h)`
 * is a handle's current value; `move(h, value)` sets it; `start(h)` and `end(h)` bracket a drag;
 * `tap(svg, clientX)` hears a click that took no handle.
 */
export function draggable(svgs, { handles, value, move, start, end, tap, snap }) {
  let drag = null;

  function nearest(svg, x, y) {
    let best = null;
    for (const h of handles()) {
      if (h.svg !== svg) continue;
      const c = centre(h.mark);
      const dx = Math.abs(x - c.x);
      const dy = Math.abs(y - c.y);
      if (dx > REACH || dy > REACH) continue;
      const d = Math.hypot(dx, dy);
      if (!best || d < best.d) best = { h, d };
    }
    return best && best.h;
  }

  function follow() {
    const { h, svg, clientX, clientY, offset, fine } = drag;
    const v = panelValue(h.panel, svgY(svg, clientX, clientY)) - offset;
    move(h, fine ? v : Math.round(v / snap) * snap);
  }

  for (const svg of svgs) {
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0 || drag) return;
      const h = nearest(svg, ev.clientX, ev.clientY);
      if (!h) return;
      ev.preventDefault(); // no text selection, no focus change, no emulated mouse events
      const offset = panelValue(h.panel, svgY(svg, ev.clientX, ev.clientY)) - value(h);
      const fine = ev.shiftKey || ev.altKey;
      drag = { h, svg, id: ev.pointerId, clientX: ev.clientX, clientY: ev.clientY, offset, fine };
      svg.classList.add("is-dragging");
      h.mark.classList.add("is-dragged");
      try {
        svg.setPointerCapture(ev.pointerId);
      } catch {
        /* window still hears the moves */
      }
      start(h);
    });
    // A finger holding a handle must not scroll the page.
    const still = (ev) => {
      if (drag) ev.preventDefault();
    };
    svg.addEventListener("touchstart", still, { passive: false });
    svg.addEventListener("touchmove", still, { passive: false });
    svg.addEventListener("click", (ev) => {
      if (!nearest(svg, ev.clientX, ev.clientY)) tap(svg, ev.clientX);
    });
  }

  window.addEventListener("pointermove", (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    drag.fine = ev.shiftKey || ev.altKey;
    drag.clientX = ev.clientX;
    drag.clientY = ev.clientY;
    follow();
  });
  window.addEventListener(
    "scroll",
    () => {
      if (drag) follow();
    },
    { passive: true }
  );
  const stop = (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const { h, svg } = drag;
    drag = null;
    svg.classList.remove("is-dragging");
    h.mark.classList.remove("is-dragged");
    end(h);
  };
  window.addEventListener("pointerup", stop);
  window.addEventListener("pointercancel", stop);
}
