"""Each page paints from its own HTML: the rules it needs inlined, its stylesheet not blocking.

Two well-kept tools do most of it, run in Node from the book's ``node_modules``
(``stylesheets.mjs``):

1. **purgecss** drops from the theme's and extensions' stylesheets every rule whose classes, ids,
   tags or attributes occur in no page and no script of the site (the scripts count: a class a
   script adds is spelled out in it), then the custom properties and font faces left unused. The
   book's own stylesheets (``lstm_viz/presentation/static``) are written for its pages and left
   whole.
2. Each page's stylesheets, in their order, become one file (:func:`bundle`; pages that link the
   same ones share it, named by its contents): applying a stylesheet that arrives after the first
   paint makes the browser restyle the whole page, and once is cheaper than ten times.
3. **beasties** puts into each page the rules of its stylesheet that match an element of the page
   (for both colour themes), and turns the link into one that loads without blocking the first
   paint (``media="print"`` switched to ``all`` once loaded, with a ``<noscript>`` fallback).

A stylesheet that only ``@import``-s others (the theme's ``theme.css``, which imports Sphinx's
``basic.css``) is first linked as what it imports (:func:`flatten_imports`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.errors import ExtensionError

from lstm_viz.presentation.embed import STATIC
from lstm_viz.sphinx.slim.references import (
    CSS_URL,
    pages,
    reachable,
    resolve,
    stylesheet_links,
)
from lstm_viz.sphinx.vendor import run_node

__all__ = ["WHOLE", "bundle", "flatten_imports", "inline_critical", "purge", "run_step"]

SCRIPT = Path(__file__).with_name("stylesheets.mjs")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?\s*;""")
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r'\bhref="([^"]*)"')
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
#: beasties' markers: every rule between them is critical.
_INCLUDE = ("/* beasties:include start */", "/* beasties:include end */")
#: Stylesheets of extensions whose scripts, as the page loads, add the elements these style (copy
#: buttons, toggle buttons): inlined whole where they are used, so those never show unstyled.
WHOLE = ("copybutton.css", "togglebutton.css")
_CHARSET = re.compile(r"""@charset\s+["'][^"']*["']\s*;""")
_MEDIA = re.compile(r'\bmedia="(?!all")[^"]*"')


def run_step(job: dict, node_modules: Path) -> dict:
    """Run one step of ``stylesheets.mjs``; its report, or an error naming what went wrong."""
    doing = f"slim the stylesheets ({job['step']})"
    report = json.loads(run_node(SCRIPT, node_modules, json.dumps(job), doing))
    if report["errors"]:
        raise ExtensionError(
            f"the stylesheet step ({job['step']}) reported: " + "\n".join(report["errors"])
        )
    return report


def _imports_only(sheet: Path) -> list[str] | None:
    """What a stylesheet imports, if importing is all it does."""
    text = _COMMENT.sub("", sheet.read_text(encoding="utf-8"))
    imports = _IMPORT.findall(text)
    return imports if imports and not _IMPORT.sub("", text).strip() else None


def _stylesheet_tags(html: str, page: Path, site: Path) -> list[tuple[re.Match[str], Path]]:
    """Each ``<link rel="stylesheet">`` tag of a page that names a file of the site, with it."""
    found = []
    for tag in _LINK.finditer(html):
        href = _HREF.search(tag[0])
        if "stylesheet" in tag[0] and href is not None:
            sheet = resolve(href[1].replace("&amp;", "&"), page.parent, site)
            if sheet is not None:
                found.append((tag, sheet))
    return found


def _link(tag: re.Match[str], target: Path, page: Path) -> str:
    """The link ``tag``, pointing at ``target`` instead."""
    href = Path(os.path.relpath(target, page.parent)).as_posix()
    return _HREF.sub(lambda _: f'href="{href}"', tag[0], count=1)


def flatten_imports(site: Path) -> None:
    """Link, in place of each stylesheet that only imports others, the stylesheets it imports."""
    site = site.resolve()
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        out, end = [], 0
        for tag, sheet in _stylesheet_tags(html, page, site):
            imported = _imports_only(sheet)
            if imported is None:
                continue
            links = []
            for name in imported:
                target = resolve(name, sheet.parent, site)
                if target is None:
                    raise ExtensionError(f"{sheet.relative_to(site)} imports {name}: no such file")
                links.append(_link(tag, target, page))
            out += [html[end : tag.start()], "\n".join(links)]
            end = tag.end()
        if out:
            page.write_text("".join([*out, html[end:]]), encoding="utf-8")


def _own(site: Path) -> set[Path]:
    """The book's own stylesheets as the site serves them."""
    return {(site / "_static" / p.relative_to(STATIC)).resolve() for p in STATIC.rglob("*.css")}


