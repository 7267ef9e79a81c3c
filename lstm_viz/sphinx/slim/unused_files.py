"""No file under ``_static`` that no page reaches: the site serves what its pages use.

Sphinx copies every theme's and extension's static folder whole: source maps, licence notes,
translations of the theme's labels (used when the pages are written, not by the reader), launch
button logos, Font Awesome's 1.5 MB script and its fonts in three styles and two formats, Thebe's
script and stylesheet. What no page names — directly, or through a stylesheet or script it loads
(see :mod:`~lstm_viz.sphinx.slim.references`) — is removed once the pages are final.
"""

from __future__ import annotations

from pathlib import Path

from lstm_viz.sphinx.slim.references import reachable

__all__ = ["remove_unused"]


def remove_unused(site: Path) -> list[str]:
    """Delete the files under ``site/_static`` that no page reaches; their paths in the site."""
    site = site.resolve()
    static = site / "_static"
    used = reachable(site)
    removed = sorted(p for p in static.rglob("*") if p.is_file() and p.resolve() not in used)
    for file in removed:
        file.unlink()
    for folder in sorted((p for p in static.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return [str(p.relative_to(site)) for p in removed]
