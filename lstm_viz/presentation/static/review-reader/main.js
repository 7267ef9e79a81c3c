/* The review reader's entry: the reader's text, read by both trained models as they type, shown
 * in the step-through figure, the words, the slider and the scores, and kept in the link.
 *
 * Python (lstm_viz.experiment.review_reader) wrote the page at the opening review and the data this
 * script reads into #review-reader-data; the figure is its Plotly figure, whose traces this script
 * finds by their `meta` names and refills. Every text goes into the page as text (textContent),
 * never as markup. window.reviewReader.read(text) gives what the models make of any text. */

import { fmt } from "../explorer/format.js";
import * as link from "./link.js";
import * as reader from "./reader.js";

const root = document.getElementById("review-reader");
const data = JSON.parse(document.getElementById("review-reader-data").textContent);
const box = document.getElementById("review-text");
const slider = document.getElementById("review-word");
const sliderText = document.getElementById("review-word-shown");
const notice = document.getElementById("review-notice");
const scores = document.getElementById("review-scores");
const list = root.querySelector(".lstm-viz-reader-words");
const figure = document.getElementById(data.figure);
const best = Math.max(...data.scores);

window.reviewReader = { read: (text) => reader.read(text, data) };

let shown = null; // what the page shows: the words and both models' states, as written and swapped
let chosen = 0;
let linkNotice = null;
let drawn = null; // the words and the chosen word the figure shows: typing inside a word redraws nothing

/** Both models over the known words of `text`, as written and with the opinion swapped. */
function view(text) {
  const found = reader.words(link.cut(text, data.maxCharacters));
  const words = found.filter((w) => data.vocabulary.includes(w));
  const other = reader.swapped(words, data.opinions);
  const over = (model, review) => reader.states(data.models[model], review, data.vocabulary);
  return {
    words,
    unknown: [...new Set(found.filter((w) => !data.vocabulary.includes(w)))],
    rnn: over("rnn", words),
    lstm: over("lstm", words),
    "rnn-swapped": over("rnn", other),
    "lstm-swapped": over("lstm", other),
  };
}

function score(states) {
  const last = states.probs[states.probs.length - 1];
  const top = Math.max(...last);
  return `${data.scores[last.indexOf(top)]}/${best} (${fmt(100 * top, 0)}%)`;
}

/** The sentence under the text box (lstm_viz.experiment.review_reader.readout). */
function readout(v) {
  if (!v.words.length) return "No word of the task yet: the models have nothing to read.";
  let line = `After the last word: RNN ${score(v.rnn)}, LSTM ${score(v.lstm)}.`;
  if (v.words.some((w) => data.opinions.includes(w))) {
    const other = `RNN ${score(v["rnn-swapped"])}, LSTM ${score(v["lstm-swapped"])}`;
    line += ` With ${data.opinions.join(" ↔ ")} swapped: ${other}.`;
  }
  return line;
}

/** What the slider says of the chosen word (lstm_viz.experiment.review_reader.word_label). */
function wordLabel() {
  if (!shown.words.length) return "no word";
  return `word ${chosen} of ${shown.words.length}: ${shown.words[chosen - 1]}`;
}

function showNotice() {
  notice.replaceChildren();
  if (linkNotice) notice.append(linkNotice, " ");
  if (!shown.unknown.length) return;
  notice.append("Not among the task's words (so not read): ");
  shown.unknown.forEach((word, k) => {
    const offer = reader.nearest(word, data.vocabulary);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "lstm-viz-reader-offer";
    button.textContent = offer;
    button.setAttribute("aria-label", `write ${offer} for ${word}`);
    button.addEventListener("click", () => replaceWord(word, offer));
    const name = document.createElement("i");
    name.textContent = word;
    notice.append(k ? "; " : "", name, " — nearest: ", button);
  });
  notice.append(".");
}

function showWords() {
  list.replaceChildren(
    ...shown.words.map((word, k) => {
      const item = document.createElement("li");
      item.textContent = word;
      if (k + 1 === chosen) item.setAttribute("aria-current", "true");
      return item;
    })
  );
}

function showChosen() {
  Array.from(list.children).forEach((item, k) => {
    if (k + 1 === chosen) item.setAttribute("aria-current", "true");
    else item.removeAttribute("aria-current");
  });
  const label = wordLabel();
  slider.setAttribute("aria-valuetext", label);
  sliderText.textContent = label;
}

/** The figure's traces and lines refilled from `shown` (once Plotly has drawn it). */
function drawFigure() {
  if (!figure.data || !shown) return;
  const showing = JSON.stringify([shown.words, chosen]);
  if (showing === drawn) return;
  drawn = showing;
  const x = shown.words.map((_, k) => k + 1);
  const line = (name) => {
    const [model, quantity] = name.split("-");
    const states = shown[name.replace(`-${quantity}`, "")];
    const unit = data.units[model];
    return (quantity === "ltm" ? states.c : states.h).map((row) => row[unit]);
  };
  const traces = figure.data.map((trace) => {
    if (trace.meta.endsWith("-probs")) {
      const probs = shown[trace.meta.replace("-probs", "")].probs;
      return { ...trace, y: chosen ? probs[chosen - 1] : data.scores.map(() => 0) };
    }
    return { ...trace, x, y: line(trace.meta), text: shown.words };
  });
  const shapes = (figure.layout.shapes || []).map((shape) =>
    shape.name === "selected-word"
      ? { ...shape, x0: chosen, x1: chosen, visible: chosen > 0 }
      : shape
  );
  Plotly.react(figure, traces, { ...figure.layout, shapes });
}

function choose(word) {
  chosen = shown.words.length ? Math.min(shown.words.length, Math.max(1, word)) : 0;
  showChosen();
  drawFigure();
}

/** Read `text` and show it; `keep` writes it into the link. */
function show(text, keep) {
  shown = view(text);
  chosen = shown.words.length;
  slider.max = String(Math.max(1, shown.words.length));
  slider.value = String(Math.max(1, chosen));
  slider.disabled = !shown.words.length;
  scores.textContent = readout(shown);
  showNotice();
  showWords();
  showChosen();
  drawFigure();
  if (keep) history.replaceState(null, "", link.writeHash(text, data.maxCharacters));
}

function replaceWord(word, offer) {
  box.value = box.value.replace(/[\p{L}\p{N}]+/gu, (w) => (w.toLowerCase() === word ? offer : w));
  linkNotice = null;
  show(box.value, true);
  box.focus();
}

function fromLink(scroll) {
  const found = link.readHash(window.location.hash, data.maxCharacters);
  linkNotice = found.notice;
  if (found.text === null && !found.notice) return false;
  box.value = found.text ?? data.opening;
  show(box.value, false);
  if (scroll) root.scrollIntoView({ block: "start" });
  // Draw the figure now rather than when it nears the screen: its still shows the opening review.
  figure.dispatchEvent(new CustomEvent("focusin"));
  return true;
}

box.addEventListener("input", () => {
  linkNotice = null;
  show(box.value, true);
});
slider.addEventListener("input", () => choose(Number(slider.value)));
figure.addEventListener("lstm-viz:drawn", () => {
  drawn = null; // drawn afresh from its JSON, at the opening review
  drawFigure();
});
window.addEventListener("hashchange", () => fromLink(true));
if (!fromLink(true)) show(box.value, false);
