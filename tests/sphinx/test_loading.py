"""Every script file of a page's head loads ``defer``; inline and async scripts stay as they are."""

from __future__ import annotations

from sphinx.builders.html._assets import _JavaScript

from lstm_viz.sphinx.loading import deferred


def test_a_script_file_is_deferred_keeping_its_place_and_attributes() -> None:
    script = _JavaScript("_static/x.js", priority=200, **{"data-x": "1"})
    out = deferred(script)
    assert out.filename == "_static/x.js" and out.priority == 200
    assert out.attributes == {"data-x": "1", "defer": "defer"}


def test_inline_and_async_scripts_are_left_alone() -> None:
    inline = _JavaScript("", body="var a = 1")
    early = _JavaScript("_static/y.js", **{"async": "async"})
    assert deferred(inline) is inline and deferred(early) is early
