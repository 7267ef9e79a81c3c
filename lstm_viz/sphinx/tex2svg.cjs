// Typesets TeX with MathJax's own Node renderer (the locked npm package): reads a JSON list of
// {"tex", "display"} on standard input and writes {"css", "html": [...], "defs"} on standard output,
// each an <mjx-container> of SVG with its MathML kept for screen readers; the SVGs <use> the glyph
// paths in "defs", drawn once for the page (MathJax's global font cache: half the bytes of a path
// per glyph per formula).
// Used by lstm_viz.sphinx.math at build time, so no page runs MathJax. Usage: node tex2svg.cjs NODE_MODULES
"use strict";
const path = require("path");

const nodeModules = process.argv[2];
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  require(path.join(nodeModules, "mathjax"))
    .init({
      loader: { load: ["input/tex", "output/svg", "a11y/assistive-mml"] },
      svg: { fontCache: "global" },
      startup: { typeset: false },
    })
    .then((MathJax) => {
      const adaptor = MathJax.startup.adaptor;
      const html = JSON.parse(input).map(({ tex, display }) =>
        adaptor.outerHTML(MathJax.tex2svg(tex, { display }))
      );
      const css = adaptor.textContent(MathJax.svgStylesheet());
      const defs = adaptor.outerHTML(MathJax.startup.output.fontCache.getCache());
      process.stdout.write(JSON.stringify({ css, html, defs }));
    })
    .catch((error) => {
      process.stderr.write(String(error && error.stack ? error.stack : error));
      process.exit(1);
    });
});
