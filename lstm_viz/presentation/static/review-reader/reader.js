/* A review read by the page's two trained models, as lstm_viz.experiment.reader reads it in numpy:
 * the text's words (lower case, runs of letters and digits), the nearest known word to each unknown
 * one, and each model's memory and probabilities of the task's scores after every known word.
 *
 * `data` is the page's JSON (lstm_viz.experiment.page.reader_data): the vocabulary, the scores,
 * the opinion words and both models' weights, as the weights file holds them. A Chromium test checks
 * read() against Python to 1e-9 over hundreds of reviews; nothing here touches the page. */

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of `text`: lower case, runs of letters and digits, in order. */
export function words(text) {
  return String(text).toLowerCase().match(WORD) || [];
}

/** Levenshtein distance, counted in characters (code points, as Python counts them). */
function distance(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  const row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const here = Math.min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] === y[j - 1] ? 0 : 1));
      previous = row[j];
      row[j] = here;
    }
  }
  return row[y.length];
}

/** The known word closest to `word` in spelling (the first of the vocabulary on a tie). */
export function nearest(word, vocabulary) {
  let best = vocabulary[0];
  let least = Infinity;
  for (const known of vocabulary) {
    const d = distance(word, known);
    if (d < least) [best, least] = [known, d];
  }
  return best;
}

/** `review` with each opinion word turned into the other (bad ↔ good). */
export function swapped(review, opinions) {
  const [a, b] = opinions;
  return review.map((w) => (w === a ? b : w === b ? a : w));
}

function sigmoid(z) {
  const e = Math.exp(-Math.abs(z));
  return z >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** Row r of x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh for the one-hot word `j`, summed in numpy's order. */
function preactivation(m, j, h, r) {
  let recurrent = 0;
  for (let k = 0; k < h.length; k++) recurrent += h[k] * m.w_hh[r][k];
  return m.w_ih[r][j] + m.b_ih[r] + recurrent + m.b_hh[r];
}

function rnnStep(m, j, state) {
  return { h: state.h.map((_, r) => Math.tanh(preactivation(m, j, state.h, r))) };
}

function lstmStep(m, j, state) {
  const size = state.h.length;
  const h = new Array(size);
  const c = new Array(size);
  for (let u = 0; u < size; u++) {
    const i = sigmoid(preactivation(m, j, state.h, u));
    const f = sigmoid(preactivation(m, j, state.h, size + u));
    const g = Math.tanh(preactivation(m, j, state.h, 2 * size + u));
    const o = sigmoid(preactivation(m, j, state.h, 3 * size + u));
    c[u] = f * state.c[u] + i * g;
    h[u] = o * Math.tanh(c[u]);
  }
  return { h, c };
}

function softmax(logits) {
  const top = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - top));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / total);
}

function probabilities(m, h) {
  return softmax(m.b_out.map((b, s) => h.reduce((sum, x, k) => sum + x * m.w_out[s][k], 0) + b));
}

/** `model` reading the known words `review`: h (and for an LSTM c) and the probabilities of the
 * scores after each word, one row a word. */
export function states(model, review, vocabulary) {
  const size = model.w_hh[0].length;
  const step = model.kind === "lstm" ? lstmStep : rnnStep;
  let state = { h: new Array(size).fill(0), c: new Array(size).fill(0) };
  const out = { h: [], c: model.kind === "lstm" ? [] : null, probs: [] };
  for (const word of review) {
    state = step(model, vocabulary.indexOf(word), state);
    out.h.push(state.h);
    if (out.c) out.c.push(state.c);
    out.probs.push(probabilities(model, state.h));
  }
  return out;
}

function reading(model, known, data) {
  const { probs } = states(model, known, data.vocabulary);
  if (!probs.length) return { probs, score: null };
  const last = probs[probs.length - 1];
  return { probs, score: data.scores[last.indexOf(Math.max(...last))] };
}

/** Both models reading the known words of `text`, and its unknown words (each once, in order). */
export function read(text, data) {
  const found = words(text);
  const known = found.filter((w) => data.vocabulary.includes(w));
  const unknown = [...new Set(found.filter((w) => !data.vocabulary.includes(w)))];
  return {
    rnn: reading(data.models.rnn, known, data),
    lstm: reading(data.models.lstm, known, data),
    unknown,
  };
}
