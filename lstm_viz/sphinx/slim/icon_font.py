"""The theme's icon font cut down to the icons the site shows, and icons that hold their size.

The theme draws its toolbar icons with Font Awesome: a 156 kB web font for a few dozen glyphs.
Each Font Awesome face that the (already purged) stylesheets still declare is subset here with
fontTools to the icons those stylesheets can show — the private-use characters, where Font Awesome
puts every icon, in the strings of ``content`` declarations and of custom properties (the theme's
admonition icons) — and written over the original file as WOFF2 (its TrueType twin, for browsers
without WOFF2, is no longer named: every browser the theme supports reads WOFF2). A face none of
those characters is in is dropped.

An icon is laid out before its font arrives, with the width of a missing glyph, and moves what
stands beside it when the font comes (the API page's table of contents, by Lighthouse's count a
layout shift of 0.039). So every rule that draws one icon also gets that glyph's own width, read
from the font: the box is the same before and after.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from sphinx.errors import ExtensionError

from lstm_viz.sphinx.slim.references import pages, resolve, stylesheet_links

__all__ = ["ICON_FAMILIES", "shown_characters", "slim_icon_fonts", "subset_woff2"]

#: The font families that are the theme's icons.
ICON_FAMILIES = ("Font Awesome 6 Free", "Font Awesome 6 Brands")
_FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
_FAMILY = re.compile(r"font-family\s*:\s*([^;}]*)")
_SRC = re.compile(r"src\s*:\s*[^;}]*")
_WOFF2 = re.compile(r"""url\(\s*(["']?)([^"')]+?)\1\s*\)\s*format\(\s*["']?woff2["']?\s*\)""")
_STRING = r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'"""
_CONTENT = re.compile(rf"content\s*:\s*((?:{_STRING}|[^;}}\"'])*)")
_PROPERTY = re.compile(rf"--[\w-]+\s*:\s*({_STRING})\s*[;}}]")
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
#: A rule whose one declaration draws one icon: ``.fa-bars:before{content:"\f0c9"}``.
_ICON_RULE = re.compile(rf"([^{{}}]+)\{{\s*content\s*:\s*({_STRING})\s*;?\s*\}}")


def _unescape(css_string: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else m[2], css_string[1:-1])


def _private(code: int) -> bool:
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000


def shown_characters(css: str) -> set[int]:
    """Every icon a stylesheet can draw: the private-use characters in the strings of its
    ``content`` declarations and of its custom properties."""
    strings = [s for m in _CONTENT.finditer(css) for s in re.findall(_STRING, m[1])]
    strings += [m[1] for m in _PROPERTY.finditer(css)]
    return {ord(c) for s in strings for c in _unescape(s) if _private(ord(c))}


def subset_woff2(font: Path, characters: set[int]) -> tuple[bytes, dict[int, float]]:
    """``font`` with only the glyphs of ``characters``, as WOFF2 (empty if it has none of them),
    and the width of each glyph kept, in em.

    The same font and characters give the same bytes: the font's own timestamps are kept."""
    with TTFont(font, recalcTimestamp=False) as face:
        cmap = face.getBestCmap()
        wanted = characters & set(cmap)
        if not wanted:
            return b"", {}
        em = face["head"].unitsPerEm
        widths = {c: face["hmtx"][cmap[c]][0] / em for c in wanted}
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = []
        options.name_IDs = []
        options.hinting = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(wanted))
        quiet = logging.getLogger("fontTools")
        level = quiet.level
        quiet.setLevel(logging.WARNING)  # it times each table at INFO: not for the build's log
        try:
            subsetter.subset(face)
        finally:
            quiet.setLevel(level)
        out = io.BytesIO()
        face.flavor = "woff2"
        face.save(out)
    return out.getvalue(), widths


def _family(block: str) -> str:
    found = _FAMILY.search(block)
    return found[1].strip().strip("\"'").replace("\\ ", " ") if found else ""


def _em(width: float) -> str:
    return f"{width:.4f}".rstrip("0").rstrip(".") + "em"


def slim_icon_fonts(site: Path) -> dict[str, int]:
    """Subset every icon font face of the stylesheets the pages link, and give each icon its
    width; the bytes of each font written, by its path in the site."""
    site = site.resolve()
    sheets = sorted({s for page in pages(site) for s in stylesheet_links(page, site)})
    texts = {sheet: sheet.read_text(encoding="utf-8") for sheet in sheets}
    characters = set().union(*(shown_characters(text) for text in texts.values()))
    written: dict[str, int] = {}
    widths: dict[int, float] = {}
    for sheet, text in texts.items():

        def slim_face(rule: re.Match[str], sheet: Path = sheet) -> str:
            block = rule[1]
            if _family(block) not in ICON_FAMILIES:
                return rule[0]
            url = _WOFF2.search(block)
            font = resolve(url[2], sheet.parent, site) if url else None
            if url is None or font is None:
                raise ExtensionError(
                    f"{sheet.relative_to(site)}: the icon font face {_family(block)!r} names no "
                    "WOFF2 file of the site"
                )
            name = str(font.relative_to(site))
            if name not in written:
                data, glyphs = subset_woff2(font, characters)
                for code, width in glyphs.items():  # the first face's: the solid icons'
                    widths.setdefault(code, width)
                written[name] = len(data)
                if data:
                    font.write_bytes(data)
            if not written[name]:
                return ""
            src = f'src:url("{url[2]}") format("woff2")'
            return "@font-face{" + _SRC.sub(lambda _: src, block, count=1) + "}"

        texts[sheet] = _FONT_FACE.sub(slim_face, text)

    def sized(rule: re.Match[str]) -> str:
        drawn = _unescape(rule[2])
        if len(drawn) != 1 or ord(drawn) not in widths:
            return rule[0]
        width = _em(widths[ord(drawn)])
        return f"{rule[1]}{{content:{rule[2]};display:inline-block;width:{width}}}"

    for sheet, text in texts.items():
        slimmed = _ICON_RULE.sub(sized, text)
        if slimmed != sheet.read_text(encoding="utf-8"):
            sheet.write_text(slimmed, encoding="utf-8")
    return written
