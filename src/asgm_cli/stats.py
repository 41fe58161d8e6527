"""Derived statistics: pure functions of a profile, each with its formula and inputs.

Rules (also in docs/statistics.md):
- A statistic whose inputs are missing is left out, never guessed.
- Values are rounded to 4 significant figures; the inputs keep their own precision.
- Qualifiers propagate: anything approximate makes the result approximate; an "at most" input
  bounds the result from above where the result grows with it and from below where it shrinks
  with it (dividing by an at-most count gives an at-least result); bounds pulling in opposite
  directions leave no bound, and the result is marked approximate. A bound survives
  approximation: "at least 50" ÷ "approximately 47" is "approximately at least" (≳) 1.064.
- Pairing: a statistic for a year uses only observations dated that year; one without a year
  pairs undated observations only. The headline is the latest same-year pair, else the undated
  one, else, where the statistic's ``Rule`` allows it, a fallback of each input's headline
  observation, marked ``fallback`` (with ``years_differ`` or ``undated_input``) and given no year.
  A part-year observation (``period``) pairs only with observations of the same period.
- Each statistic declares its ``Rule``: its domain and the scopes each input may have. An
  observation marked ``unusable`` or of a ``partial`` scope is never an input; a share of national
  output needs a total that includes small-scale output (``all_sectors``, or unstated, marked
  ``scope_unstated``), never an ``industrial`` one.
- ``caveats`` are codes a script can read (``CAVEATS``); a result outside its domain carries
  ``outside_domain`` and is shown only as an error naming its inputs, never as a value.
"""

from __future__ import annotations

import itertools
import math
from typing import Callable, Hashable, Iterator

from asgm_cli.frozen import frozen
from asgm_cli.model import Figure, Profile
from asgm_cli.number import round_sig  # render and programme import it from here
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
    basis: str | None = None  # controlled: vocab.BASES
    source: str | None = None
    scope: str | None = None  # controlled: vocab.SCOPES
    basis_note: str | None = None  # for people only: shown, never decided on
    period: str | None = None  # "YYYY-MM/YYYY-MM" for an observation of part of its year

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
    caveats: tuple[str, ...] = ()  # codes of CAVEATS, in its order

    @property
    def outside_domain(self) -> bool:
        return "outside_domain" in self.caveats


#: caveat code -> what it means for someone quoting the number (docs/statistics.md: "Caveats")
CAVEATS = {
    "fallback": "no same-year pair exists: the headline combines each input's headline observation",
    "years_differ": "its dated inputs are of different years",
    "undated_input": "an input has no year",
    "part_year": "an input covers part of a year only",
    "bases_differ": "its inputs count different kinds of number (basis)",
    "scope_unstated": "the national total does not say whether it includes small-scale output",
    "outside_domain": "the result is impossible for this statistic: a data error, never a value",
}

#: every scope but partial: a number for part of the country is no national input
NATIONAL = (None, "all_sectors", "industrial", "small_scale")
#: what a quantity of gold produced may be: not exports (gold sold abroad is not gold mined that year)
#: and not a survey (a count of people or sites)
OUTPUT_BASES = (None, "production", "declarations", "purchases", "model_estimate", "estimate")


@frozen
class Rule:
    """What a statistic may combine, and which results it can have."""

    low: float = 0.0  # the domain: low <= result <= high ...
    high: float = math.inf
    above_low: bool = True  # ... and result > low when true
    fallback: bool = True  # the headline may fall back to inputs of different years, marked
    scopes: tuple[tuple[str, tuple[str | None, ...]], ...] = ()  # input id -> the scopes it accepts, else NATIONAL
    #: input id -> the bases it accepts (any, for an id not listed)
    bases: tuple[tuple[str, tuple[str | None, ...]], ...] = (("asgm_gold_output", OUTPUT_BASES),
                                                             ("national_gold_production", OUTPUT_BASES))

    def accepts(self, iid: str, scope: str | None, basis: str | None = None) -> bool:
        return scope in dict(self.scopes).get(iid, NATIONAL) and (iid not in dict(self.bases)
                                                                 or basis in dict(self.bases)[iid])

    def holds(self, x: float) -> bool:
        return self.low <= x <= self.high and not (self.above_low and x <= self.low)


