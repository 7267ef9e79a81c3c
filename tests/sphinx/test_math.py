"""Math typeset at build time by MathJax's Node renderer: SVG and MathML; TeX errors stop it."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any, cast

import pytest
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript
from sphinx.errors import ExtensionError

from lstm_viz.sphinx.math import _render_page, typeset
from tests.conftest import ROOT

NODE_MODULES = ROOT / "node_modules"
APP = cast(
    Sphinx,
    SimpleNamespace(confdir=str(ROOT), config=SimpleNamespace(mathjax_path="m/tex-chtml.js")),
)


def test_formulas_become_svg_with_their_mathml() -> None:
    css, (inline, display), defs = typeset([("h_t", False), (r"f = \sigma(s)", True)], NODE_MODULES)
    assert "mjx-container" in css
    for out in (inline, display):
        assert out.startswith("<mjx-container") and "<svg" in out
        assert "<mjx-assistive-mml" in out and "<math" in out
    # Each glyph is drawn once, in the page's <defs>, and every formula uses it from there.
    used = set(re.findall(r'xlink:href="#([^"]+)"', inline + display))
    defined = re.findall(r'<path id="([^"]+)"', defs)
    assert used and used == set(defined) and len(defined) == len(set(defined))
    assert "<path" not in inline + display
    assert 'display="true"' in display and 'display="true"' not in inline


def test_a_page_gets_svg_math_and_loses_the_mathjax_scripts() -> None:
    context: dict[str, Any] = {
        "body": '<p><span class="math notranslate nohighlight">\\(a &lt; b\\)</span></p>',
        "script_files": [
            _JavaScript("_static/m/tex-chtml.js", defer="defer"),
            _JavaScript("", body="window.MathJax = {}"),
            _JavaScript("_static/doctools.js"),
        ],
    }
    _render_page(APP, "page", "page.html", context, None)
    assert "<mjx-container" in context["body"] and "\\(" not in context["body"]
    assert re.match(r'<svg [^>]*style="display: none"[^>]*><defs><path id="MJX-', context["body"])
    assert "<mo>&lt;</mo>" in context["body"], "the TeX was not unescaped"
    assert [js.filename for js in context["script_files"]] == ["_static/doctools.js"]
    assert "<style>" in context["metatags"]


def test_a_tex_error_stops_the_build_and_names_the_formula() -> None:
    context: dict[str, Any] = {
        "body": '<div class="math notranslate nohighlight">\\[\\frac{a}{\\]</div>'
    }
    with pytest.raises(ExtensionError, match=r"page.*frac.*Missing close brace"):
        _render_page(APP, "page", "page.html", context, None)
