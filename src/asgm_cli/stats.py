"""Derived statistics: pure functions of a profile, each with its formula and inputs.

Rules (also in the README):
- A statistic whose inputs are missing is left out, never guessed.
- Values are rounded to 4 significant figures; the inputs keep their own precision.
- Qualifiers propagate: anything approximate makes the result approximate; an "at most" input
  bounds the result from above where the result grows with it and from below where it shrinks
  with it (dividing by an at-most count gives an at-least result); bounds pulling in opposite
  directions leave no bound, and the result is marked approximate.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Callable

from asgm_cli.model import Figure, Profile, Production
from asgm_cli.vocab import TROY_OUNCE_G


@dataclass(frozen=True)
class Input:
    id: str
    value: float | None
    unit: str
    year: int | None
    qualifier: str | None = None
    low: float | None = None  # a range's ends, when value is None
    high: float | None = None
    dated: bool = True  # False for constants (a price, a target) that have no year to agree with

    @property
    def ends(self) -> tuple[float, ...]:
        """The value, or the two ends of a range."""
        return (self.value,) if self.value is not None else (self.low or 0.0, self.high or 0.0)


@dataclass(frozen=True)
class Stat:
    id: str
    label: str
    value: float | None  # None when the result is a range
    unit: str
    qualifier: str | None
    year: int | None
    formula: str
    inputs: tuple[Input, ...]
    note: str | None = None
    low: float | None = None
    high: float | None = None


def combine(*terms: tuple[str | None, int]) -> str | None:
    """Qualifier of a result from (input qualifier, +1 if the result grows with it else -1)."""
    if any(q == "approximately" for q, _ in terms):
        return "approximately"
    directions = {sign if q == "at_least" else -sign for q, sign in terms if q in ("at_least", "at_most")}
    if not directions:
        return None
    if len(directions) == 2:
        return "approximately"
    return "at_least" if directions == {1} else "at_most"


def round_sig(x: float, digits: int = 4) -> float:
    """Round to significant figures: 3.74677 -> 3.747, 154.8 -> 154.8."""
    return float(f"{x:.{digits}g}") if x else 0.0


def _in(f: Figure) -> Input:
    return Input(f.id, f.value, f.unit, f.year, f.qualifier, f.low, f.high)


def _prod_in(p: Production) -> Input:
    return Input("national_gold_production", p.value, p.unit, p.year, p.qualifier)


def _positive(*inputs: Input | None) -> bool:
    """All inputs present and above zero (every end of a range), so that dividing is safe."""
    return all(i is not None and min(i.ends) > 0 for i in inputs)


def _stat(sid: str, label: str, fn: Callable[..., float], inputs: tuple[Input, ...], unit: str,
          qualifier: str | None, formula: str, year: int | None = None, note: str | None = None,
          extra: tuple[Input, ...] = ()) -> Stat:
    """Apply ``fn`` to the inputs' values; over a range, to every combination of its ends.

    Every formula here is monotonic in each input, so the smallest and largest results over the
    ends are the ends of the result's range. ``extra`` inputs are shown but not passed to ``fn``.
    """
    results = [fn(*combo) for combo in itertools.product(*(i.ends for i in inputs))]
    value = low = high = None
    if len(results) == 1:
        value = round_sig(results[0])
    else:
        low, high = round_sig(min(results)), round_sig(max(results))
    shown = inputs + extra
    if year is None:
        years = {i.year for i in shown if i.dated}
        year = years.pop() if len(years) == 1 else None  # only when every dated input has the same year
    return Stat(sid, label, value, unit, qualifier, year, formula, shown, note, low, high)


class UnknownYear(ValueError):
    """--year names a year with no national production on file."""


def derive(profile: Profile, year: int | None = None, gold_price: float | None = None) -> list[Stat]:
    """Every statistic the profile's figures allow, in a fixed order."""
    def fig(fid: str) -> Input | None:
        f = profile.figure(fid)
        return _in(f) if f else None

    gold, mercury, miners = fig("asgm_gold_output"), fig("asgm_mercury_emissions"), fig("asgm_miners")
    workers, livelihoods, price_share = fig("asgm_employment"), fig("livelihoods"), fig("informal_price_share")
    out: list[Stat] = []

    prod = profile.production_for(year)
    if year is not None and prod is None:
        raise UnknownYear(year)
    if gold and prod and prod.tonnes > 0:
        conv = "" if prod.unit == "t" else f" (converted from {prod.unit} to t)"
        note = None
        if gold.year is None:
            note = f"The ASGM output has no year; it is divided by {prod.year}'s national production."
        elif gold.year != prod.year:
            note = f"The ASGM output is for {gold.year}; it is divided by {prod.year}'s national production."
        tonnes = prod.tonnes
        out.append(_stat(
            "asgm_share_of_national_output", "ASGM share of national gold production",
            lambda g: g / tonnes * 100, (gold,), "%", combine((gold.qualifier, 1), (prod.qualifier, -1)),
            f"asgm_gold_output ÷ national_gold_production[{prod.year}]{conv} × 100",
            year=prod.year, note=note, extra=(_prod_in(prod),)))
    if mercury and gold and _positive(gold):
        out.append(_stat(
            "mercury_per_gold", "Mercury emitted per tonne of ASGM gold", lambda m, g: m / g, (mercury, gold),
            "t/t", combine((mercury.qualifier, 1), (gold.qualifier, -1)), "asgm_mercury_emissions ÷ asgm_gold_output"))
    for people, sid, label, unit in (
            (miners, "gold_per_miner", "ASGM gold per miner", "g/miner/yr"),
            (workers, "gold_per_asgm_worker", "ASGM gold per person working in ASGM", "g/person/yr")):
        if gold and people and _positive(people):
            out.append(_stat(
                sid, label, lambda g, n: g * 1e6 / n, (gold, people), unit,
                combine((gold.qualifier, 1), (people.qualifier, -1)),
                f"asgm_gold_output × 1,000,000 g/t ÷ {people.id}"))
    if livelihoods and miners and _positive(miners):
        out.append(_stat(
            "livelihoods_per_miner", "Livelihoods per miner", lambda lv, n: lv / n, (livelihoods, miners),
            "people/miner", combine((livelihoods.qualifier, 1), (miners.qualifier, -1)), "livelihoods ÷ asgm_miners"))
    out += _target_stats(profile, mercury)
    if price_share:
        out.append(_stat(
            "informal_value_loss_share", "Share of gold's value lost to informal supply chains",
            lambda s: 100 - s, (price_share,), "%", combine((price_share.qualifier, -1)), "100 − informal_price_share"))
    if gold_price is not None and gold:
        price = Input("gold_price", gold_price, "USD/troy oz", None, dated=False)

        def value_of(g: float, p: float) -> float:
            return g * 1e6 / TROY_OUNCE_G * p

        out.append(_stat(
            "asgm_output_value_usd", "Value of ASGM gold output at the given price", value_of, (gold, price),
            "USD/yr", combine((gold.qualifier, 1)),
            "asgm_gold_output × 1,000,000 g/t ÷ 31.1034768 g/troy oz × gold_price"))
        if price_share:
            out.append(_stat(
                "informal_value_loss_usd", "Value lost to informal supply chains at the given price",
                lambda g, p, s: value_of(g, p) * (100 - s) / 100, (gold, price, price_share), "USD/yr",
                combine((gold.qualifier, 1), (price_share.qualifier, -1)),
                "asgm_output_value_usd × (100 − informal_price_share) ÷ 100"))
    return out


