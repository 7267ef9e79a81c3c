// The stylesheet step of lstm_viz.sphinx.slim, run by stylesheets.py:
//   node stylesheets.mjs NODE_MODULES < job.json > report.json
//
// {"step": "purge", "purge": [css], "keep": [css], "content": [html and js]}
//   rewrites each stylesheet of `purge` without the rules no element of `content` can match
//   (purgecss; the scripts count as content, so a class a script adds is kept), then without the
//   custom properties and font faces nothing uses any more. `keep` are stylesheets left whole,
//   read only for the properties and fonts they use.
// {"step": "inline", "site": dir, "pages": [html]}
//   puts into each page, before each of its stylesheets, the rules of that stylesheet that match an
//   element of the page (beasties), and loads the stylesheet itself without blocking the first
//   paint. Nothing else in the page changes: only each <link rel="stylesheet"> tag is replaced.
//
// Whatever either tool warns about is an error: the report lists it and the build stops.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const modules = path.resolve(process.argv[2]);
const require = createRequire(path.join(modules, "noop.js"));
const { PurgeCSS } = require("purgecss");
const purgecssFromHtml = require("purgecss-from-html");
const { default: Beasties } = await import(
  pathToFileURL(path.join(modules, "beasties", "dist", "index.mjs")).href
);

const read = (file) => fs.readFileSync(file, "utf8");
const job = JSON.parse(fs.readFileSync(0, "utf8"));
const errors = [];

// Class names a script builds from pieces, so no single word of it names them: Bootstrap's
// `bs-${component}-auto` placement classes of tooltips and popovers.
const BUILT_BY_SCRIPTS = [/^bs-[a-z]+-auto$/];
// Attributes a script sets whose values no file spells out in full.
const SET_BY_SCRIPTS = ["data-popper-placement", "data-bs-popper"];
const CUSTOM_PROPERTY = /--[A-Za-z0-9_-]+/g;
const CUSTOM_PROPERTY_USE = /var\(\s*(--[A-Za-z0-9_-]+)/g;
const ANIMATION = /animation(?:-name)?\s*:\s*([^;}]*)/g;

const INLINE_SCRIPT = /<script\b[^>]*>([\s\S]*?)<\/script>/gi;

// A page counts by its elements' tags, classes, ids and attributes (not the words of its text),
// and by its inline scripts, word by word, as the script files do.
function contentOf(file) {
  const text = read(file);
  if (!file.endsWith(".html")) return [{ raw: text, extension: "js" }];
  const scripts = [...text.matchAll(INLINE_SCRIPT)].map((m) => m[1]).join("\n");
  return [
    { raw: text, extension: "html" },
    { raw: scripts, extension: "js" },
  ];
}

async function purge({ purge: sheets, keep, content }) {
  const raw = content.flatMap(contentOf);
  const options = {
    content: raw,
    extractors: [{ extractor: purgecssFromHtml, extensions: ["html"] }],
    safelist: { standard: BUILT_BY_SCRIPTS },
    dynamicAttributes: SET_BY_SCRIPTS,
  };
  // 1. The rules: a selector stays when every class, id, tag and attribute it names occurs in
  //    some page or script.
  const first = await new PurgeCSS().purge({
    ...options,
    css: sheets.map((file) => ({ raw: read(file), name: file })),
  });
  // 2. The custom properties, animations and font faces the remaining rules no longer use.
  //    purgecss weighs each stylesheet on its own, so every property and animation that any
  //    stylesheet (or a page's inline style, or a script) still names is declared as used.
  const used = new Set();
  const animations = new Set();
  for (const text of [...first.map((r) => r.css), ...keep.map(read)]) {
    for (const match of text.matchAll(CUSTOM_PROPERTY_USE)) used.add(match[1]);
    for (const match of text.matchAll(ANIMATION)) {
      for (const word of match[1].match(/[A-Za-z_-][\w-]*/g) || []) animations.add(word);
    }
  }
  for (const { raw: text } of raw) {
    for (const match of text.matchAll(CUSTOM_PROPERTY)) used.add(match[0]);
  }
  const second = await new PurgeCSS().purge({
    ...options,
    css: first.map((r) => ({ raw: r.css, name: r.file })),
    variables: true,
    keyframes: true,
    fontFace: true,
    safelist: {
      ...options.safelist,
      variables: [...used].sort(),
      keyframes: [...animations].sort(),
    },
  });
  const sizes = {};
  for (const result of second) {
    sizes[result.file] = [Buffer.byteLength(read(result.file)), Buffer.byteLength(result.css)];
    fs.writeFileSync(result.file, result.css);
  }
  return { sizes };
}

