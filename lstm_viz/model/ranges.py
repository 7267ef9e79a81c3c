"""The ranges the book lets the reader move the scalar cell across.

They bound the explorer's sliders (:mod:`lstm_viz.presentation.explorer.state`) and the weights the
model itself searches (:func:`lstm_viz.model.presets.original_table_fit` fits only weights a reader
could set), so they belong to the numbers, not to the page.
"""

from __future__ import annotations

__all__ = ["BIAS_RANGE", "C_PREV_RANGE", "S_RANGE", "WEIGHT_RANGE", "X_RANGE"]

#: The ranges the reader can drag the gate input s and the previous LTM c_prev across.
S_RANGE: tuple[float, float] = (-6.0, 6.0)
C_PREV_RANGE: tuple[float, float] = (-3.0, 3.0)
#: The range of each input x_t of the sequence: one less than s's at each end, so that the gate
#: input s_t = x_t + h_(t−1) stays within :data:`S_RANGE` (the STM h stays between −1 and 1).
X_RANGE: tuple[float, float] = (S_RANGE[0] + 1.0, S_RANGE[1] - 1.0)
#: The ranges of every gate's weight w and bias b that the reader can set.
WEIGHT_RANGE: tuple[float, float] = (-10.0, 10.0)
BIAS_RANGE: tuple[float, float] = (-10.0, 10.0)
