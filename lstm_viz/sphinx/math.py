"""Math typeset when the book is built, so no page runs MathJax.

Sphinx writes each formula as TeX in ``<span class="math">\\(…\\)</span>`` or
``<div class="math">\\[…\\]</div>`` and has MathJax typeset it in the reader's browser: on a phone
that is the page's longest task (about 1.5 s of blocking on the chapter, measured with Lighthouse).
Here MathJax's own Node renderer (``tex2svg.cjs``, the locked npm ``mathjax``) turns every formula
of a page into SVG with its MathML kept for screen readers, and the MathJax scripts are dropped from
the page. Each glyph's path is written once per page, in a hidden ``<svg>`` at the top of its body,
and every formula ``<use>``-s it: the chapter's math is half the bytes it is with a path per glyph.
A TeX error stops the build instead of showing red text to readers.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from lstm_viz.sphinx.vendor import node_modules, run_node

__all__ = ["setup_math", "typeset"]

SCRIPT = Path(__file__).with_name("tex2svg.cjs")
_ELEMENT = re.compile(
    r'(<(span|div) class="math notranslate nohighlight"[^>]*>)(.*?)(</\2>)', re.DOTALL
)
_TEX = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.DOTALL)
_ERROR = re.compile(r'data-mjx-error="([^"]*)"')


def typeset(formulas: list[tuple[str, bool]], node_modules: Path) -> tuple[str, list[str], str]:
    """The style sheet, the HTML of each ``(tex, display)`` and the ``<defs>`` of the glyphs they
    use, typeset by MathJax in Node."""
    payload = json.dumps([{"tex": tex, "display": display} for tex, display in formulas])
    out = json.loads(run_node(SCRIPT, node_modules, payload, "typeset the math (MathJax)", 300))
    return out["css"], out["html"], out["defs"]


def _formula(tex: re.Match[str]) -> tuple[str, bool]:
    """The TeX of one ``\\(…\\)`` or ``\\[…\\]`` (as Sphinx escaped it for HTML) and whether it is
    displayed."""
    inline = tex.group(1) is not None
    return html.unescape(tex.group(1) if inline else tex.group(2)), not inline


def _render_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    elements = list(_ELEMENT.finditer(body))
    formulas = [_formula(m) for element in elements for m in _TEX.finditer(element.group(3))]
    if formulas:
        css, rendered, defs = typeset(formulas, node_modules(app))
        errors = [
            f"{tex!r}: {html.unescape(error.group(1))}"
            for (tex, _), out in zip(formulas, rendered, strict=True)
            if (error := _ERROR.search(out))
        ]
        if errors:
            raise ExtensionError(f"TeX errors on page {pagename}: " + "; ".join(errors))
        outputs = iter(rendered)

        def element_html(element: re.Match[str]) -> str:
            inner = _TEX.sub(lambda _: next(outputs), element.group(3))
            return element.group(1) + inner + element.group(4)

        glyphs = (
            '<svg xmlns="http://www.w3.org/2000/svg" style="display: none" aria-hidden="true">'
            f"{defs}</svg>"
        )
        context["body"] = glyphs + _ELEMENT.sub(element_html, body)
        context["metatags"] = context.get("metatags", "") + f"<style>{css}</style>"
    # sphinx.ext.mathjax's script (a URL, or _static/<mathjax_path>) and its inline configuration.
    mathjax = {app.config.mathjax_path, f"_static/{app.config.mathjax_path}"}
    context["script_files"] = [
        js
        for js in context.get("script_files", [])
        if js.filename not in mathjax
        and not js.attributes.get("body", "").startswith("window.MathJax")
    ]


def setup_math(app: Sphinx) -> None:
    # After sphinx.ext.mathjax has added its scripts to the page (priority 500).
    app.connect("html-page-context", _render_page, priority=800)
