/* Draws every .lstm-viz-figure of the page with Plotly from the JSON written beside it by
 * lstm_viz.embed, when the reader gets near it, and keeps the figures' text and grid colours in
 * step with the book's light/dark theme.
 *
 * Until then the figure shows its still: an SVG of its initial state drawn at build time by
 * plotly.js itself (lstm_viz.sphinx.stills), in a box as tall as the figure, so the page paints
 * without plotly.js and nothing moves when Plotly takes over. plotly.js (the bundle named by this
 * script's data-plotly attribute) is fetched once, when the first figure comes within a screen of
 * the viewport or the reader points at or focuses one; each figure is drawn as it comes near.
 * Each figure's div fires "lstm-viz:drawn" (detail: the figure's spec) once Plotly has drawn it;
 * page scripts named by the figure (lstm_viz.embed, `scripts=`) listen for it.
 * window.lstmVizFigures.themed(spec, colours) is the one place the theme's colours enter a spec:
 * the build calls it too, with stand-in colours that become CSS variables in the still. */
(function () {
  "use strict";

  var AXIS = /^[xy]axis\d*$/;

  function themeColours(div) {
    var style = getComputedStyle(div);
    return {
      text: style.color,
      grid: style.getPropertyValue("--lstm-viz-grid").trim(),
      zero: style.getPropertyValue("--lstm-viz-zero").trim(),
    };
  }

  function themeUpdate(layout, c) {
    var update = { "font.color": c.text };
    Object.keys(layout).forEach(function (key) {
      if (AXIS.test(key)) {
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

  function themed(spec, colours) {
    spec.layout = applyTo(spec.layout || {}, themeUpdate(spec.layout || {}, colours));
    return spec;
  }

  window.lstmVizFigures = { themed: themed };

  var script = document.currentScript;
  var figures = Array.prototype.slice.call(document.querySelectorAll(".lstm-viz-figure"));
  if (!figures.length || !script || !script.dataset.plotly) return;
  var plotlySrc = new URL(script.dataset.plotly, document.baseURI).href;

  // The colours each figure was last drawn with, by div: the theme's script sets data-theme on
  // every page load, mostly to the value it already had, and a relayout redraws the whole figure.
  var drawnWith = new WeakMap();
  var plotly = null;

  function loadPlotly() {
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = plotlySrc;
        tag.onload = resolve;
        tag.onerror = function () {
          reject(new Error("plotly.js did not load from " + plotlySrc));
        };
        document.head.appendChild(tag);
      });
    }
    return plotly;
  }

  function draw(div) {
    if (div.dataset.drawing) return;
    div.dataset.drawing = "true";
    loadPlotly().then(function () {
      var spec = JSON.parse(document.getElementById(div.id + "-data").textContent);
      var colours = themeColours(div);
      drawnWith.set(div, JSON.stringify(colours));
      return Plotly.newPlot(div, themed(spec, colours)).then(function () {
        var still = div.querySelector(".lstm-viz-still");
        if (still) still.remove();
        div.dispatchEvent(new CustomEvent("lstm-viz:drawn", { detail: spec }));
      });
    });
  }

  if ("IntersectionObserver" in window) {
    var near = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          near.unobserve(entry.target);
          draw(entry.target);
        });
      },
      { rootMargin: "100% 0px" }
    );
    figures.forEach(function (div) {
      near.observe(div);
      // A reader who reaches for a figure before it has come near enough gets it at once.
      ["pointerenter", "focusin", "touchstart"].forEach(function (type) {
        div.addEventListener(type, function () { draw(div); }, { once: true, passive: true });
      });
    });
  } else {
    figures.forEach(draw);
  }

  new MutationObserver(function () {
    figures.forEach(function (div) {
      if (!div.layout) return;
      var colours = themeColours(div);
      if (drawnWith.get(div) === JSON.stringify(colours)) return;
      drawnWith.set(div, JSON.stringify(colours));
      Plotly.relayout(div, themeUpdate(div.layout, colours));
    });
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
})();
