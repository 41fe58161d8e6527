"""How a number leaves asgm: a whole value as an int, in every format."""

from __future__ import annotations


def whole(x: float | int) -> float | int:
    """A whole float as an int (4.0 -> 4), so that JSON, CSV and ``get`` print ``4``, not ``4.0``."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return int(x)
    return x


def round_sig(x: float, digits: int = 4) -> float | int:
    """Round to significant figures: 3.74677 -> 3.747, 154.8 -> 154.8, 3.9999 -> 4 (an int)."""
    return whole(float(f"{x:.{digits}g}")) if x else 0