def _target_stats(profile: Profile, mercury: Input | None) -> list[Stat]:
    if not profile.targets:
        return []
    t = profile.targets[0]
    q = t.qualifier
    reduction = Input("target.mercury_reduction", t.mercury_reduction, t.mercury_unit, None, q, dated=False)
    out: list[Stat] = []
    if t.years:
        years = Input("target.years", t.years, "years", None, dated=False)
        out.append(_stat(
            "target_reduction_per_year", "Target mercury reduction per project year", lambda r, y: r / y,
            (reduction, years), "t/yr", combine((q, 1)), "target.mercury_reduction ÷ target.years"))
        if mercury and _positive(mercury):
            out.append(_stat(
                "target_share_of_annual_emissions", "Yearly target cut as a share of annual ASGM mercury emissions",
                lambda r, y, m: r / y / m * 100, (reduction, years, mercury), "%",
                combine((q, 1), (mercury.qualifier, -1)),
                "target.mercury_reduction ÷ target.years ÷ asgm_mercury_emissions × 100",
                note="Compares a cut in mercury use with mercury emitted; the two are not the same quantity."))
    unit = {"communities": "community", "municipalities": "municipality", "sites": "site"}[t.community_unit]
    out.append(_stat(
        "target_reduction_per_community", f"Target mercury reduction per {unit}", lambda r, c: r / c,
        (reduction, Input("target.communities", t.communities, t.community_unit, None, dated=False)), "t", combine((q, 1)),
        "target.mercury_reduction ÷ target.communities"))
    return out
