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

from dataclasses import dataclass

from asgm_cli.model import Figure, Profile, Production
from asgm_cli.vocab import TROY_OUNCE_G


@dataclass(frozen=True)
class Input:
    id: str
    value: float
    unit: str
    year: int | None
    qualifier: str | None = None


@dataclass(frozen=True)
class Stat:
    id: str
    label: str
    value: float
    unit: str
    qualifier: str | None
    year: int | None
    formula: str
    inputs: tuple[Input, ...]
    note: str | None = None


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
    return Input(f.id, f.value, f.unit, f.year, f.qualifier)


def _prod_in(p: Production) -> Input:
    return Input("national_gold_production", p.value, p.unit, p.year, p.qualifier)


def _stat(sid: str, label: str, value: float, unit: str, qualifier: str | None, formula: str,
          inputs: tuple[Input, ...], year: int | None = None, note: str | None = None) -> Stat:
    if year is None:
        years = {i.year for i in inputs if i.year is not None}
        year = years.pop() if len(years) == 1 else None
    return Stat(sid, label, round_sig(value), unit, qualifier, year, formula, inputs, note)


class UnknownYear(ValueError):
    """--year names a year with no national production on file."""


def derive(profile: Profile, year: int | None = None, gold_price: float | None = None) -> list[Stat]:
    """Every statistic the profile's figures allow, in a fixed order."""
    fig = profile.figure
    gold, mercury, miners = fig("asgm_gold_output"), fig("asgm_mercury_emissions"), fig("asgm_miners")
    livelihoods, price_share = fig("livelihoods"), fig("informal_price_share")
    out: list[Stat] = []

    prod = profile.production_for(year)
    if year is not None and prod is None:
        raise UnknownYear(year)
    if gold and prod and prod.tonnes > 0:
        conv = "" if prod.unit == "t" else f" (converted from {prod.unit} to t)"
        note = None
        if gold.year is None:
            note = f"The ASGM output has no year; it is divided by {prod.year}'s national production."
        out.append(_stat(
            "asgm_share_of_national_output", "ASGM share of national gold production",
            gold.value / prod.tonnes * 100, "%", combine((gold.qualifier, 1), (prod.qualifier, -1)),
            f"asgm_gold_output ÷ national_gold_production[{prod.year}]{conv} × 100",
            (_in(gold), _prod_in(prod)), year=prod.year, note=note))
    if mercury and gold and gold.value > 0:
        out.append(_stat(
            "mercury_per_gold", "Mercury emitted per tonne of ASGM gold",
            mercury.value / gold.value, "t/t", combine((mercury.qualifier, 1), (gold.qualifier, -1)),
            "asgm_mercury_emissions ÷ asgm_gold_output", (_in(mercury), _in(gold))))
    if gold and miners and miners.value > 0:
        out.append(_stat(
            "gold_per_miner", "ASGM gold per miner",
            gold.value * 1e6 / miners.value, "g/miner/yr", combine((gold.qualifier, 1), (miners.qualifier, -1)),
            "asgm_gold_output × 1,000,000 g/t ÷ asgm_miners", (_in(gold), _in(miners))))
    if livelihoods and miners and miners.value > 0:
        out.append(_stat(
            "livelihoods_per_miner", "Livelihoods per miner",
            livelihoods.value / miners.value, "people/miner",
            combine((livelihoods.qualifier, 1), (miners.qualifier, -1)),
            "livelihoods ÷ asgm_miners", (_in(livelihoods), _in(miners))))
    out += _target_stats(profile, mercury)
    if price_share:
        out.append(_stat(
            "informal_value_loss_share", "Share of gold's value lost to informal supply chains",
            100 - price_share.value, "%", combine((price_share.qualifier, -1)),
            "100 − informal_price_share", (_in(price_share),)))
    if gold_price is not None and gold:
        price = Input("gold_price", gold_price, "USD/troy oz", None)
        value = gold.value * 1e6 / TROY_OUNCE_G * gold_price
        out.append(_stat(
            "asgm_output_value_usd", "Value of ASGM gold output at the given price",
            value, "USD/yr", combine((gold.qualifier, 1)),
            "asgm_gold_output × 1,000,000 g/t ÷ 31.1034768 g/troy oz × gold_price", (_in(gold), price)))
        if price_share:
            out.append(_stat(
                "informal_value_loss_usd", "Value lost to informal supply chains at the given price",
                value * (100 - price_share.value) / 100, "USD/yr",
                combine((gold.qualifier, 1), (price_share.qualifier, -1)),
                "asgm_output_value_usd × (100 − informal_price_share) ÷ 100",
                (_in(gold), price, _in(price_share))))
    return out


def _target_stats(profile: Profile, mercury: Figure | None) -> list[Stat]:
    if not profile.targets:
        return []
    t = profile.targets[0]
    q = t.qualifier
    reduction = Input("target.mercury_reduction", t.mercury_reduction, t.mercury_unit, None, q)
    out: list[Stat] = []
    if t.years:
        years = Input("target.years", t.years, "years", None)
        per_year = t.mercury_reduction / t.years
        out.append(_stat(
            "target_reduction_per_year", "Target mercury reduction per project year",
            per_year, "t/yr", combine((q, 1)), "target.mercury_reduction ÷ target.years", (reduction, years)))
        if mercury and mercury.value > 0:
            out.append(_stat(
                "target_share_of_annual_emissions", "Yearly target cut as a share of annual ASGM mercury emissions",
                per_year / mercury.value * 100, "%", combine((q, 1), (mercury.qualifier, -1)),
                "target.mercury_reduction ÷ target.years ÷ asgm_mercury_emissions × 100",
                (reduction, years, _in(mercury)),
                note="Compares a cut in mercury use with mercury emitted; the two are not the same quantity."))
    unit = {"communities": "community", "municipalities": "municipality", "sites": "site"}[t.community_unit]
    out.append(_stat(
        "target_reduction_per_community", f"Target mercury reduction per {unit}",
        t.mercury_reduction / t.communities, "t", combine((q, 1)),
        "target.mercury_reduction ÷ target.communities",
        (reduction, Input("target.communities", t.communities, t.community_unit, None))))
    return out
