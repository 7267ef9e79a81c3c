/* The book's scalar cell, as lstm_viz.model computes it: one step (gates.step) and a run over a
 * sequence (sequence.run_sequence). A browser test checks both against Python to 1e-9.
 *
 * `weights` holds w_<gate> and b_<gate> for every gate; `over` maps gate names to the values the
 * reader set: in a sequence one number (held at every step) or one per step (null: computed). */

export const GATES = ["forget", "input", "candidate", "output"];

/** The logistic function, in the overflow-free form of lstm_viz.model.gates.sigmoid. */
export function sigmoid(x) {
  const e = Math.exp(-Math.abs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** One step from the gate input `s` and the previous LTM `c`: every gate, kept, learned, the new
 * LTM `ltm` and the new STM `stm`. */
export function step(weights, s, c, over = {}) {
  const q = {};
  for (const name of GATES) {
    const set = over[name];
    if (typeof set === "number") q[name] = set;
    else {
      const z = weights[`w_${name}`] * s + weights[`b_${name}`];
      q[name] = name === "candidate" ? Math.tanh(z) : sigmoid(z);
    }
  }
  q.kept = q.forget * c;
  q.learned = q.input * q.candidate;
  q.ltm = q.kept + q.learned;
  q.stm = q.output * Math.tanh(q.ltm);
  return q;
}

export const FIELDS = ["x", "s", ...GATES, "kept", "learned", "ltm", "stm"];

/** The cell over the inputs `x` from the LTM `c0` and h_0 = 0: s_t = x_t + h_(t−1). Returns the
 * arrays of every field (as lstm_viz.model.sequence.Trajectory) and `c0`. */
export function runSequence(weights, x, c0, over = {}) {
  const run = { c0 };
  for (const name of FIELDS) run[name] = new Array(x.length);
  const held = Object.entries(over);
  const at = {};
  let c = c0;
  let h = 0;
  for (let t = 0; t < x.length; t++) {
    const s = x[t] + h;
    for (const [name, v] of held) at[name] = Array.isArray(v) ? v[t] : v;
    const q = step(weights, s, c, at);
    run.x[t] = x[t];
    run.s[t] = s;
    for (const name of FIELDS.slice(2)) run[name][t] = q[name];
    c = q.ltm;
    h = q.stm;
  }
  return run;
}