SHARE = "asgm_share_of_national_output"
#: the small-scale share as a national total less the large mines' output, from one source's two numbers
BY_DIFFERENCE = "small_scale_share_by_difference"
LARGE = "large_scale_gold_output"
#: the small-scale share where a source sets small-scale output on top of its industrial total
ON_TOP = "small_scale_share_on_top"
#: the statistics that are a small-scale share of a country's gold (the sheet's share block)
SHARES = (SHARE, BY_DIFFERENCE, ON_TOP)
PERCENT = Rule(0.0, 100.0, above_low=False)
#: each statistic's rule; a ratio of positive quantities is above zero
RULES: dict[str, Rule] = {
    SHARE: Rule(0.0, 100.0, above_low=False, scopes=(("asgm_gold_output", (None, "small_scale")),
                                                     ("national_gold_production", (None, "all_sectors")))),
    BY_DIFFERENCE: Rule(0.0, 100.0, above_low=False, scopes=((LARGE, (None, "industrial")),
                                                              ("national_gold_production", (None, "all_sectors"))),
                        bases=((LARGE, OUTPUT_BASES), ("national_gold_production", OUTPUT_BASES))),
    ON_TOP: Rule(0.0, 100.0, above_low=False, scopes=(("asgm_gold_output", (None, "small_scale")),
                                                      ("national_gold_production", ("industrial",)))),
    "informal_value_loss_share": PERCENT,
    "asgm_output_value_usd": Rule(above_low=False),
    "informal_value_loss_usd": Rule(above_low=False),
}


def rule(sid: str) -> Rule:
    return RULES.get(sid) or Rule()


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


def _in(f: Figure) -> Input:
    return Input(f.id, f.value, f.unit, f.year, f.qualifier, f.low, f.high, basis=f.basis, source=f.source,
                 scope=f.scope, basis_note=f.basis_note, period=f.period)


def _scaled(i: Input) -> tuple[float, ...]:
    """An input's ends as the formulas use them: gold and mercury masses in tonnes."""
    per = TONNES_PER.get(i.unit, 1.0)
    return tuple(v * per for v in i.ends)


def _positive(*inputs: Input | None) -> bool:
    """All inputs present and above zero (every end of a range), so that dividing is safe."""
    return all(i is not None and min(_scaled(i)) > 0 for i in inputs)


def _stat(sid: str, label: str, fn: Callable[..., float], inputs: tuple[Input, ...], unit: str,
          qualifier: str | None, formula: str, note: str | None = None, extra: tuple[Input, ...] = ()) -> Stat:
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
    note = " ".join(n for n in (note, mixed_bases(sid, shown)) if n) or None
    # judged before rounding, so that 100.04 % is not let through as 100 %
    outside = ("outside_domain",) if not all(rule(sid).holds(x) for x in results) else ()
    return Stat(sid, label, value, unit, qualifier, None, formula, shown, note, low, high, outside)


def mixed_bases(sid: str, inputs: tuple[Input, ...]) -> str | None:
    """The note for a statistic whose inputs state different bases (kinds of number), else None.

    A share's total of ``scope: industrial`` is no input at all (its ``Rule`` refuses it), so that
    a part and its whole are compared only where the whole includes the part.
    """
    bases = {i.id: i.basis for i in inputs if i.basis}
    if len(set(bases.values())) < 2:
        return None
    said = "; ".join(f"{named(k)}: {v.replace('_', ' ')}" for k, v in bases.items())  # model_estimate: 'model estimate'
    return f"Its inputs count different things ({said})."


def named(iid: str) -> str:
    """An input as a note names it for people: a shared indicator's label (its id is in --json's inputs)."""
    from asgm_cli.indicators import INDICATORS

    return INDICATORS[iid].label if iid in INDICATORS else iid


class UnknownYear(ValueError):
    """--year names a year for which the profile has no observation."""


