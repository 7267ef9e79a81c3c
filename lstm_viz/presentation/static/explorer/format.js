/* Numbers as lstm_viz.model.formatting writes them: toFixed's rounding (the exact binary value, a
 * tie away from zero), a true minus sign, no minus on a zero. tests/shared_cases.py holds the one
 * table of cases that both sides are checked against. */

/** `v` to `digits` places, with a true minus sign and none on a zero ("−0.50", "0.000"). */
export function fmt(v, digits = 2) {
  const text = v.toFixed(digits);
  if (text[0] !== "-") return text;
  return /[1-9]/.test(text) ? "\u2212" + text.slice(1) : text.slice(1);
}

/** The shortest decimal of `v` to 4 places, as a link writes it (lstm_viz.presentation.explorer.state.plain). */
export function plain(v) {
  const text = String(Number(v.toFixed(4)));
  return text === "-0" ? "0" : text;
}

/** `v` rounded to `digits` places, never −0 (lstm_viz.model.formatting.snap). */
export function snap(v, digits) {
  return Number(v.toFixed(digits)) + 0;
}
