"""Every picture of the built site has a text alternative: alt on images, a title on SVGs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import html_pages
from tests.pages import parse

pytestmark = pytest.mark.build

SVG_TITLE = "{http://www.w3.org/2000/svg}title"


def _linked_svg(page: Path, href: str, site: Path) -> Path | None:
    path = urlsplit(href).path
    if not path.endswith(".svg") or urlsplit(href).netloc:
        return None
    return (page.parent / path).resolve() if not path.startswith("/") else site / path[1:]


def test_every_image_has_alt_text_and_every_svg_a_title(built_site: Path) -> None:
    inline = linked = 0
    for page in html_pages(built_site):
        tree = parse(page.read_text())
        for img in tree.iter("img"):
            assert img.attrs.get("alt", "").strip(), f"{page.name}: <img> without alt: {img.attrs}"
        for svg in tree.iter("svg"):
            if svg.parent is not None and svg.parent.tag == "svg":
                continue  # nested svg inside an svg: the outer one carries the title
            titles = [c for c in svg.children if c.tag == "title"]
            labelled = svg.attrs.get("aria-hidden") == "true"  # decoration, hidden from readers
            assert labelled or (titles and titles[0].text.strip()), f"{page.name}: SVG untitled"
            inline += 1
        hrefs = [i.attrs.get("src", "") for i in tree.iter("img")]
        hrefs += [o.attrs.get("data", "") for o in tree.iter("object")]
        hrefs += [link.attrs.get("href", "") for link in tree.iter("link")]
        for href in hrefs:
            svg_file = _linked_svg(page, href, built_site)
            if svg_file is None:
                continue
            root = ET.parse(svg_file).getroot()
            title = root.find(SVG_TITLE)
            assert title is not None and (title.text or "").strip(), f"{svg_file} has no <title>"
            linked += 1
    assert inline >= 4 and linked >= 1
