"""The slim steps on small sites: which icons a stylesheet shows, the icon font cut to exactly
those, each page's extension files, the purge (keeping what scripts add), the critical CSS and
the files no page reaches."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from lstm_viz.sphinx.slim import page_assets
from lstm_viz.sphinx.slim.icon_font import shown_characters, slim_icon_fonts, subset_woff2
from lstm_viz.sphinx.slim.stylesheets import bundle, inline_critical, purge
from lstm_viz.sphinx.slim.unused_files import remove_unused
from tests.conftest import ROOT

MODULES = ROOT / "node_modules"
FONTS = (
    ROOT
    / ".venv/lib/python3.11/site-packages/pydata_sphinx_theme/theme/pydata_sphinx_theme/static"
    / "vendor/fontawesome/webfonts"
)
#: Font Awesome's bars (☰), magnifying glass and the GitHub logo (a brand).
BARS, SEARCH, GITHUB = 0xF0C9, 0xF002, 0xF09B


def _site(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def _font_characters(data: bytes) -> set[int]:
    with TTFont(io.BytesIO(data)) as face:
        return set(face.getBestCmap())


@pytest.mark.parametrize(
    ("css", "shown"),
    [
        ('.fa-bars:before{content:"\\f0c9"}', {BARS}),
        (".a::after { content: '\\f002' }", {SEARCH}),
        ('.a:before{content:"\uf0c9"}', {BARS}),  # the character itself, not escaped
        ('.a:before{content:"\\f0c9" "\\f002"}', {BARS, SEARCH}),
        (':root{--pst-icon-note:"\\f0c9";--pst-size:3px}', {BARS}),  # the theme's admonitions
        ('.a:before{content:"→ \\2014"}', set()),  # not Font Awesome's: no private-use character
        ('.a{font-family:"\\f0c9"}', set()),  # a string, but not one that is drawn
        (".a:before{content:attr(data-x)}", set()),
    ],
)
def test_shown_characters_are_the_private_use_ones_drawn(css: str, shown: set[int]) -> None:
    assert shown_characters(css) == shown


def test_the_subset_keeps_exactly_the_glyphs_shown_and_their_widths() -> None:
    data, widths = subset_woff2(FONTS / "fa-solid-900.woff2", {BARS, SEARCH, 0x4E00})
    assert data[:4] == b"wOF2"
    assert len(data) <= 10_000, len(data)
    assert _font_characters(data) == {BARS, SEARCH}  # 一 is not in the icon font
    with TTFont(FONTS / "fa-solid-900.woff2") as face:
        em, cmap = face["head"].unitsPerEm, face.getBestCmap()
        assert widths == {c: face["hmtx"][cmap[c]][0] / em for c in (BARS, SEARCH)}
    assert subset_woff2(FONTS / "fa-solid-900.woff2", {0x4E00}) == (b"", {})
    # The same input, the same bytes: the build stays byte-reproducible.
    assert subset_woff2(FONTS / "fa-solid-900.woff2", {BARS, SEARCH})[0] == data


ICON_CSS = """@font-face{font-family:"Font Awesome 6 Free";font-weight:900;
src:url(../webfonts/fa-solid-900.woff2) format("woff2"),
 url(../webfonts/fa-solid-900.ttf) format("truetype")}
