/* The explorer's state in a link, read and written as lstm_viz.presentation.explorer.state reads (read_state)
 * and writes (state_hash) it; tests/shared_cases.py is checked against both. The grammar's keys,
 * ranges, places, defaults and number pattern all come from Python (`spec`). */

import { plain, snap } from "./format.js";

function number(text, pattern) {
  let decoded;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    return null;
  }
  if (!pattern.test(decoded)) return null;
  const value = Number(decoded);
  return Number.isFinite(value) ? value : null;
}

function settle(spec, name, value) {
  const [low, high] = spec.ranges[name];
  return snap(Math.min(high, Math.max(low, value)), spec.decimals[name]);
}

/** Every quantity a link names (defaults for the rest; gate overrides only if named), and the
 * link keys whose values had to be changed: clamped, rounded, dropped, repeated or unknown. */
export function readLink(text, spec) {
  const pattern = new RegExp(spec.number);
  const names = {};
  for (const [name, key] of spec.keys) names[key] = name;
  const values = { ...spec.defaults, x: spec.defaults.x.slice() };
  const adjusted = [];
  const seen = new Set();
  for (const part of text.replace(/^#+/, "").split("&").filter(Boolean)) {
    const at = part.indexOf("=");
    const key = at < 0 ? part : part.slice(0, at);
    const raw = at < 0 ? "" : part.slice(at + 1);
    const name = Object.hasOwn(names, key) ? names[key] : undefined;
    if (name === undefined || seen.has(key)) {
      adjusted.push(key);
      continue;
    }
    seen.add(key);
    if (name === "x") {
      const items = raw.split(",").map((item) => number(item, pattern));
      const good = items.filter((v) => v !== null).slice(0, spec.maxSteps);
      const xs = good.map((v) => settle(spec, "x", v));
      if (!xs.length || good.length !== items.length || xs.some((v, k) => v !== good[k])) {
        adjusted.push(key);
      }
      if (xs.length) values.x = xs;
      continue;
    }
    const value = number(raw, pattern);
    if (value === null) {
      adjusted.push(key);
      continue;
    }
    values[name] = settle(spec, name, value);
    if (values[name] !== value) adjusted.push(key);
  }
  return { values, adjusted };
}

/** The link of a state: s and c always, overrides when set, weights and inputs when they are
 * not the defaults, in the grammar's order. */
export function writeLink(values, spec) {
  const parts = [];
  for (const [name, key] of spec.keys) {
    const value = values[name];
    if (value === undefined) continue;
    if (name === "x") {
      const xs = value.map((v) => snap(v, spec.decimals.x));
      const same = xs.length === spec.defaults.x.length && xs.every((v, k) => v === spec.defaults.x[k]);
      if (!same) parts.push(`x=${xs.map(plain).join(",")}`);
      continue;
    }
    const held = snap(value, spec.decimals[name]);
    const isDefault = name !== "s" && name !== "c_prev" && held === spec.defaults[name];
    if (!isDefault) parts.push(`${key}=${plain(held)}`);
  }
  return "#" + parts.join("&");
}
