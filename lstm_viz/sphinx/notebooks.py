"""Every page that runs code, offered as a Jupyter notebook (``.ipynb``) to download and run.

A page is a notebook when its source is a text-based notebook (a MyST Markdown file with a
jupytext header naming a kernel). At build time this Sphinx extension converts each one with
jupytext into ``_notebooks/<docname>.ipynb`` of the site, with no outputs and fixed cell ids, so
two builds write the same bytes; the book's own roles are turned into what they show (``{val}``
into its number, ``{claim}`` and ``{explore}`` into their words, ``{cite}`` into author and year),
since plain Jupyter does not know them. A line under the page's title links to the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from lstm_viz.sphinx.roles import explore_text, split_role, value_text

__all__ = ["FOLDER", "is_notebook", "notebook_for", "plain_markdown", "setup_notebooks"]

#: Where the notebooks go in the built site.
FOLDER = "_notebooks"
_ROLE = re.compile(r"\{(val|claim|explore|cite(?::[a-z]+)?|doc|glue(?::[a-z]+)?)\}`([^`]*)`")
_ADMONITION = re.compile(
    r"^```\{admonition\} *([^\n]*)\n((?::\w+:[^\n]*\n)*)(.*?)^```[ \t]*$", re.M | re.S
)


def is_notebook(source: Path) -> bool:
    """Whether ``source`` is a text-based notebook: a jupytext header with a kernelspec."""
    if source.suffix != ".md":
        return False
    head = source.read_text(encoding="utf-8")[:2000]
    return head.startswith("---\n") and "jupytext:" in head and "kernelspec:" in head


def _cite_text(keys: str, citations: dict[str, str]) -> str:
    return "; ".join(citations.get(key.strip(), key.strip()) for key in keys.split(","))


def plain_markdown(text: str, citations: dict[str, str] | None = None) -> str:
    """Markdown of the book for plain Jupyter: its roles replaced by what they show in the page,
    admonitions as block quotes."""
    citations = citations or {}

    def replace(match: re.Match[str]) -> str:
        role, content = match.groups()
        words, target = split_role(content)
        if role == "val":
            return value_text(content)
        if role == "claim" or role == "doc":
            return words
        if role.startswith("glue"):  # a computed sentence: shown by the code cell that makes it
            return f"`{content}`"
        if role == "explore":
            return explore_text(words, target if target != words else "")
        return f"({_cite_text(content, citations)})"

    def quote(match: re.Match[str]) -> str:
        title, _, body = match.groups()
        lines = [f"**{title}**", "", *body.rstrip("\n").split("\n")]
        return "\n".join(f"> {line}".rstrip() for line in lines)

    return _ADMONITION.sub(quote, _ROLE.sub(replace, text))


def notebook_for(source: Path, citations: dict[str, str] | None = None) -> str:
    """The ``.ipynb`` text of the text-based notebook ``source``, the same on every call."""
    notebook = jupytext.read(source)
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"
        if cell.cell_type == "markdown":
            cell.source = plain_markdown(cell.source, citations)
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["language_info"] = {"name": "python"}
    nbformat.validate(notebook)
    return nbformat.writes(notebook)


def _citations(app: Sphinx) -> dict[str, str]:
    """Author-year text of each entry of the book's bibliography files, for plain notebooks."""
    try:
        from pybtex.database import parse_file
    except ImportError:  # without sphinxcontrib-bibtex there are no citations to write out
        return {}
    texts = {}
    for bibfile in getattr(app.config, "bibtex_bibfiles", []):
        for key, entry in parse_file(Path(app.srcdir) / bibfile).entries.items():
            people = entry.persons.get("author", [])
            names = [" ".join(p.last_names) for p in people] or [entry.fields.get("author", key)]
            who = names[0] + (" et al." if len(names) > 2 else "")
            if len(names) == 2:
                who = f"{names[0]} and {names[1]}"
            texts[key] = f"{who}, {entry.fields.get('year', 'n.d.')}".replace("{", "").replace(
                "}", ""
            )
    return texts


def _notebook_docs(app: Sphinx) -> dict[str, Path]:
    env = app.env
    found = {}
    for docname in sorted(env.found_docs):
        source = Path(env.doc2path(docname))
        if is_notebook(source):
            found[docname] = source
    return found


def _link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put a download line under the title of every notebook page; on the front page (the root
    document) at its end instead, where it does not push the figure and the ways in below the
    first screen."""
    source = Path(app.env.doc2path(docname))
    if app.builder.format != "html" or not is_notebook(source):
        return
    sections = list(doctree.findall(nodes.section))
    if not sections:
        return
    target = f"{FOLDER}/{docname}.ipynb"
    uri = relative_uri(app.builder.get_target_uri(docname), target)
    name = Path(docname).name
    paragraph = nodes.paragraph(classes=["lstm-viz-download"])
    paragraph += nodes.Text("This page is a notebook: ")
    paragraph += nodes.reference("", f"download {name}.ipynb", refuri=uri, internal=False)
    paragraph += nodes.Text(" and run it top to bottom in Jupyter with only lstm_viz installed.")
    if docname == app.config.root_doc:
        sections[-1].append(paragraph)
        return
    title = sections[0].next_node(nodes.title)
    sections[0].insert(sections[0].index(title) + 1, paragraph)


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    citations = _citations(app)
    for docname, source in _notebook_docs(app).items():
        target = Path(app.outdir) / FOLDER / f"{docname}.ipynb"
        text = notebook_for(source, citations)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def setup_notebooks(app: Sphinx) -> None:
    app.connect("doctree-resolved", _link)
    app.connect("build-finished", _write)
