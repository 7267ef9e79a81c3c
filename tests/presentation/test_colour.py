"""WCAG contrast and shades: checked on pairs whose ratios WCAG's own tools give."""

from __future__ import annotations

import pytest

from lstm_viz.presentation.colour import channels, contrast, luminance, mix


@pytest.mark.parametrize(
    ("colour", "page", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA for text on white
        ("#777777", "#ffffff", 4.48),
        ("#ffffff", "#121212", 18.73),
        ("rgba(0, 0, 0, 0.5)", "#ffffff", 3.98),  # half-transparent black: grey 127.5 on white
    ],
)
def test_contrast_ratios_are_wcags(colour: str, page: str, ratio: float) -> None:
    assert contrast(colour, page) == pytest.approx(ratio, abs=0.01)
    assert (
        contrast(colour, page) == pytest.approx(contrast(page, colour), abs=0.01)
        or "rgba" in colour
    )


def test_luminance_and_mixing() -> None:
    assert luminance("#ffffff") == pytest.approx(1.0) and luminance("#000000") == 0.0
    assert mix("#204060", "#ffffff", 0.0) == "#204060"
    assert mix("#204060", "#ffffff", 1.0) == "#ffffff"
    assert mix("#000000", "#ffffff", 0.5) == "#808080"
    assert channels("rgb(1, 2, 3)") == (1.0, 2.0, 3.0, 1.0)
    with pytest.raises(ValueError, match="#rrggbb"):
        channels("red")
