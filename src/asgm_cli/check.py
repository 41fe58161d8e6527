"""``asgm check``: where a profile's numbers disagree, and which cannot be right.

Rules (also in the README, "Where the numbers disagree"):

1. impossible   A result outside its statistic's domain (stats.RULES): an ASGM share above 100 %
                from a same-year or undated pair, or an undated output that is all of one year's
                total (100 %); any other statistic out of range; a count or quantity of zero.
                The numbers are taken as stated: no qualifier's tolerance hides a breach. Error;
                a note when an observation involved carries ``acknowledged``.
2. disagreement Observations of one id whose intervals do not overlap, when they share a year,
                or one is undated, or they are at most ``SPAN_YEARS`` apart and differ by at
                least ``RATIO`` times. Warning; a note when they are less than ``ROUNDING``
                (2 %) apart, as two roundings of one number are (66.858 t and 66.8 t).
3. stated-vs-derived A stated ASGM share of a year against the share computed from that year's
                output and national production, like with like: the same source's numbers when
                it gives them, else totals of the stated share's basis. Warning.
4. bases        A statistic whose inputs count different things; ASGM output against an
                industrial-only total. Note.
6. unusable     An observation marked ``unusable``: shown, used in no arithmetic. Note.
5. stale / missing A headline with no year, or older than ``--stale-years``; a core indicator
                with no observation. Note.

An observation's interval: a plain value is itself; a range is low..high; "approximately"
widens a value by ``APPROX`` (10 %) either way; "at least" leaves it open above and "at most"
open below (down to zero).
"""

from __future__ import annotations

import datetime
import math
from itertools import combinations
from typing import Any

from asgm_cli.frozen import frozen
from asgm_cli.model import Figure, Profile
from asgm_cli.vocab import TONNES_PER, split_qualifier

APPROX = 0.10  # "approximately" means within 10 % either way
SPAN_YEARS = 3  # dated observations this close count as one period for rule 2 ...
RATIO = 2.5  # ... when the largest is at least this many times the smallest
SHARE_TOLERANCE = 2.0  # percentage points allowed between a stated and a derived share
ROUNDING = 0.02  # values less than 2 % apart differ by rounding: a note, not a warning
STALE_YEARS = 8
SEVERITIES = ("error", "warning", "note")
CORE = (("asgm_gold_output",), ("asgm_miners", "asgm_employment"), ("asgm_mercury_emissions", "asgm_mercury_use"),
        ("national_gold_production",))
NOT_QUANTITIES = ("%", "rank")

CHECK_FIELDS = ("country", "severity", "rule", "ids", "years", "message", "values")


@frozen
class Finding:
    country: str
    severity: str
    rule: str
    ids: tuple[str, ...]
    years: tuple[int | None, ...]
    message: str
    values: tuple[dict[str, Any], ...]


def _half_unit(x: float) -> float:
    """Half a unit of the last digit stated: 36 -> 0.5, 36.48 -> 0.005 (a plain number's rounding)."""
    text = repr(float(x)) if isinstance(x, float) else str(x)
    if "e" in text or "." not in text or text.endswith(".0"):
        return 0.5
    return 0.5 * 10 ** -len(text.split(".")[1])


def interval(f: Figure, precision: bool = True) -> tuple[float, float]:
    """The values an observation allows, in its id's common unit (tonnes for gold).

    With ``precision``, a plain number is taken at its stated precision (36 t is 35.5-36.5 t, 36.48 t
    is 36.475-36.485 t): two sources rounding one number differently do not disagree. Without it
    (for what cannot be), the number is taken as stated.
    """
    per = TONNES_PER.get(f.unit, 1.0)
    approximate, bound = split_qualifier(f.qualifier)
    low, high = (f.low or 0.0, f.high or 0.0) if f.value is None else (f.value, f.value)
    if precision and f.qualifier is None:  # a qualified number has its own tolerance or bound
        lo, hi = low - _half_unit(low), high + _half_unit(high)
    else:
        lo, hi = low, high
    lo, hi = max(lo, 0.0) * per, hi * per
    if approximate:
        lo, hi = lo * (1 - APPROX), hi * (1 + APPROX)
    if bound == "at_least":
        hi = math.inf
    elif bound == "at_most":
        lo = 0.0
    return lo, hi


