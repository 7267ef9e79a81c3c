// eslint (pinned in package.json) over the book's browser files; `make lint` runs it.
// The explorer's and the review reader's files are ES modules; the other page scripts are classic scripts.
import js from "@eslint/js";

const browser = Object.fromEntries(
  [
    "window", "document", "navigator", "location", "history", "performance", "console",
    "setTimeout", "clearTimeout", "requestAnimationFrame", "getComputedStyle", "structuredClone",
    "CustomEvent", "MutationObserver", "ResizeObserver", "IntersectionObserver", "DOMPoint", "URL", "Plotly",
  ].map((name) => [name, "readonly"])
);

export default [
  { ignores: ["_build/**", "**/node_modules/**", ".venv/**", ".tools/**"] },
  js.configs.recommended,
  {
    files: ["lstm_viz/presentation/static/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: browser },
    rules: {
      // One concern a module, each under 400 lines (as for the Python modules).
      "max-lines": ["error", { max: 399 }],
      eqeqeq: "error",
      "no-var": "off",
      "prefer-const": "error",
    },
  },
  {
    files: [
      "lstm_viz/presentation/static/explorer/**/*.js",
      "lstm_viz/presentation/static/review-reader/**/*.js",
    ],
    languageOptions: { sourceType: "module" },
    rules: { "no-var": "error" },
  },
  {
    // Build-time Node scripts (math typeset by MathJax's Node renderer).
    files: ["lstm_viz/sphinx/**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { process: "readonly", require: "readonly", module: "writable", console: "readonly" },
    },
  },
  {
    // The build's stylesheet step (purgecss and beasties in Node), an ES module.
    files: ["lstm_viz/sphinx/**/*.mjs"],
    languageOptions: {
      sourceType: "module",
      globals: { process: "readonly", Buffer: "readonly", console: "readonly" },
    },
  },
  {
    files: ["eslint.config.mjs"],
    languageOptions: { sourceType: "module" },
  },
];