@font-face{font-family:"Font Awesome 6 Brands";font-weight:400;
src:url(../webfonts/fa-brands-400.woff2) format("woff2")}
@font-face{font-family:"Other";src:url(../webfonts/other.woff2) format("woff2")}
.fa-bars:before{content:"\\f0c9"}
.fa-magnifying-glass:before{content:"\\f002";}
.fa-bars,.fa-x{color:red}
"""


def test_the_icon_fonts_are_cut_to_the_icons_shown_and_each_icon_holds_its_width(
    tmp_path: Path,
) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<link rel="stylesheet" href="_static/css/icons.css"><i class="fa-bars">',
            "_static/css/icons.css": ICON_CSS,
            "_static/webfonts/fa-solid-900.woff2": (FONTS / "fa-solid-900.woff2").read_bytes(),
            "_static/webfonts/fa-brands-400.woff2": (FONTS / "fa-brands-400.woff2").read_bytes(),
            "_static/webfonts/other.woff2": b"not read",
        },
    )
    written = slim_icon_fonts(site)
    solid = site / "_static/webfonts/fa-solid-900.woff2"
    assert written == {
        "_static/webfonts/fa-solid-900.woff2": solid.stat().st_size,
        "_static/webfonts/fa-brands-400.woff2": 0,  # no brand icon is shown
    }
    assert solid.stat().st_size <= 10_000
    assert _font_characters(solid.read_bytes()) == {BARS, SEARCH}
    css = (site / "_static/css/icons.css").read_text()
    # One face left for the icons, WOFF2 only; the other family untouched.
    assert css.count("Font Awesome") == 1 and "truetype" not in css and "fa-brands" not in css
    assert '@font-face{font-family:"Other";src:url(../webfonts/other.woff2)' in css
    with TTFont(FONTS / "fa-solid-900.woff2") as face:
        width = face["hmtx"][face.getBestCmap()[BARS]][0] / face["head"].unitsPerEm
    bars = re.search(
        r'\.fa-bars:before\{content:"\\f0c9";display:inline-block;width:([\d.]+)em', css
    )
    assert bars and abs(float(bars[1]) - width) < 1e-4, css
    assert 'fa-magnifying-glass:before{content:"\\f002";display:inline-block;width:' in css
    assert ".fa-bars,.fa-x{color:red}" in css  # not an icon rule


def test_a_face_naming_no_woff2_file_is_an_error_naming_the_stylesheet(tmp_path: Path) -> None:
    from sphinx.errors import ExtensionError

    site = _site(
        tmp_path,
        {
            "index.html": '<link rel="stylesheet" href="_static/icons.css">',
            "_static/icons.css": '@font-face{font-family:"Font Awesome 6 Free";'
            'src:url(gone.woff2) format("woff2")}.a:before{content:"\\f0c9"}',
        },
    )
    with pytest.raises(ExtensionError, match=r"_static/icons\.css.*Font Awesome 6 Free"):
        slim_icon_fonts(site)


@pytest.mark.parametrize(
    ("body", "needed"),
    [
        ("<p>text</p>", set()),
        (
            '<div class="highlight"><pre>x</pre></div>',
            {"copybutton.css", "pygments.css", "mystnb."},
        ),
        ('<details class="admonition dropdown">', {"togglebutton.css"}),
        ('<div class="admonition note">', set()),  # an admonition, but not a dropdown
        ('<div class="sd-card sd-shadow-sm">', {"sphinx-design.min.css"}),
        ('<input class="sd-tab-label">', {"design-tabs.js", "sphinx-design.min.css"}),
        ('<div class="cell_output docutils">', {"mystnb."}),
    ],
)
def test_a_page_needs_the_files_of_the_extensions_its_content_uses(
    body: str, needed: set[str]
) -> None:
    assert {use.files[0] for use in page_assets.used(body)} == needed


def test_unused_extension_files_and_their_variables_leave_the_page() -> None:
    from types import SimpleNamespace

    from sphinx.builders.html._assets import _CascadingStyleSheet as Css
    from sphinx.builders.html._assets import _JavaScript as Js

    app = SimpleNamespace(config=SimpleNamespace(lstm_viz_slim=True))

    context = {
        "body": '<div class="highlight"><pre>x</pre></div>',
        "css_files": [Css("_static/togglebutton.css"), Css("_static/pygments.css")],
        "script_files": [
            Js("_static/copybutton.js"),
            Js("_static/togglebutton.js"),
            Js("", body="let toggleHintShow = 'Click';"),
            Js("", body="var other = 1;"),
        ],
    }
    page_assets.drop_unused_assets(app, "p", "page.html", context, None)  # type: ignore[arg-type]
    assert context["css_files"] == [Css("_static/pygments.css")]
    assert context["script_files"] == [Js("_static/copybutton.js"), Js("", body="var other = 1;")]


def test_files_no_page_reaches_are_removed_and_those_reached_kept(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<link rel="stylesheet" href="_static/a.css">'
            '<script type="module" src="_static/js/main.js"></script>'
            '<img srcset="_static/i1.png 1x, _static/i2.png 2x">',
            "book/page.html": '<div data-plotly="../_static/plotly.js"></div>'
            '<style>@font-face{src:url("../_static/f.woff2")}</style>',
            "_static/a.css": '@import "b.css"; .x{background:url(img/x.svg)}',
            "_static/b.css": "",
            "_static/img/x.svg": "<svg/>",
            "_static/js/main.js": 'import { a } from "./dep.js";',
            "_static/js/dep.js": "export const a = 1;",
            "_static/i1.png": "1",
            "_static/i2.png": "2",
            "_static/plotly.js": "",
            "_static/f.woff2": "",
            "_static/fonts/unused.ttf": "",
            "_static/unused.js": "",
            "_static/a.css.map": "",
        },
    )
    removed = remove_unused(site)
    assert removed == ["_static/a.css.map", "_static/fonts/unused.ttf", "_static/unused.js"]
    assert not (site / "_static/fonts").exists()  # the folder it left empty
    kept = {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}
    assert "_static/js/dep.js" in kept and "_static/img/x.svg" in kept and len(kept) == 11


SCRIPT_ADDS = 'button.classList.add("is-open"); el.className = "bs-popover-auto";'


def test_purge_keeps_what_pages_and_scripts_use_and_drops_the_rest(tmp_path: Path) -> None:
    theme = (
        ":root{--used:1px;--unused:2px}"
        ".used{margin:var(--used)}.never{color:red}.is-open{color:blue}"
        ".bs-popover-auto{top:0}[data-popper-placement^=top]{left:0}"
        "@keyframes spin{to{transform:rotate(1turn)}}@keyframes gone{to{opacity:0}}"
        ".used:hover{animation:spin 1s}"
    )
    site = _site(
        tmp_path,
        {
            "index.html": '<link rel="stylesheet" href="_static/theme.css">'
            '<link rel="stylesheet" href="_static/lstm-viz.css">'
            '<div class="used"></div><script src="_static/s.js"></script>',
            "_static/theme.css": theme,
            "_static/lstm-viz.css": ".mine{color:green}",  # the book's own: left whole
            "_static/s.js": SCRIPT_ADDS,
        },
    )
    sizes = purge(site, MODULES)
    css = (site / "_static/theme.css").read_text()
    for kept in (
        ".used",
        ".is-open",
        ".bs-popover-auto",
        "data-popper-placement",
        "--used",
        "spin",
    ):
        assert kept in css, (kept, css)
    for dropped in (".never", "--unused", "gone"):
        assert dropped not in css, (dropped, css)
    assert sizes == {"_static/theme.css": [len(theme), len(css.encode())]}
    assert (site / "_static/lstm-viz.css").read_text() == ".mine{color:green}"


def test_each_page_gets_one_stylesheet_its_critical_rules_inlined_and_not_blocking(
    tmp_path: Path,
) -> None:
    page = (
        "<!DOCTYPE html><html><head>"
        '<link rel="stylesheet" href="_static/a.css">\n'
        '<link rel="stylesheet" href="_static/b.css">\n'
        '</head><body><p class="here">x</p><div class="box"><h2><code>c</code></h2></div>'
        "</body></html>"
    )
    site = _site(
        tmp_path,
        {
            "index.html": page,
            "_static/a.css": "@font-face{font-family:F;src:url(f.woff2)}.here{color:red}"
            # The theme's colours: on <html>, for a theme a script in the head sets.
            "html[data-theme=dark]{--dark:#000}html:not([data-theme]){--none:#fff}"
            ".here:not(.absent){margin:0}"
            # Choices, of which the page has some.
            ".box :is(h1,.absent,h2)>code{display:inline-block}:where(.absent,.box){margin:0}",
            "_static/b.css": ".elsewhere{color:blue}",
            "_static/f.woff2": "",
        },
    )
    bundles = bundle(site)
    [(name, sheets)] = bundles.items()
    assert sheets == ["_static/a.css", "_static/b.css"]
    css = (site / name).read_text()
    assert css.index(".here") < css.index(".elsewhere") and "@font-face" not in css
    critical = inline_critical(site, MODULES)
    html = (site / "index.html").read_text()
    assert critical == {"index.html": len(re.findall(r"<style>(.*?)</style>", html)[-1])}
    assert "<style>@font-face{font-family:F;src:url(_static/f.woff2)}</style>" in html
    critical_css = re.findall(r"<style>(.*?)</style>", html)[-1]
    for rule in (
        ".here{color:red}",
        "html[data-theme=dark]{--dark:#000}",
        ".here:not(.absent)",
        ".box :is(h1,.absent,h2)>code",
        ":where(.absent,.box)",
    ):
        assert rule in critical_css, rule
    assert ".elsewhere" not in html  # no element of the page has it: it waits for the file
    link = re.search(rf'<link[^>]*href="{re.escape(name)}"[^>]*>', html)
    assert link and 'media="print"' in link[0] and "onload=" in link[0], html
    assert f'<noscript><link rel="stylesheet" href="{name}"></noscript>' in html
