"""Derived statistics: pure functions of a profile, each with its formula and inputs.

Rules (also in the README):
- A statistic whose inputs are missing is left out, never guessed.
- Values are rounded to 4 significant figures; the inputs keep their own precision.
- Qualifiers propagate: anything approximate makes the result approximate; an "at most" input
  bounds the result from above where the result grows with it and from below where it shrinks
  with it (dividing by an at-most count gives an at-least result); bounds pulling in opposite
  directions leave no bound, and the result is marked approximate. A bound survives
  approximation: "at least 50" ÷ "approximately 47" is "approximately at least" (≳) 1.064.
- Statistics are computed per year: for a year, each input is that year's observation, else
  the undated one (the note says so), never another year's. Without a year, each input is its
  headline observation.
"""

from __future__ import annotations

import itertools
import math
from typing import Callable

from asgm_cli.frozen import frozen
from asgm_cli.model import Figure, Profile
from asgm_cli.number import whole
from asgm_cli.vocab import TONNES_PER, TROY_OUNCE_G, join_qualifier, split_qualifier


@frozen
class Input:
    id: str
    value: float | None
    unit: str
    year: int | None
    qualifier: str | None = None
    low: float | None = None  # a range's ends, when value is None
    high: float | None = None
    dated: bool = True  # False for constants (a price, a target) that have no year to agree with
    basis: str | None = None
    source: str | None = None

    @property
    def ends(self) -> tuple[float, ...]:
        """The value, or the two ends of a range."""
        return (self.value,) if self.value is not None else (self.low or 0.0, self.high or 0.0)


@frozen
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
    """Qualifier of a result from (input qualifier, +1 if the result grows with it else -1).

    Approximation and bounds are tracked apart: any approximate input makes the result
    approximate, and a bound that all bounded inputs agree on survives, so an at-least input
    combined with an approximate one gives "approximately_at_least".
    """
    approximate = False
    directions = set()
    for q, sign in terms:
        approx, bound = split_qualifier(q)
        approximate = approximate or approx
        if bound is not None:
            directions.add(sign if bound == "at_least" else -sign)
    if len(directions) == 2:
        return "approximately"
    if not directions:
        return join_qualifier(approximate, None)
    return join_qualifier(approximate, "at_least" if directions == {1} else "at_most")


def round_sig(x: float, digits: int = 4) -> float | int:
    """Round to significant figures: 3.74677 -> 3.747, 154.8 -> 154.8, 3.9999 -> 4 (an int)."""
    return whole(float(f"{x:.{digits}g}")) if x else 0


def _in(f: Figure) -> Input:
    return Input(f.id, f.value, f.unit, f.year, f.qualifier, f.low, f.high, basis=f.basis, source=f.source)


def _scaled(i: Input) -> tuple[float, ...]:
    """An input's ends as the formulas use them: gold and mercury masses in tonnes."""
    per = TONNES_PER.get(i.unit, 1.0)
    return tuple(v * per for v in i.ends)


def _positive(*inputs: Input | None) -> bool:
    """All inputs present and above zero (every end of a range), so that dividing is safe."""
    return all(i is not None and min(_scaled(i)) > 0 for i in inputs)


def _stat(sid: str, label: str, fn: Callable[..., float], inputs: tuple[Input, ...], unit: str,
          qualifier: str | None, formula: str, year: int | None = None, note: str | None = None,
          extra: tuple[Input, ...] = ()) -> Stat:
    """Apply ``fn`` to the inputs' values; over a range, to every combination of its ends.

    Every formula here is monotonic in each input, so the smallest and largest results over the
    ends are the ends of the result's range. ``extra`` inputs are shown but not passed to ``fn``.
    Gold masses in kg, oz or Moz are converted to tonnes first, and the formula says so.
    """
    results = [fn(*combo) for combo in itertools.product(*(_scaled(i) for i in inputs))]
    value = low = high = None
    if len(results) == 1:
        value = round_sig(results[0])
    else:
        low, high = round_sig(min(results)), round_sig(max(results))
    shown = inputs + extra
    converted = sorted({i.unit for i in shown if i.unit in TONNES_PER and i.unit not in ("t", "t/yr")})
    if converted:
        formula += f" ({', '.join(converted)} converted to t)"
    if year is None:
        years = {i.year for i in shown if i.dated}
        year = years.pop() if len(years) == 1 else None  # only when every dated input has the same year
    mixed = mixed_bases(sid, shown)
    if mixed:
        note = (note + " " if note else "") + mixed
    return Stat(sid, label, value, unit, qualifier, year, formula, shown, note, low, high)


#: words in a national total's basis that say it leaves small-scale output out
EXCLUDES_SMALL_SCALE = ("exclud", "industrial", "mechanised", "mechanized", "large-scale")


def total_excludes_small_scale(basis: str | None) -> bool:
    """Whether a national total's basis says it leaves (most) small-scale output out."""
    return bool(basis) and any(w in basis.lower() for w in EXCLUDES_SMALL_SCALE)  # type: ignore[union-attr]