def usable(profile: Profile, fid: str, sid: str) -> list[Figure]:
    """The observations of ``fid`` that statistic ``sid`` may use: not unusable, of a scope its rule accepts."""
    return [f for f in profile.observations(fid) if f.unusable is None and rule(sid).accepts(fid, f.scope, f.basis)]


def _pick(found: list[Figure]) -> Figure | None:
    """The observation to use among candidates: the preferred one, else a full-year one, else the first."""
    return min(found, key=lambda f: (not f.preferred, f.period is not None), default=None)


def _chooser(profile: Profile, when: int | str | None) -> Callable[[str, str], Input | None]:
    """The input for (figure id, statistic id): of year ``when``, undated (None), or each input's
    headline observation ("fallback"); never an unusable one or one whose scope the statistic refuses."""
    def fig(fid: str, sid: str) -> Input | None:
        ok = usable(profile, fid, sid)
        if when == "fallback":
            dated = [f for f in ok if f.year is not None]
            latest = max((f.year for f in dated), default=None)  # type: ignore[type-var]
            found = next((f for f in ok if f.preferred), None) or _pick([f for f in dated if f.year == latest]) \
                or _pick(ok)
        else:
            found = _pick([f for f in ok if f.year == when])
        return _in(found) if found else None
    return fig


def _caveats(st: Stat, fallback: bool = False) -> tuple[str, ...]:
    """The caveat codes of a statistic, in the order of CAVEATS."""
    dated = [i for i in st.inputs if i.dated]
    total = next((i for i in st.inputs if i.id == "national_gold_production"), None)
    said = {
        "fallback": fallback,
        "years_differ": len({i.year for i in dated if i.year is not None}) > 1,
        "undated_input": any(i.year is None for i in dated),
        "part_year": any(i.period for i in dated),
        "bases_differ": mixed_bases(st.id, st.inputs) is not None,
        "scope_unstated": st.id in (SHARE, BY_DIFFERENCE) and total is not None and total.scope is None,
        "outside_domain": "outside_domain" in st.caveats,  # judged in _stat, before rounding
    }
    return tuple(code for code in CAVEATS if said[code])


def _with(st: Stat, year: int | None, caveats: tuple[str, ...], note: str | None = None) -> Stat:
    return Stat(st.id, st.label, st.value, st.unit, st.qualifier, year, st.formula, st.inputs,
                note if note is not None else st.note, st.low, st.high, caveats)


def _paired(st: Stat, year: int | None) -> bool:
    """Whether every dated input is of ``year`` (None: undated), with one period among them, and,
    for a year, at least one input is dated."""
    dated = [i for i in st.inputs if i.dated]
    return all(i.year == year for i in dated) and len({i.period for i in dated}) <= 1 and (year is None or bool(dated))


def _pass(profile: Profile, when: int | None, gold_price: float | None) -> list[Stat]:
    """The statistics whose inputs pair as the rules say: all of year ``when``, or all undated."""
    out = _derive(profile, _chooser(profile, when), gold_price)
    return [_with(st, when, _caveats(st)) for st in out if _paired(st, when)]


def derive(profile: Profile, year: int | None = None, gold_price: float | None = None,
           strict: bool = True) -> list[Stat]:
    """Every statistic the profile's figures allow, in a fixed order.

    With ``year``, each input is an observation of that year, never an undated one or another
    year's. Without it, each statistic is its headline: the latest same-year pair, else the
    undated pair, else (where its rule allows) the fallback, marked and given no year. A year
    with no observation at all raises ``UnknownYear`` unless ``strict`` is false (``compare --year``).
    """
    if strict and year is not None and year not in profile.years():
        raise UnknownYear(year)
    if year is not None:
        return _pass(profile, year, gold_price)
    found: dict[str, Stat] = {}
    for when in [*reversed(profile.years()), None]:
        for st in _pass(profile, when, gold_price):
            found.setdefault(st.id, st)
    for st in _derive(profile, _chooser(profile, "fallback"), gold_price):
        if st.id not in found and rule(st.id).fallback:
            found[st.id] = _with(st, None, _caveats(st, fallback=True), _fallback_note(st))
    order = {sid: n for n, sid in enumerate(STAT_ORDER)}
    return sorted(found.values(), key=lambda st: order[st.id])