def _value(p: Profile, f: Figure) -> dict[str, Any]:
    src = p.source(f.source)
    return {"id": f.id, "value": f.value, "low": f.low, "high": f.high, "unit": f.unit, "year": f.year,
            "qualifier": f.qualifier, "basis": f.basis, "source": src.url if src else f.source}


def _num(x: float) -> str:
    return f"{x:,.4g}" if abs(x) < 1e6 else f"{x:,.0f}"


def _shown(f: Figure) -> str:
    return f"{_number_text(f)} {f.unit}" + (f" ({f.year})" if f.year is not None else " (no year)")


def _number_text(x: Any) -> str:
    """A value or range with its qualifier mark, as a message says it: '~ 50–100' (the mark's
    unbreakable space becomes a plain one: a message is text, not a layout)."""
    from asgm_cli.blocks import GLUE, Marks, fmt_value

    return fmt_value(x.value, x.qualifier, Marks(True), x.low, x.high).replace(GLUE, " ")


def _finding(p: Profile, severity: str, rule: str, obs: list[Figure], message: str,
             ids: tuple[str, ...] | None = None) -> Finding:
    ids = ids or tuple(dict.fromkeys(f.id for f in obs))
    years = tuple(sorted({f.year for f in obs}, key=lambda y: (y is None, y or 0)))
    return Finding(p.id, severity, rule, ids, years, message, tuple(_value(p, f) for f in obs))


def _acknowledged(p: Profile, severity: str, rule: str, obs: list[Figure], message: str) -> Finding:
    said = [f.acknowledged for f in obs if f.acknowledged]
    if said:
        return _finding(p, "note", rule, obs, f"{message} Acknowledged: {' '.join(said)}")
    return _finding(p, severity, rule, obs, message)


def impossible(p: Profile) -> list[Finding]:
    """Rule 1: results outside their statistic's domain; a count or quantity of zero."""
    from asgm_cli.stats import SHARE, derive, derive_all_years, share_pairs

    out = []
    for part, whole, st in share_pairs(p):
        undated_whole = part.year is None and whole.year is not None and st.value == 100
        if not (st.outside_domain or undated_whole):
            continue
        said = f"{_shown(part)} of {whole.label.lower()}, {_shown(whole)}, is {_number_text(st)} %"
        out.append(_acknowledged(p, "error", "impossible", [part, whole], (
            f"{part.label} as a share: {said}: " + ("an undated figure divided by one year's total cannot be all of it."
                                                   if not st.outside_domain else "a share cannot exceed 100 %."))))
    seen = set()
    for st in derive(p) + derive_all_years(p):
        if st.id == SHARE or not st.outside_domain or (st.id, st.year) in seen:
            continue  # shares: above, pair by pair
        seen.add((st.id, st.year))
        obs = _observed(p, st)
        out.append(_acknowledged(p, "error", "impossible", obs, (
            f"{st.label} {'for ' + str(st.year) if st.year else '(headline)'} is {_number_text(st)} {st.unit}: "
            "outside what the statistic can be.")))
    for f in p.figures:
        if f.unit not in NOT_QUANTITIES and interval(f, precision=False)[1] <= 0:
            out.append(_acknowledged(p, "error", "impossible", [f],
                                     f"{f.label} is {_shown(f)}: a count or quantity must be above zero."))
    return out


def _observed(p: Profile, st: Any) -> list[Figure]:
    """The observations a statistic's inputs came from."""
    return [f for i in st.inputs for f in p.observations(i.id)
            if f.year == i.year and f.value == i.value and f.low == i.low and f.high == i.high and f.source == i.source]


def _apart(a: Figure, b: Figure) -> bool:
    (alo, ahi), (blo, bhi) = interval(a), interval(b)
    return ahi < blo or bhi < alo


def _ratio(obs: list[Figure]) -> float:
    """Largest stated number over the smallest (in a common unit)."""
    nums = [v * TONNES_PER.get(f.unit, 1.0) for f in obs for v in (f.value, f.low, f.high) if v is not None]
    low = min(nums)
    return math.inf if low <= 0 else max(nums) / low


def _disagree(p: Profile, found: list[Figure], what: str) -> Finding:
    ratio = _ratio(found)
    sources = len({f.source for f in found})
    severity = "note" if ratio < 1 + ROUNDING else "warning"
    return _finding(p, severity, "disagreement", found, (
        f"{found[0].label} {what}: {', '.join(_shown(f) for f in found)} do not overlap "
        f"({sources} source{'s' * (sources != 1)}); the largest is {ratio:.4g} times the smallest"
        + (f", less than {ROUNDING:.0%} apart: a rounding." if severity == "note" else ".")))