def mixed_bases(sid: str, inputs: tuple[Input, ...]) -> str | None:
    """The note for a statistic whose inputs count different things, else None.

    A share of national output is a part over its whole, so their bases differ by nature; it is
    flagged only when the total's basis says it leaves small-scale output out. Any other
    statistic is flagged when two of its inputs state different bases.
    """
    bases = {i.id: i.basis for i in inputs if i.basis}
    if sid == "asgm_share_of_national_output":
        whole = next((i for i in inputs if i.id == "national_gold_production"), None)
        if whole is None or not total_excludes_small_scale(whole.basis):
            return None
    elif len(set(bases.values())) < 2:
        return None
    said = "; ".join(f"{k}: {v}" for k, v in bases.items())
    return f"Its inputs count different things ({said})."


class UnknownYear(ValueError):
    """--year names a year for which the profile has no observation."""


def derive(profile: Profile, year: int | None = None, gold_price: float | None = None,
           strict: bool = True) -> list[Stat]:
    """Every statistic the profile's figures allow, in a fixed order.

    Without ``year``, each input is its headline observation. With ``year``, each input is that
    year's observation, else the undated one (and the statistic's note says so), never another
    year's; a statistic gets the year when one of its inputs is of that year. A year with no
    observation at all raises ``UnknownYear`` unless ``strict`` is false (``compare --year``).
    """
    if strict and year is not None and year not in profile.years():
        raise UnknownYear(year)

    def fig(fid: str) -> Input | None:
        f = profile.figure(fid) if year is None else profile.at(fid, year)
        return _in(f) if f else None

    # a result beyond a float's range (a tiny divisor) is no number: that statistic is not given, never inf
    out = [st for st in _derive(profile, fig, gold_price)
           if all(v is None or math.isfinite(v) for v in (st.value, st.low, st.high))]
    if year is None:
        return out
    dated: list[Stat] = []
    for st in out:
        undated = [i.id for i in st.inputs if i.dated and i.year is None]
        of_year = any(i.year == year for i in st.inputs)
        note = st.note
        if undated and of_year:
            said = f"{', '.join(undated)} {'has' if len(undated) == 1 else 'have'} no year; used for {year}."
            note = f"{note} {said}" if note else said
        dated.append(Stat(st.id, st.label, st.value, st.unit, st.qualifier, year if of_year else None, st.formula,
                          st.inputs, note, st.low, st.high))
    return dated


def derive_all_years(profile: Profile, gold_price: float | None = None) -> list[Stat]:
    """Every statistic for every year in which at least one of its inputs was observed:
    statistics in ``derive``'s order, each oldest year first."""
    by_id: dict[str, list[Stat]] = {}
    for y in profile.years():
        for st in derive(profile, y, gold_price):
            if st.year == y:
                by_id.setdefault(st.id, []).append(st)
    order = {sid: n for n, sid in enumerate(STAT_ORDER)}
    return [st for sid in sorted(by_id, key=lambda k: order.get(k, len(order))) for st in by_id[sid]]


#: every statistic id that ``derive`` can produce, in its order
STAT_ORDER = ("asgm_share_of_national_output", "mercury_per_gold", "gold_per_miner", "gold_per_asgm_worker",
              "livelihoods_per_miner", "target_reduction_per_year", "target_share_of_annual_emissions",
              "target_reduction_per_community", "informal_value_loss_share", "asgm_output_value_usd",
              "informal_value_loss_usd")


def _derive(profile: Profile, fig: Callable[[str], Input | None], gold_price: float | None) -> list[Stat]:
    gold, mercury, miners = fig("asgm_gold_output"), fig("asgm_mercury_emissions"), fig("asgm_miners")
    workers, livelihoods, price_share = fig("asgm_employment"), fig("livelihoods"), fig("informal_price_share")
    prod = fig("national_gold_production")
    out: list[Stat] = []

    if gold and prod and _positive(prod):
        note = None
        if gold.year is None and prod.year is not None:
            note = f"The ASGM output has no year; it is divided by {prod.year}'s national production."
        elif gold.year is not None and prod.year is not None and gold.year != prod.year:
            note = f"The ASGM output is for {gold.year}; it is divided by {prod.year}'s national production."
        when = f"[{prod.year}]" if prod.year is not None else ""
        out.append(_stat(
            "asgm_share_of_national_output", "ASGM share of national gold production",
            lambda g, n: g / n * 100, (gold, prod), "%", combine((gold.qualifier, 1), (prod.qualifier, -1)),
            f"asgm_gold_output ÷ national_gold_production{when} × 100",
            year=prod.year, note=note))
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
        # Whether livelihoods include the miners or come on top of them changes what the ratio means.
        caveat = f"What the livelihoods count: {livelihoods.basis}." if livelihoods.basis else None
        out.append(_stat(
            "livelihoods_per_miner", "Livelihoods per miner", lambda lv, n: lv / n, (livelihoods, miners),
            "people/miner", combine((livelihoods.qualifier, 1), (miners.qualifier, -1)), "livelihoods ÷ asgm_miners",
            note=caveat))
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
    t = next((t for t in profile.targets if t.mercury_reduction is not None), None)
    if t is None:
        return []
    q = t.qualifier
    reduction = Input("target.mercury_reduction", t.mercury_reduction, t.mercury_unit or "t", None, q, dated=False)
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
    if t.communities and t.community_unit:
        unit = {"communities": "community", "municipalities": "municipality", "sites": "site"}[t.community_unit]
        out.append(_stat(
            "target_reduction_per_community", f"Target mercury reduction per {unit}", lambda r, c: r / c,
            (reduction, Input("target.communities", t.communities, t.community_unit, None, dated=False)), "t",
            combine((q, 1)), "target.mercury_reduction ÷ target.communities"))
    return out