def _fallback_note(st: Stat) -> str:
    """What a fallback pairs, in words: 'No same-year pair: Gold produced by ASGM has no year; National gold
    production is of 2023.'"""
    said = [f"{named(i.id)} {'has no year' if i.year is None else f'is of {i.year}'}" for i in st.inputs if i.dated]
    text = "No same-year pair: " + "; ".join(said) + "."
    return f"{st.note} {text}" if st.note else text


def derive_all_years(profile: Profile, gold_price: float | None = None) -> list[Stat]:
    """Every statistic for every year whose observations pair (never an undated one): statistics
    in ``derive``'s order, each oldest year first."""
    by_id: dict[str, list[Stat]] = {}
    for y in profile.years():
        for st in _pass(profile, y, gold_price):
            by_id.setdefault(st.id, []).append(st)
    order = {sid: n for n, sid in enumerate(STAT_ORDER)}
    return [st for sid in sorted(by_id, key=lambda k: order.get(k, len(order))) for st in by_id[sid]]


#: every statistic id that ``derive`` can produce, in its order
STAT_ORDER = ("asgm_share_of_national_output", BY_DIFFERENCE, ON_TOP, "mercury_per_gold", "gold_per_miner", "gold_per_asgm_worker",
              "livelihoods_per_miner", "target_reduction_per_year", "target_share_of_annual_emissions",
              "target_reduction_per_community", "informal_value_loss_share", "asgm_output_value_usd",
              "informal_value_loss_usd")


def _derive(profile: Profile, fig: Callable[[str, str], Input | None], gold_price: float | None) -> list[Stat]:
    def get(fid: str) -> Input | None:
        return fig(fid, "")  # the default rule: any national scope

    gold, mercury, miners = get("asgm_gold_output"), get("asgm_mercury_emissions"), get("asgm_miners")
    workers, livelihoods, price_share = get("asgm_employment"), get("livelihoods"), get("informal_price_share")
    part, prod = fig("asgm_gold_output", SHARE), fig("national_gold_production", SHARE)
    out: list[Stat] = []

    if part and prod and _positive(prod):
        out.append(share_of(part, prod))
    large = fig(LARGE, BY_DIFFERENCE)
    # the total from the large mines' own source where it gives one, so that both count alike
    whole = (_same_source(profile, large, BY_DIFFERENCE) or fig("national_gold_production", BY_DIFFERENCE)
             if large else None)
    if large and whole and _positive(whole):
        out.append(_stat(
            BY_DIFFERENCE, "Small-scale share of national gold, by difference", lambda n, lg: (n - lg) / n * 100,
            (whole, large), "%", combine((whole.qualifier, 1), (large.qualifier, -1)),
            f"(national_gold_production − {LARGE}) ÷ national_gold_production × 100"))
    small = fig("asgm_gold_output", ON_TOP)
    # only where the small-scale output's own source gives the industrial total it comes on top of
    formal = _same_source(profile, small, ON_TOP) if small else None
    if small and formal and _positive(small):
        out.append(_stat(
            ON_TOP, "Small-scale share of all gold, on top of an industrial total",
            lambda s, i: s / (i + s) * 100, (small, formal), "%", combine((small.qualifier, 1), (formal.qualifier, -1)),
            "asgm_gold_output ÷ (national_gold_production + asgm_gold_output) × 100"))
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
        caveat = f"What the livelihoods count: {livelihoods.basis_note}." if livelihoods.basis_note else None
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
    # a result beyond a float's range (a tiny divisor) is no number: that statistic is not given, never inf
    return [st for st in out if all(v is None or math.isfinite(v) for v in (st.value, st.low, st.high))]


