/* What both figures share: a panel's scale (lstm_viz.presentation.explorer.svg.Panel), setting an
 * attribute or a text only when it changes, and reading the geometry Python wrote. */

/** The SVG y of `value` in `panel` (left, right, top, bottom, low, high), clamped to the panel. */
export function panelY(panel, value) {
  const v = Math.min(panel.high, Math.max(panel.low, value));
  return panel.bottom - ((v - panel.low) / (panel.high - panel.low)) * (panel.bottom - panel.top);
}

/** The value at the SVG y `y` of `panel` (not clamped). */
export function panelValue(panel, y) {
  return panel.low + ((panel.bottom - y) / (panel.bottom - panel.top)) * (panel.high - panel.low);
}

/** A coordinate as Python writes it: at most two places. */
export const px = (v) => String(Math.round(v * 100) / 100);

/** Set attribute `name` of `el` to `value` unless it already has it. */
export function attr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Set the text of `el` unless it already shows it. */
export function text(el, value) {
  if (el.textContent !== value) el.textContent = value;
}

/** The geometry Python wrote into an SVG's data-geometry. */
export function geometry(svg) {
  return JSON.parse(svg.getAttribute("data-geometry"));
}

/** Move a mark (a <g>) to (x, y). */
export function place(mark, x, y) {
  attr(mark, "transform", `translate(${px(x)},${px(y)})`);
}

/** A stem from the zero line to y. */
export function stem(line, y, zero) {
  attr(line, "y1", px(Math.min(y, zero)));
  attr(line, "y2", px(Math.max(y, zero)));
}
