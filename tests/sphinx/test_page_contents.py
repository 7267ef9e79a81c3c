"""A gutted page cannot ship: each page declares what it contains (``_page_contents.yml``) and the
strict build fails when a built page lacks any of it — an unclosed code fence, a stray directive or
a truncated file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lstm_viz.model.claims import CHAPTER
from lstm_viz.sphinx.page_contents import (
    Declaration,
    PageContents,
    PageContentsError,
    load_declarations,
    missing,
)
from tests.conftest import ROOT, SphinxRun

CONF = (
    'extensions = ["myst_parser"]\nroot_doc = "index"\nhtml_theme = "sphinx_book_theme"\n'
    "def setup(app):\n"
    "    from lstm_viz.sphinx.page_contents import setup_page_contents\n"
    "    from lstm_viz.sphinx.roles import setup_roles\n"
    "    setup_roles(app)\n"
    "    setup_page_contents(app)\n"
)
CLAIM = next(iter(CHAPTER.claims))
DECLARED = (
    f"index:\n  sections: [The forget gate, The equations]\n  claims: [{CLAIM}]\n"
    "  links: [other]\nother:\n  sections: [Other]\n"
)
PAGE = (
    "# The cell\n\nWords. See [the other page](other.md).\n\n## The forget gate\n\n"
    f"{{claim}}`it forgets <{CLAIM}>`.\n\n```python\nx = 1\n```\n\n## The equations\n\nMath.\n"
)
OTHER = "---\norphan: true\n---\n# Other\n\nText.\n"


def build(
    sphinx_project: Callable[..., SphinxRun], page: str, declared: str = DECLARED
) -> SphinxRun:
    files = {"index.md": page, "other.md": OTHER, "_page_contents.yml": declared}
    return sphinx_project(CONF, files, strict=True)


def test_a_page_with_everything_it_declares_builds(
    sphinx_project: Callable[..., SphinxRun],
) -> None:
    run = build(sphinx_project, PAGE)
    assert run.app.statuscode == 0, run.warnings


@pytest.mark.parametrize(
    ("slip", "page", "lost"),
    [
        (
            "an unclosed code fence",
            PAGE.replace("x = 1\n```\n", "x = 1\n"),
            "section 'The equations'",
        ),
        (
            "a stray directive",
            PAGE.replace("## The forget gate", "````{raw} latex\n## The forget gate"),
            "section 'The forget gate'; section 'The equations'; claim",
        ),
        ("a truncated file", PAGE[: PAGE.index("## The forget")], "section 'The forget gate'"),
    ],
)
def test_a_gutted_page_fails_the_strict_build_naming_what_it_lost(
    sphinx_project: Callable[..., SphinxRun], slip: str, page: str, lost: str
) -> None:
    run = build(sphinx_project, page)
    assert run.app.statuscode == 1, f"{slip}: the build passed"
    assert f"index.md: WARNING: the built page lacks {lost}" in run.warnings, run.warnings
    assert "which _page_contents.yml declares it contains" in run.warnings


def test_a_page_that_declares_nothing_fails_the_strict_build(
    sphinx_project: Callable[..., SphinxRun],
) -> None:
    run = build(sphinx_project, PAGE, DECLARED.split("other:")[0])
    assert run.app.statuscode == 1
    assert (
        "other.md: WARNING: the page declares nothing it must contain: add it to _page_contents.yml"
    ) in run.warnings, run.warnings


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- a\n", "must map each page's docname"),
        ("index: {}\n", "index must declare at least one of sections, claims, ids, links"),
        ("index:\n  words: [a]\n", "index: unknown 'words'"),
        ("index:\n  sections: The cell\n", "index.sections must be a list of names"),
        ("index: [\n", "cannot be read"),
    ],
)
def test_a_broken_declaration_file_is_named(tmp_path: Path, text: str, words: str) -> None:
    file = tmp_path / "_page_contents.yml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(PageContentsError, match=rf"^_page_contents\.yml: .*{words}"):
        load_declarations(file)


def test_a_registry_stands_for_all_of_its_claims(tmp_path: Path) -> None:
    file = tmp_path / "_page_contents.yml"
    file.write_text("book/lstm:\n  claims: [chapter, extra]\n", encoding="utf-8")
    assert load_declarations(file)["book/lstm"].claims == (*CHAPTER.claims, "extra")


def test_what_a_page_contains_is_read_from_its_article_only() -> None:
    page = (
        '<nav><h2>Contents</h2><a href="../elsewhere.html">x</a></nav><article>'
        '<section id="a"><h1>Title<a class="headerlink" href="#a">#</a></h1>'
        '<h2>The <em>forget</em>\n gate<a class="headerlink" href="#b">¶</a></h2>'
        '<span data-claim="c1">w</span><a href="lstm.html#x">l</a><a href="../index.html">i</a>'
        '<a href="https://example.org/a.html">e</a><a href="#top">t</a>'
        '<div id="fig"></div></section></article><h2>After</h2>'
    )
    contents = PageContents.of("book/page", page)
    assert contents.sections == ["Title", "The forget gate"]
    assert contents.claims == {"c1"}
    assert contents.ids == {"a", "fig"}
    assert contents.links == {"book/lstm", "index"}
    declared = Declaration(sections=("The forget gate", "Gone"), ids=("fig", "nope"))
    assert missing(declared, contents) == ["section 'Gone'", "element id 'nope'"]


def test_every_page_of_the_book_declares_what_it_contains() -> None:
    declared = load_declarations(ROOT / "_page_contents.yml")
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    pages = {line.split(":", 1)[1].strip() for line in toc.splitlines() if "file:" in line}
    pages.add(toc.split("root:", 1)[1].split()[0])
    assert set(declared) == pages
    assert all(d.sections or d.ids or d.links for d in declared.values())


def test_the_built_book_holds_everything_its_pages_declare(built_site: Path) -> None:
    declared = load_declarations(ROOT / "_page_contents.yml")
    lost = {
        docname: missing(d, PageContents.of(docname, (built_site / f"{docname}.html").read_text()))
        for docname, d in declared.items()
    }
    assert not any(lost.values()), lost


def test_a_page_that_lost_much_names_the_first_losses_and_counts_the_rest(
    sphinx_project: Callable[..., SphinxRun],
) -> None:
    sections = [f"Part {n}" for n in range(1, 8)]
    declared = f"index:\n  sections: [{', '.join(sections)}]\nother:\n  sections: [Other]\n"
    run = build(
        sphinx_project, "# The cell\n\n```\n" + "".join(f"## {s}\n" for s in sections), declared
    )
    assert run.app.statuscode == 1
    assert (
        "the built page lacks section 'Part 1'; section 'Part 2'; section 'Part 3'; section "
        "'Part 4' and 3 more, which _page_contents.yml declares"
    ) in run.warnings, run.warnings