def disagreement(p: Profile) -> list[Finding]:
    """Rule 2: observations of one id whose intervals do not overlap.

    One finding per year with clashing values, one for clashing undated values, one per undated
    value against the dated values it clashes with, and one per pair of values from different
    sources at most ``SPAN_YEARS`` apart that differ by ``RATIO`` times or more.
    """
    out = []
    for fid in p.ids():
        obs = p.observations(fid)
        dated = [f for f in obs if f.year is not None]
        undated = [f for f in obs if f.year is None]
        for year in sorted({f.year for f in dated}):  # type: ignore[type-var]
            same = [f for f in dated if f.year == year]
            clash = [f for f in same if any(_apart(f, g) for g in same if g is not f)]
            if clash:
                out.append(_disagree(p, clash, f"for {year}"))
        clash = [f for f in undated if any(_apart(f, g) for g in undated if g is not f)]
        if clash:
            out.append(_disagree(p, clash, "with no year"))
        for u in undated:
            against = [d for d in dated if _apart(u, d)]
            if against:
                out.append(_disagree(p, [*against, u], "with no year against dated values"))
        for a, b in combinations(dated, 2):
            if (a.year != b.year and abs(a.year - b.year) <= SPAN_YEARS and a.source != b.source  # type: ignore[operator]
                    and _apart(a, b) and _ratio([a, b]) >= RATIO):
                out.append(_disagree(p, [a, b], f"in {a.year} and {b.year}"))
    return out


def stated_vs_derived(p: Profile) -> list[Finding]:
    """Rule 3: stated ASGM shares of a year against the shares its output and totals give, like
    with like (``_like``); only observations the share's rule accepts, of the same period."""
    from asgm_cli.stats import SHARE, usable

    out = []
    all_stated = [f for f in p.observations("asgm_share_of_national_gold") if f.year is not None and f.unusable is None]
    for year in sorted({f.year for f in all_stated}):  # type: ignore[type-var]
        stated = [f for f in all_stated if f.year == year]
        parts = [f for f in usable(p, "asgm_gold_output", SHARE) if f.year == year]
        wholes = [f for f in usable(p, "national_gold_production", SHARE) if f.year == year and interval(f)[1] > 0]
        bad: list[tuple[Figure, Figure, Figure, float, float]] = []
        for s_ in stated:
            slo, shi = interval(s_)
            for part, whole in _like(s_, [f for f in parts if f.period == s_.period],
                                     [f for f in wholes if f.period == s_.period]):
                (plo, phi), (wlo, whi) = interval(part), interval(whole)
                dlo, dhi = plo / whi * 100, (math.inf if wlo <= 0 else phi / wlo * 100)
                if dhi < slo - SHARE_TOLERANCE or dlo > shi + SHARE_TOLERANCE:
                    bad.append((s_, part, whole, dlo, dhi))
        if not bad:
            continue
        involved = list(dict.fromkeys(f for row in bad for f in row[:3]))
        shares = sorted({_num(x) for row in bad for x in (part_share(row[1], row[2]),)})
        said = ", ".join(_shown(f) for f in dict.fromkeys(row[0] for row in bad))
        out.append(_finding(p, "warning", "stated-vs-derived", involved, (
            f"The stated ASGM share for {year} ({said}) does not match the share its output and national "
            f"production of {year} give ({', '.join(s + ' %' for s in shares)}), beyond the qualifiers and "
            f"{SHARE_TOLERANCE:g} percentage points."),
            ids=("asgm_share_of_national_gold", "asgm_gold_output", "national_gold_production")))
    return out


def _like(stated: Figure, parts: list[Figure], wholes: list[Figure]) -> list[tuple[Figure, Figure]]:
    """The (part, whole) pairs a stated share is compared with: the stated share's own source's
    output and totals where it gives them; else totals of the stated share's basis (none when no
    total has it); else every pair."""
    parts = [f for f in parts if f.source == stated.source] or parts
    own = [f for f in wholes if f.source == stated.source]
    if own:
        wholes = own
    elif stated.basis is not None:
        wholes = [f for f in wholes if f.basis == stated.basis]
    return [(a, w) for a in parts for w in wholes]


def part_share(part: Figure, whole: Figure) -> float:
    """The share a part's stated number is of a whole's, in %."""
    def mid(f: Figure) -> float:
        v = f.value if f.value is not None else ((f.low or 0.0) + (f.high or 0.0)) / 2
        return v * TONNES_PER.get(f.unit, 1.0)

    return mid(part) / mid(whole) * 100