// The theme's colours hang on <html data-theme> and <html data-mode>, which a script in the head
// sets before the first paint; the static page only says "auto". A rule for either theme (or
// mode) is critical wherever the same rule without that condition is.
// Every class and id of a page's elements: `class="a b"`, `id="c"`.
const NAMES = /\s(class|id)="([^"]*)"/g;
// The classes and ids a (normalised) selector requires; an escaped name is not checked.
const REQUIRED = /(?<!\\)[.#][A-Za-z_-][\w-]*(?![\w\\-])/g;
const THEME_CONDITION = /\[data-(?:theme|mode)(?:[~|^$*]?=[^\]]*)?\]/g;
const EMPTY_PSEUDO_CLASS = /:[a-z-]+\(\s*\)/g; // `:not()` once its theme condition is gone
const MATCHES_ANY = /(?<!\\):(is|where)\(/g;
const IS_HIDDEN = /\b(is|where)-matches-any\(/g;

class SiteBeasties extends Beasties {
  constructor(site, page) {
    super({
      preload: "media", // <link media="print" onload="this.media='all'">, <noscript> fallback
      mergeStylesheets: false, // each sheet's rules stay in front of it: the cascade holds
      reduceInlineStyles: false, // the page's own <style> elements are left as they are
      fonts: false, // the font faces stand in the page already (stylesheets.py)
      keyframes: "critical",
      compress: true,
      logger: {
        warn: (message) => errors.push(`${path.relative(site, page)}: ${message}`),
        error: (message) => errors.push(`${path.relative(site, page)}: ${message}`),
      },
    });
    this.site = site;
    this.page = page;
  }

  // Stylesheets are named relative to the page (``../_static/…`` under book/), and must be files
  // of the site.
  getCssAsset(href) {
    const file = path.resolve(path.dirname(this.page), decodeURI(href.split(/[?#]/)[0]));
    if (!file.startsWith(this.site + path.sep) || !fs.existsSync(file)) {
      errors.push(`${path.relative(this.site, this.page)}: no stylesheet ${href} in the site`);
      return undefined;
    }
    return read(file);
  }

  async process(html) {
    this.present = new Set();
    for (const [, kind, value] of html.matchAll(NAMES)) {
      for (const name of value.split(/\s+/)) this.present.add(kind[0] + name);
    }
    return super.process(html);
  }

  normalizeCssSelector(selector) {
    // Whitespace first: beasties' own pattern misses a pseudo-class whose argument spans lines.
    // It would also drop `:is(…)` and `:where(…)` with what they hold, leaving a selector that
    // matches something else (`.bd-article :is(h1,h2)>code` → `.bd-article >code`), so these two
    // are hidden from it and given back to the matcher, which knows them.
    const normal = super.normalizeCssSelector(
      selector.replace(/\s+/g, " ").replace(THEME_CONDITION, "").replace(EMPTY_PSEUDO_CLASS, "")
        .replace(MATCHES_ANY, "$1-matches-any("),
    ).replaceAll(IS_HIDDEN, ":$1(");
    // beasties looks for a selector's elements below <html>, so a rule for <html> itself (the
    // theme's colours, `html[data-theme=light]`, once the condition is gone) would never be
    // critical: any element at all stands for it.
    if (normal === "html") return "*";
    // A selector naming a class or id that no element of the page has matches nothing: say so
    // at once (an empty selector), rather than have every element of a long page tried against
    // it (on the API page, seconds per page). What `:is(…)` holds are choices, none required.
    const required = normal.replace(/\[[^\]]*\]/g, "").replace(/:(?:is|where)\([^()]*\)/g, "")
      .match(REQUIRED) || [];
    return required.every((name) => this.present.has(name[0] === "." ? "c" + name.slice(1)
      : "i" + name.slice(1))) ? normal : "";
  }
}

const LINK = /<link\b[^>]*>/gi;
const isStylesheet = (tag) => /\brel=["']?stylesheet["'\s>/]/i.test(tag);
const hrefOf = (tag) => (tag.match(/\bhref=("([^"]*)"|'([^']*)'|([^\s>]+))/i) || [])
  .slice(2).find((v) => v !== undefined);
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// What beasties wrote in place of the stylesheet link with this href: the sheet's critical rules
// (if any), the non-blocking link and its <noscript> fallback.
function replacement(processed, href) {
  const pattern = new RegExp(
    `(?:<style>((?:(?!</style>)[\\s\\S])*)</style>)?(<link\\b[^>]*\\bhref="${escapeRegExp(
      href.replaceAll("&", "&amp;"),
    )}"[^>]*>)(<noscript>(?:(?!</noscript>)[\\s\\S])*</noscript>)`,
  );
  const match = processed.match(pattern);
  return match && { html: match[0], critical: match[1] || "" };
}

async function inline({ site, pages }) {
  const critical = {};
  for (const page of pages) {
    const html = read(page);
    const processed = await new SiteBeasties(site, page).process(html);
    let bytes = 0;
    let missing = false;
    const out = html.replace(LINK, (tag) => {
      if (!isStylesheet(tag)) return tag;
      const found = replacement(processed, hrefOf(tag));
      if (!found) {
        errors.push(`${path.relative(site, page)}: beasties left ${tag} unchanged`);
        missing = true;
        return tag;
      }
      bytes += Buffer.byteLength(found.critical);
      return found.html;
    });
    if (!missing) fs.writeFileSync(page, out);
    critical[path.relative(site, page)] = bytes;
  }
  return { critical };
}

const steps = { purge, inline };
const report = await steps[job.step](job);
process.stdout.write(JSON.stringify({ ...report, errors }));