def _same_source(profile: Profile, part: Input, sid: str) -> Input | None:
    """The national total of ``part``'s year, period and source that statistic ``sid`` accepts, if any."""
    found = [f for f in usable(profile, "national_gold_production", sid)
             if (f.year, f.period, f.source) == (part.year, part.period, part.source)]
    return _in(found[0]) if found else None


def drawn_inside(profile: Profile, total: Figure) -> Figure | None:
    """The ASGM output a national total can be drawn to include: of its year and period, a pair the
    share's rule accepts (never an industrial total, an unusable or an exported quantity) and no
    larger than the total at any end. None otherwise: small-scale gold set on top of an industrial
    total, or one that cannot fit in it, is no part of that bar."""
    if total.year is None or total.unusable is not None or not rule(SHARE).accepts(
            "national_gold_production", total.scope, total.basis):
        return None
    return next((a for a in usable(profile, "asgm_gold_output", SHARE)
                 if (a.year, a.period) == (total.year, total.period) and max(a.tonnes) <= min(total.tonnes)), None)


def share_of(part: Input, total: Input) -> Stat:
    """The ASGM share of national output from one ASGM output and one national total (above zero)."""
    when = f"[{total.year}]" if total.year is not None else ""
    return _stat(SHARE, "ASGM share of national gold production", lambda g, n: g / n * 100, (part, total), "%",
                 combine((part.qualifier, 1), (total.qualifier, -1)),
                 f"asgm_gold_output ÷ national_gold_production{when} × 100")


def first_each(obs: list[Figure], key: Callable[[Figure], Hashable]) -> list[Figure]:
    """The first observation of each key, in their order."""
    kept: dict[Hashable, Figure] = {}
    for f in obs:
        kept.setdefault(key(f), f)
    return list(kept.values())


def share_pairs(profile: Profile, reaching: float = 0.0,
                once: Callable[[Figure], Hashable] | None = None) -> Iterator[tuple[Figure, Figure, Stat]]:
    """Every share that one ASGM output and one national total the share's rule accepts can give:
    same year and period, undated with undated, and an undated output against each year's total
    (which the statistics never pair; ``asgm check`` looks at it). Each carries its caveats.

    With ``reaching``, only the shares whose largest result may reach that many %: the totals of
    a (year, period) are sorted by their smallest end once, so that an output meets only the
    totals below it, not every one (``asgm check`` on a hostile profile stays near-linear). With
    ``once``, of the outputs, and of the totals, that have one key only the first is used.
    """
    def first(obs: list[Figure]) -> list[Figure]:
        return first_each(obs, once) if once else obs

    groups: dict[tuple[int | None, str | None], list[tuple[float, int, Figure]]] = {}
    every: list[tuple[float, int, Figure]] = []
    for n, total in enumerate(first(usable(profile, "national_gold_production", SHARE))):
        if _positive(_in(total)):
            entry = (min(_scaled(_in(total))), n, total)
            groups.setdefault((total.year, total.period), []).append(entry)
            every.append(entry)
    for group in [*groups.values(), every]:
        group.sort(key=lambda e: e[:2])
    for part in first(usable(profile, "asgm_gold_output", SHARE)):
        # a total above this gives less than `reaching` % (with room for the division's rounding)
        top = max(_scaled(_in(part))) * 100 / reaching * (1 + 1e-9) if reaching > 0 else math.inf
        near = itertools.takewhile(lambda e: e[0] <= top, every if part.year is None
                                   else groups.get((part.year, part.period), []))
        for _, _, total in sorted(near, key=lambda e: e[1]):  # in the file's order
            st = share_of(_in(part), _in(total))
            yield part, total, _with(st, part.year, _caveats(st))  # undated part: no year


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
        unit = {"communities": "community", "municipalities": "municipality", "sites": "site",
                "districts": "district"}[t.community_unit]
        out.append(_stat(
            "target_reduction_per_community", f"Target mercury reduction per {unit}", lambda r, c: r / c,
            (reduction, Input("target.communities", t.communities, t.community_unit, None, dated=False)), "t",
            combine((q, 1)), "target.mercury_reduction ÷ target.communities"))
    return out
