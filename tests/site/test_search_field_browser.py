"""One search field on every page, at a phone's, a tablet's, a laptop's and a wide screen's width;
the keyboard shortcut still opens search; the sidebar's toggle still opens the sidebar (issue 24).

pydata-sphinx-theme 0.17 re-adds its header bar (``navbar_persistent``, a search field) under
sphinx-book-theme, which has none: every page then showed a second search field in a bar across
the top, and the theme's script bound the sidebar toggle to the hidden header's copy, so the
visible toggle did nothing on a phone. ``_config.yml`` names the option; these tests hold both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import html_pages

WIDTHS = (375, 1024, 1280, 1920)
#: Every control a reader would take for the page's search: the theme's search buttons (a field
#: in the sidebar, an icon on a phone) and any search input outside the closed search dialog; in
#: view, since the sidebar of a phone waits off the screen, closed.
VISIBLE_SEARCH = """() => [
  ...document.querySelectorAll(".search-button__button, input[type=search]")
].filter(el => !el.closest("dialog:not([open])"))
  .filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"
      && r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight;
  })
  .map(el => `${el.tagName.toLowerCase()}.${el.className} at (${Math.round(
    el.getBoundingClientRect().left)}, ${Math.round(el.getBoundingClientRect().top)})`)"""


def _pages(site: Path) -> list[str]:
    """Every page of the site, the search page and Sphinx's indexes too."""
    generated = ["search.html", "genindex.html", "py-modindex.html"]
    return [str(p.relative_to(site)) for p in html_pages(site)] + generated


def test_no_page_has_the_header_bar(built_site: Path) -> None:
    # The header's search field; its sidebar toggle is the one the theme's script would bind.
    for path in _pages(built_site):
        html = (built_site / path).read_text()
        assert "navbar-persistent" not in html, f"{path} has the header bar's search field"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_shows_exactly_one_search_field(
    browser, site_url: str, built_site: Path, width: int
) -> None:
    with browser.new_context(viewport={"width": width, "height": 800}) as context:
        page = context.new_page()
        problems = []
        for path in _pages(built_site):
            page.goto(f"{site_url}/{path}", wait_until="load")
            shown = page.evaluate(VISIBLE_SEARCH)
            if len(shown) != 1:
                problems.append(f"{path}: {len(shown)} search fields: {shown}")
        assert not problems, f"at {width} px:\n" + "\n".join(problems)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_keyboard_shortcut_opens_search_and_finds_pages(
    browser, site_url: str, width: int
) -> None:
    with browser.new_context(viewport={"width": width, "height": 800}) as context:
        page = context.new_page()
        page.goto(f"{site_url}/book/lstm.html", wait_until="load")
        page.locator("body").press("Control+k")
        field = page.locator("#pst-search-dialog input[type=search]")
        field.wait_for(state="visible", timeout=5_000)
        assert page.evaluate("document.querySelector('#pst-search-dialog').open")
        assert page.evaluate("document.activeElement.name") == "q"
        field.fill("forget")
        field.press("Enter")
        page.wait_for_url("**/search.html?q=forget*")
        page.wait_for_selector("#search-results a[href*='lstm']", timeout=15_000)
        # On the search page the shortcut goes to the page's own field, its one search field.
        page.evaluate("document.activeElement.blur()")
        page.locator("body").press("Control+k")
        assert page.evaluate("document.activeElement.closest('.bd-search-container') !== null")


def test_the_sidebar_toggle_opens_the_sidebar_on_a_phone(browser, site_url: str) -> None:
    with browser.new_context(viewport={"width": 375, "height": 800}) as context:
        page = context.new_page()
        page.goto(f"{site_url}/book/index.html", wait_until="load")
        toggles = page.locator(".primary-toggle:visible")
        assert toggles.count() == 1
        toggles.click()
        page.wait_for_function("document.querySelector('#pst-primary-sidebar-modal').open")
        sidebar = page.locator("#pst-primary-sidebar-modal")
        assert sidebar.get_by_role("link", name="Explore the cell", exact=True).is_visible()
