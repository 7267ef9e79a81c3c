"""Every script file of a page's head loads ``defer``; inline, async and module scripts stay as
they are."""

from __future__ import annotations

from typing import Any

from sphinx.builders.html._assets import _JavaScript

from lstm_viz.sphinx.loading import deferred


def test_a_script_file_is_deferred_keeping_its_place_and_attributes() -> None:
    script = _JavaScript("_static/x.js", priority=200, id="x")
    out = deferred(script)
    assert out.filename == "_static/x.js" and out.priority == 200
    assert out.attributes == {"id": "x", "defer": "defer"}


def test_inline_and_async_scripts_are_left_alone() -> None:
    inline = _JavaScript("", body="var a = 1")
    attributes: dict[str, Any] = {"async": "async"}  # a keyword: not writable as async=…
    early = _JavaScript("_static/y.js", **attributes)
    assert deferred(inline) is inline and deferred(early) is early


def test_a_module_is_left_alone() -> None:
    module = _JavaScript("_static/explorer/main.js", type="module")
    assert deferred(module) is module