def purge(site: Path, node_modules: Path) -> dict[str, list[int]]:
    """Drop from the linked stylesheets what no page or script uses; each one's size before and
    after, by its path in the site."""
    site = site.resolve()
    linked = sorted({s for page in pages(site) for s in stylesheet_links(page, site)})
    own = _own(site)
    # The pages and the scripts they load (not the search index: words, not code).
    static = site / "_static"
    content = sorted(
        p
        for p in reachable(site)
        if p.suffix == ".html" or (p.suffix in (".js", ".mjs") and p.is_relative_to(static))
    )
    report = run_step(
        {
            "step": "purge",
            "purge": [str(s) for s in linked if s not in own],
            "keep": [str(s) for s in linked if s in own],
            "content": [str(p) for p in content],
        },
        node_modules,
    )
    return {str(Path(name).relative_to(site)): sizes for name, sizes in report["sizes"].items()}


def inline_critical(site: Path, node_modules: Path) -> dict[str, int]:
    """Inline each page's critical rules and load its stylesheets without blocking; the bytes of
    critical CSS inlined, by page."""
    site = site.resolve()
    report = run_step(
        {"step": "inline", "site": str(site), "pages": [str(p) for p in pages(site)]},
        node_modules,
    )
    return report["critical"]


def _moved_url(match: re.Match[str], origin: Path, folder: Path) -> str:
    """The ``url()`` ``match``, written in a file in ``origin``, rewritten for one in ``folder``."""
    name = next((g for g in match.groups() if g is not None), "")
    parts = urlsplit(name)
    if parts.scheme or parts.netloc or not parts.path or name.startswith(("/", "#")):
        return match[0]
    moved = Path(os.path.relpath((origin / parts.path).resolve(), folder)).as_posix()
    at = match[0].index(name)
    return match[0][:at] + moved + name[len(parts.path) :] + match[0][at + len(name) :]


def _relocated(sheet: Path, folder: Path, site: Path) -> str:
    """The text of ``sheet`` with its relative ``url()``s rewritten for a file in ``folder``."""
    text = _CHARSET.sub("", sheet.read_text(encoding="utf-8"))
    if _IMPORT.search(_COMMENT.sub("", text)):
        raise ExtensionError(f"{sheet.relative_to(site)} imports another stylesheet: not bundled")
    return CSS_URL.sub(partial(_moved_url, origin=sheet.parent, folder=folder), text)


def bundle(site: Path) -> dict[str, list[str]]:
    """Link, in place of each page's stylesheets, one file of all of them in their order; the
    stylesheets in each file written, by its path in the site.

    The file's font faces stand in a ``<style>`` of their own before its link instead: a font
    face arriving after the first paint makes the browser lay the whole page out again (on the
    chapter, as long as restyling it), and the faces are a few hundred bytes. The stylesheets of
    :data:`WHOLE` are marked for beasties to inline whole.
    """
    site = site.resolve()
    folder = site / "_static"
    bundles: dict[str, list[str]] = {}
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        linked = _stylesheet_tags(html, page, site)
        if not linked:
            continue
        if media := [tag[0] for tag, _ in linked if _MEDIA.search(tag[0])]:
            raise ExtensionError(f"{page.relative_to(site)}: stylesheets for some media: {media}")
        parts = []
        for _, sheet in linked:
            text = _relocated(sheet, folder, site).strip()
            parts.append(f"{_INCLUDE[0]}\n{text}\n{_INCLUDE[1]}" if sheet.name in WHOLE else text)
        text = "\n".join(parts) + "\n"
        faces = "".join(m[0] for m in _FONT_FACE.finditer(text))
        text = _FONT_FACE.sub("", text)
        target = folder / f"styles-{hashlib.sha256(text.encode()).hexdigest()[:16]}.css"
        if not target.exists():
            target.write_text(text, encoding="utf-8")
        bundles[str(target.relative_to(site))] = [str(s.relative_to(site)) for _, s in linked]
        # The first link now names the file; the others go, with the line each stood on.
        (first, _), *rest = linked
        # The font faces' addresses, written for the file, now stand in a page elsewhere.
        faces = CSS_URL.sub(partial(_moved_url, origin=folder, folder=page.parent), faces)
        out = [html[: first.start()], f"<style>{faces}</style>" if faces else ""]
        out.append(_link(first, target, page))
        end = first.end()
        for tag, _ in rest:
            out.append(html[end : tag.start()].rstrip(" "))
            end = tag.end() + html[tag.end() : tag.end() + 1].count("\n")
        page.write_text("".join([*out, html[end:]]), encoding="utf-8")
    return bundles
