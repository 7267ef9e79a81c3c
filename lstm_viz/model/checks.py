"""Checks every public function of the model runs on its arguments, so bad input is named.

A wrong kind of value raises ``TypeError``; NaN, an infinity, a ragged array or a value out of its
range raises ``ValueError``; each message names the argument.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["Float", "real_array", "real_number"]

#: The one array type of the model: float64 throughout.
Float = NDArray[np.float64]


def real_array(name: str, value: Any) -> Float:
    """Return ``value`` as a finite float64 array (a copy), or raise naming ``name``."""
    if isinstance(value, str | bytes) or value is None:
        kind = type(value).__name__
        raise TypeError(f"{name} must be a real number or array of them, got {kind}")
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested sequences
        raise ValueError(f"{name} is not a rectangular array: {error}") from None
    if array.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must hold real numbers, got an array of dtype {array.dtype} "
            "(complex, boolean, object and string arrays are not accepted)"
        )
    array = array.astype(np.float64)  # a copy: later changes to the caller's array cannot reach us
    if not np.all(np.isfinite(array)):
        bad = "NaN" if np.any(np.isnan(array)) else "an infinity"
        raise ValueError(f"{name} contains {bad}; every value must be finite")
    return array


def real_number(name: str, value: Any, bounds: tuple[float, float] | None = None) -> float:
    """Return ``value`` as one finite float, inside the closed interval ``bounds`` if given."""
    array = real_array(name, value)
    if array.ndim != 0:
        raise ValueError(f"{name} must be one number, got shape {array.shape}")
    number = float(array)
    if bounds is not None and not bounds[0] <= number <= bounds[1]:
        raise ValueError(f"{name} must lie in [{bounds[0]:g}, {bounds[1]:g}], got {number:g}")
    return number
