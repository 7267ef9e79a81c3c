"""Checks every public function of the model runs on its arguments, so bad input is named.

A wrong kind of value raises ``TypeError``; NaN, an infinity, a ragged array, a number too large for
float64 or a value out of its range raises ``ValueError``; each message names the argument.

Exact real numbers (``int`` of any size, ``fractions.Fraction``, ``decimal.Decimal``) are
accepted and rounded to the nearest float64, as numpy's own numbers are. A masked array is refused,
alone or inside a list: numpy would silently drop its mask and compute with the hidden values.
Text and raw bytes (``str``, ``bytes``, ``bytearray``, ``memoryview``) are refused alike: numpy
would read a ``bytearray``'s bytes as small integers. A number out of its range is shown to the
last digit that tells it from the bound (``-1.0000001``, not ``-1``).
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["Float", "real_array", "real_number", "shown"]

#: The one array type of the model: float64 throughout.
Float = NDArray[np.float64]

_WHAT_TO_PASS = "pass floats, ints, Fractions or Decimals, or a numpy array of them"


def shown(x: float) -> str:
    """A number as an error message shows it: every digit needed to tell it from its neighbours
    (``-1.0000001``), and no ``.0`` on a whole number."""
    return repr(float(x)).removesuffix(".0")


def _holds_masked(value: list[Any] | tuple[Any, ...]) -> bool:
    """Whether a (nested) list or tuple holds a masked array or numpy's ``masked`` constant."""
    return any(
        isinstance(item, np.ma.MaskedArray)
        or (isinstance(item, list | tuple) and _holds_masked(item))
        for item in value
    )


def _exact_to_float(name: str, item: object) -> float:
    """One element of an object array (a big int, a Fraction, a Decimal…) as the nearest float."""
    if isinstance(item, bool | np.bool_) or not isinstance(item, numbers.Real | Decimal):
        raise TypeError(
            f"{name} must hold real numbers, got an element of type {type(item).__name__}: "
            + _WHAT_TO_PASS
        )
    try:
        value = float(item)
    except OverflowError:  # an int or a Fraction beyond float64
        value = math.inf
    except ValueError:  # a signalling Decimal NaN
        value = math.nan
    if math.isinf(value) and not (isinstance(item, Decimal) and item.is_infinite()):
        raise ValueError(
            f"{name} holds a number ({type(item).__name__}) beyond float64's range (±1.8e308)"
        )
    return value


def real_array(name: str, value: Any) -> Float:
    """Return ``value`` as a finite float64 array (a copy), or raise naming ``name``."""
    if isinstance(value, str | bytes | bytearray | memoryview) or value is None:
        kind = type(value).__name__
        raise TypeError(
            f"{name} must be a real number or array of them, got {kind}: {_WHAT_TO_PASS}"
        )
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(
            f"{name} is a masked array, whose mask the model would ignore: pass the values you "
            f"mean as a plain array (for example {name}.filled(0.0) or {name}.compressed())"
        )
    if isinstance(value, list | tuple) and _holds_masked(value):
        raise TypeError(
            f"{name} holds a masked array, whose mask the model would ignore: pass the values you "
            "mean as plain numbers (for example each masked array's .filled(0.0))"
        )
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested sequences
        raise ValueError(f"{name} is not a rectangular array: {error}") from None
    if array.dtype.kind == "O":
        flat = [_exact_to_float(name, item) for item in array.flat]
        converted = np.array(flat, dtype=np.float64).reshape(array.shape)
    elif array.dtype.kind in "iuf":
        # A copy: later changes to the caller's array cannot reach the model's results.
        with np.errstate(over="ignore"):  # long doubles beyond float64 are named below
            converted = array.astype(np.float64)
    else:
        raise TypeError(
            f"{name} must hold real numbers, got an array of dtype {array.dtype} (complex, "
            f"boolean and string arrays are not accepted): {_WHAT_TO_PASS}"
        )
    if not np.isfinite(converted).all():
        if np.isnan(converted).any():
            raise ValueError(f"{name} contains NaN; every value must be finite")
        if array.dtype.kind == "O" or np.isinf(array).any():
            raise ValueError(f"{name} contains an infinity; every value must be finite")
        raise ValueError(f"{name} holds a number beyond float64's range (±1.8e308)")
    return converted


def real_number(name: str, value: Any, bounds: tuple[float, float] | None = None) -> float:
    """Return ``value`` as one finite float, inside the closed interval ``bounds`` if given."""
    array = real_array(name, value)
    if array.ndim != 0:
        raise ValueError(f"{name} must be one number, got shape {array.shape}")
    number = float(array)
    if bounds is not None and not bounds[0] <= number <= bounds[1]:
        raise ValueError(f"{name} must lie in [{bounds[0]:g}, {bounds[1]:g}], got {shown(number)}")
    return number
