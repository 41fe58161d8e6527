"""Values in the unit they are compared in (``rank``, ``compare``, ``get``), with the source's own
value and unit kept beside them as ``given_*``.

A shared indicator is compared in its own unit (gold in tonnes, see ``indicators``); any other
mass in tonnes; every other unit as given. A converted value keeps 4 significant figures, or
the given value's own where it has more (66,858 kg is 66.858 t), so conversion never adds
precision the source did not state: 1.9 Moz is 59.1 t.
"""

from __future__ import annotations

from typing import Any

from asgm_cli.number import round_sig, whole
from asgm_cli.vocab import TONNES_PER, convertible

#: the value fields of a record, converted, then as given
VALUE_FIELDS = ("value", "low", "high", "unit")
GIVEN_FIELDS = ("given_value", "given_low", "given_high", "given_unit")


def unit_for(iid: str, unit: str) -> str:
    """The unit ``iid``'s values are compared in: the shared indicator's, else tonnes for a mass, else ``unit``."""
    from asgm_cli.indicators import INDICATORS

    if iid in INDICATORS and convertible(unit, INDICATORS[iid].unit):
        return INDICATORS[iid].unit
    return "t" if unit in TONNES_PER and not same_scale(unit, "t/yr") else unit


def significant(x: float) -> int:
    """How many significant figures ``x`` is written with: 1.9 -> 2, 1800 -> 2, 66.858 -> 5."""
    text = f"{abs(x):.15g}".split("e")[0]
    digits = text.replace(".", "").lstrip("0")
    return len(digits if "." in text else digits.rstrip("0")) or 1


def same_scale(unit: str, other: str) -> bool:
    """Whether a number means the same in both units (t and t/yr), so that converting changes nothing."""
    return unit == other or TONNES_PER.get(unit, 0) == TONNES_PER.get(other)


def convert(x: float | None, unit: str, to: str) -> float | int | None:
    """``x`` in ``unit`` expressed in ``to``; the caller has checked that they are ``convertible``."""
    if x is None:
        return None
    if same_scale(unit, to):
        return whole(x)
    return round_sig(x * TONNES_PER[unit] / TONNES_PER[to], max(4, significant(x)))


def in_unit(item: Any, to: str) -> dict[str, Any]:
    """A figure's or statistic's value, low, high and unit in ``to``, then as given (``given_*``)."""
    given = [None if v is None else whole(v) for v in (item.value, item.low, item.high)]
    return {"value": convert(item.value, item.unit, to), "low": convert(item.low, item.unit, to),
            "high": convert(item.high, item.unit, to), "unit": to,
            "given_value": given[0], "given_low": given[1], "given_high": given[2], "given_unit": item.unit}
