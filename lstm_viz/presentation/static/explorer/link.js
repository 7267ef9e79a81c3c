/* The explorer's state in a link, read and written as lstm_viz.presentation.explorer.state reads
 * (read_state) and writes (state_hash) it; tests/shared_cases.py is checked against both. The
 * grammar's keys, ranges, places, defaults and patterns all come from Python (`spec`). Every step
 * is linear in the link's length, and a link longer than spec.maxLink is cut there. */

import { plain, snap } from "./format.js";

/** A part of a link decoded once (a mail app's %2C is a comma); as it stands if it cannot be. */
function decoded(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function number(text, pattern) {
  const t = text.replaceAll("\u2212", "-");
  if (!pattern.test(t)) return null;
  const value = Number(t);
  return Number.isFinite(value) ? value : null;
}

/** Whether a number written with a digit other than 0 reads as 0 ("1e-400"). */
const underflows = (text, value) => value === 0 && /^[^eE]*[1-9]/.test(text);

function settle(spec, name, value) {
  const [low, high] = spec.ranges[name];
  return snap(Math.min(high, Math.max(low, value)), spec.decimals[name]);
}

function readX(values, adjust, key, raw, pattern, spec) {
  const texts = raw.split(",");
  const items = texts.map((item) => number(item, pattern));
  const good = items.filter((v) => v !== null).slice(0, spec.maxSteps);
  const xs = good.map((v) => settle(spec, "x", v));
  const lost = items.some((v, k) => v !== null && underflows(texts[k], v));
  if (!xs.length || good.length !== items.length || xs.some((v, k) => v !== good[k]) || lost) {
    adjust(key);
  }
  if (xs.length) values.x = xs;
}

/** A gate held at step k or steps k..m ("f3", "i2-11"); false when `key` is not one. */
function readHeld(values, adjust, key, raw, by, pattern, spec) {
  const match = new RegExp(spec.heldKey).exec(key);
  if (!match) return false;
  const gate = spec.gateOf[match[1]];
  const first = Number(match[2]);
  const last = Number(match[3] ?? match[2]);
  const value = number(raw, pattern);
  if (value === null || last < first || first > spec.maxSteps) {
    adjust(key);
    return true;
  }
  const at = (values.held[gate] ??= {});
  const settled = settle(spec, gate, value);
  if (settled !== value || underflows(raw, value) || last > spec.maxSteps) adjust(key);
  for (let t = first; t <= Math.min(last, spec.maxSteps); t++) {
    if (Object.hasOwn(at, t)) adjust(key);
    else {
      at[t] = settled;
      by.push([gate, t, key]);
    }
  }
  return true;
}

/** Every quantity a link names (defaults for the rest; gate overrides and goal only if named),
 * the link keys whose values had to be changed (each once), and whether it was cut. */
export function readLink(text, spec) {
  const pattern = new RegExp(spec.number);
  const names = {};
  for (const [name, key] of spec.keys) names[key] = name;
  const values = { ...spec.defaults, x: spec.defaults.x.slice(), held: {} };
  const adjusted = [];
  const adjust = (key) => {
    if (!adjusted.includes(key)) adjusted.push(key);
  };
  const whole = text.replace(/^#+/, "");
  const cut = whole.length > spec.maxLink;
  const seen = new Set();
  const by = [];
  for (const part of whole.slice(0, spec.maxLink).split("&").filter(Boolean)) {
    const plainPart = decoded(part);
    const at = plainPart.indexOf("=");
    const key = at < 0 ? plainPart : plainPart.slice(0, at);
    const raw = at < 0 ? "" : plainPart.slice(at + 1);
    const name = Object.hasOwn(names, key) ? names[key] : undefined;
    if (seen.has(key) || (name === undefined && !readHeld(values, adjust, key, raw, by, pattern, spec))) {
      adjust(key);
    }
    seen.add(key);
    if (name === undefined || adjusted.includes(key)) continue;
    if (name === "x") readX(values, adjust, key, raw, pattern, spec);
    else if (name === "goal") {
      if (Object.hasOwn(spec.goals, raw)) values.goal = raw;
      else adjust(key);
    } else {
      const value = number(raw, pattern);
      if (value === null) adjust(key);
      else {
        values[name] = settle(spec, name, value);
        if (values[name] !== value || underflows(raw, value)) adjust(key);
      }
    }
  }
  for (const [gate, t, key] of by) {
    if (t > values.x.length) {
      delete values.held[gate][t];
      adjust(key);
    }
  }
  for (const gate of Object.keys(values.held)) {
    if (!Object.keys(values.held[gate]).length) delete values.held[gate];
  }
  return { values, adjusted, cut };
}

/** The link parts of held gates, runs of equal values joined ("i1=1", "i2-11=0"). */
export function heldLinks(held, spec) {
  const parts = [];
  for (const [gate, symbol] of spec.symbols) {
    const steps = Object.entries(held[gate] ?? {}).map(([t, v]) => [Number(t), v]);
    let run = [];
    for (const [t, v] of [...steps, [0, NaN]]) {
      if (run.length && (t !== run[run.length - 1][0] + 1 || v !== run[run.length - 1][1])) {
        const first = run[0][0];
        const last = run[run.length - 1][0];
        parts.push(`${symbol}${first === last ? first : `${first}-${last}`}=${plain(run[0][1])}`);
        run = [];
      }
      run.push([t, v]);
    }
  }
  return parts;
}

/** The link of a state: s and c always, overrides when set, weights and inputs when they are
 * not the defaults, held gates, the goal, in the grammar's order. */
export function writeLink(values, spec) {
  const parts = [];
  for (const [name, key] of spec.keys) {
    const value = values[name];
    if (name === "x") {
      const xs = value.map((v) => snap(v, spec.decimals.x));
      const same = xs.length === spec.defaults.x.length && xs.every((v, k) => v === spec.defaults.x[k]);
      if (!same) parts.push(`x=${xs.map(plain).join(",")}`);
      parts.push(...heldLinks(values.held ?? {}, spec));
      continue;
    }
    if (value === undefined) continue;
    if (name === "goal") {
      parts.push(`goal=${value}`);
      continue;
    }
    const held = snap(value, spec.decimals[name]);
    const isDefault = name !== "s" && name !== "c_prev" && held === spec.defaults[name];
    if (!isDefault) parts.push(`${key}=${plain(held)}`);
  }
  return "#" + parts.join("&");
}