def bases(p: Profile) -> list[Finding]:
    """Rule 4: inputs that count different things.

    Every same-year pair of ASGM output and a national total whose scope is industrial (the share
    would divide small-scale output by a total without it), every undated ASGM output at least as
    large as such a total (what would read as a share of 100 % or more), and every statistic
    (headline or per year) whose inputs state different bases.
    """
    from asgm_cli.stats import derive, derive_all_years, mixed_bases

    out = []
    for whole in p.observations("national_gold_production"):
        if whole.year is None or whole.scope != "industrial":
            continue
        for part in p.observations("asgm_gold_output"):
            if part.unusable is None and (part.year == whole.year or part.year is None and
                                          interval(part, False)[0] >= interval(whole, False)[1]):
                out.append(_finding(p, "note", "bases", [part, whole], (
                    f"ASGM output {'of ' + str(whole.year) if part.year else 'with no year'}, {_shown(part)}, set "
                    f"against national production of industrial mining only, {_shown(whole)}: the two count "
                    "different things, and their ratio is not the ASGM share."),
                    ids=("asgm_share_of_national_output", "asgm_gold_output", "national_gold_production")))
    seen = set()
    for st in derive(p) + derive_all_years(p):
        said = mixed_bases(st.id, st.inputs)
        key = (st.id, st.year, said)
        if said is None or key in seen:
            continue
        seen.add(key)
        obs = _observed(p, st)
        out.append(Finding(p.id, "note", "bases", (st.id,) + tuple(i.id for i in st.inputs if i.basis),
                           (st.year,), f"{st.label} {'for ' + str(st.year) if st.year else '(headline)'}: {said}",
                           tuple(_value(p, f) for f in obs)))
    return out


def unusable(p: Profile) -> list[Finding]:
    """Rule 6: observations kept as their source states them but used in no arithmetic."""
    return [_finding(p, "note", "unusable", [f], f"{f.label}, {_shown(f)}, is used in no statistic: {f.unusable}")
            for f in p.figures if f.unusable is not None]


def stale(p: Profile, stale_years: int = STALE_YEARS) -> list[Finding]:
    """Rule 5: headlines with no year or an old one; core indicators with no observation."""
    out = []
    this_year = datetime.date.today().year
    heads = [h for h in (p.figure(fid) for fid in p.ids()) if h is not None]
    undated = [h for h in heads if h.year is None]
    if undated:
        out.append(_finding(p, "note", "stale", undated, (
            f"{len(undated)} headline figure{'s have' if len(undated) != 1 else ' has'} no year: "
            f"{', '.join(h.id for h in undated)}.")))
    old = [h for h in heads if h.year is not None and this_year - h.year > stale_years]
    if old:
        out.append(_finding(p, "note", "stale", old, (
            f"{len(old)} headline figure{'s are' if len(old) != 1 else ' is'} older than {stale_years} years: "
            f"{', '.join(f'{h.id} ({h.year})' for h in old)}.")))
    missing = [" or ".join(group) for group in CORE if not any(p.figure(i) for i in group)]
    if missing:
        out.append(Finding(p.id, "note", "missing", tuple(i for g in CORE for i in g if " or ".join(g) in missing),
                           (), f"No observation of {'; '.join(missing)}.", ()))
    return out


def check_profile(p: Profile, stale_years: int = STALE_YEARS) -> list[Finding]:
    """Every finding for one profile, errors first."""
    found = impossible(p) + disagreement(p) + stated_vs_derived(p) + bases(p) + unusable(p) + stale(p, stale_years)
    unique = list({(f.rule, f.message): f for f in found}.values())  # two sources, one value: said once
    return sorted(unique, key=lambda f: SEVERITIES.index(f.severity))


def finding_records(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings as flat records (``asgm check --json``)."""
    return [{"country": f.country, "severity": f.severity, "rule": f.rule, "ids": list(f.ids),
             "years": list(f.years), "message": f.message, "values": list(f.values)} for f in findings]


def summary(severities: list[str]) -> str:
    """'1 error, 2 warnings, 3 notes' from the findings' severities (only those present)."""
    counts = [(s, severities.count(s)) for s in SEVERITIES]
    return ", ".join(f"{n} {s}{'s' * (n != 1)}" for s, n in counts if n)
