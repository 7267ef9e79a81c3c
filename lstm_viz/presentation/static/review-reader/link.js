/* The page's link to a review, `#review=…`: the text as encodeURIComponent writes it, with "+" for
 * a space (lstm_viz.experiment.reader.review_hash writes the same; tests/shared_cases.py holds the
 * cases both are checked against). Reading a link never throws: a review that cannot be decoded
 * is reported, one that is too long is cut. */

const KEY = "review=";

/** The first `max` characters (code points, as Python counts them) of `text`. */
export function cut(text, max) {
  const characters = Array.from(text);
  return characters.length > max ? characters.slice(0, max).join("") : text;
}

/** The hash of the link to `text` (at most `max` characters of it). */
export function writeHash(text, max) {
  let value = cut(text, max);
  if (typeof value.toWellFormed === "function") value = value.toWellFormed();
  return "#" + KEY + encodeURIComponent(value).replace(/%20/g, "+");
}

/** The review a link's `hash` holds: `{text, notice}`, `text` null when it holds none (or one that
 * cannot be decoded, which `notice` then says). */
export function readHash(hash, max) {
  const part = String(hash).replace(/^#/, "").split("&").find((p) => p.startsWith(KEY));
  if (part === undefined) return { text: null, notice: null };
  let text;
  try {
    text = decodeURIComponent(part.slice(KEY.length).replace(/\+/g, " "));
  } catch {
    return { text: null, notice: "The link's review could not be read, so the example is shown." };
  }
  const kept = cut(text, max);
  const notice =
    kept === text ? null : `The link's review was cut to its first ${max} characters.`;
  return { text: kept, notice };
}
