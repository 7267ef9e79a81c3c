/* Draws every .lstm-viz-figure of the page from the JSON written beside it by lstm_viz.embed,
 * and keeps the figures' text and grid colours in step with the book's light/dark theme.
 * Each figure's div fires "lstm-viz:drawn" (detail: the figure's spec) once Plotly has drawn it;
 * page scripts named by the figure (lstm_viz.embed, `scripts=`) listen for it. */
(function () {
  "use strict";

  function themeColours(div) {
    var dark = document.documentElement.dataset.theme === "dark";
    return {
      text: getComputedStyle(div).color,
      grid: dark ? "rgba(255,255,255,0.14)" : "rgba(0,0,0,0.10)",
      zero: dark ? "rgba(255,255,255,0.45)" : "rgba(0,0,0,0.40)",
    };
  }

  // The colours each figure was last drawn with, by div: the theme's script sets data-theme on
  // every page load, mostly to the value it already had, and a relayout redraws the whole figure.
  var drawnWith = new WeakMap();

  function themeUpdate(div, layout) {
    var c = themeColours(div);
    drawnWith.set(div, JSON.stringify(c));
    var update = { "font.color": c.text };
    Object.keys(layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        update[key + ".gridcolor"] = c.grid;
        update[key + ".zerolinecolor"] = c.zero;
        update[key + ".linecolor"] = c.zero;
      }
    });
    return update;
  }

  function applyTo(layout, update) {
    Object.keys(update).forEach(function (path) {
      var keys = path.split("."), node = layout;
      for (var k = 0; k < keys.length - 1; k++) {
        node = node[keys[k]] = node[keys[k]] || {};
      }
      node[keys[keys.length - 1]] = update[path];
    });
    return layout;
  }

  function draw(div) {
    var spec = JSON.parse(document.getElementById(div.id + "-data").textContent);
    spec.layout = applyTo(spec.layout, themeUpdate(div, spec.layout));
    return Plotly.newPlot(div, spec).then(function () {
      div.dispatchEvent(new CustomEvent("lstm-viz:drawn", { detail: spec }));
    });
  }

  var figures = Array.prototype.slice.call(document.querySelectorAll(".lstm-viz-figure"));
  figures.forEach(draw);

  new MutationObserver(function () {
    figures.forEach(function (div) {
      if (!div.layout || drawnWith.get(div) === JSON.stringify(themeColours(div))) return;
      Plotly.relayout(div, themeUpdate(div, div.layout));
    });
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
})();
