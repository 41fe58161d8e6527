"""``asgm check``: where a profile's numbers disagree, and which cannot be right.

Rules (also in docs/statistics.md, "Where the numbers disagree"):

1. impossible   A result outside its statistic's domain (stats.RULES): an ASGM share above 100 %
                from a same-year or undated pair, or an undated output that is all of one year's
                total (100 %); any other statistic out of range; a count or quantity of zero.
                The numbers are taken as stated: no qualifier's tolerance hides a breach. Error;
                a note when an observation involved carries ``acknowledged``.
2. disagreement Observations of one id and kind (period, scope) whose intervals do not overlap,
                when they share a year, or one is undated, or they are at most ``SPAN_YEARS``
                apart and differ by at
                least ``RATIO`` times. Warning; a note when they are less than ``ROUNDING``
                (2 %) apart, as two roundings of one number are (66.858 t and 66.8 t).
3. stated-vs-derived A stated ASGM share of a year against the share computed from that year's
                output and national production, like with like: the same source's numbers when
                it gives them, else totals of the stated share's basis; and against the year's
                other small-scale shares (by difference, on top of an industrial total) of the
                same period. Warning.
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
import itertools
import math
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
MAX_FINDINGS = 100  # per rule and profile: a hostile profile cannot make the report (or the work) unbounded
MAX_LISTED = 8  # values named in one message; the rest are counted ("and 12 more")

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
    if "e" in text:  # 5e-05 is stated to its last digit, not to ±0.5; a large one keeps ±0.5
        mantissa, exponent = text.split("e")
        places = len(mantissa.split(".")[1]) if "." in mantissa and not mantissa.endswith(".0") else 0
        return 0.5 * 10 ** (int(exponent) - places) if int(exponent) < 0 else 0.5
    if "." not in text or text.endswith(".0"):
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


class _Found:
    """A rule's findings, de-duplicated (two sources, one value: said once) and capped as they are made."""

    def __init__(self) -> None:
        self.items: list[Finding] = []
        self._seen: set[str] = set()

    @property
    def full(self) -> bool:
        return len(self.items) >= MAX_FINDINGS

    def add(self, f: Finding) -> None:
        if not self.full and f.message not in self._seen:
            self._seen.add(f.message)
            self.items.append(f)


def _listed(parts: list[str]) -> str:
    """'a, b, c', or the first MAX_LISTED and how many more."""
    more = len(parts) - MAX_LISTED
    return ", ".join(parts[:MAX_LISTED]) + (f" and {more} more" if more > 0 else "")


def _some(shares: list[str]) -> str:
    """'25 %, 30 %': the derived shares, the first MAX_LISTED of them where more were left uncounted."""
    said = ", ".join(f"{x} %" for x in shares[:MAX_LISTED])
    return said + (" and more" if len(shares) > MAX_LISTED else "")


def _by_year(obs: list[Figure]) -> dict[int | None, list[Figure]]:
    """Observations grouped by year (None for undated), in their order."""
    out: dict[int | None, list[Figure]] = {}
    for f in obs:
        out.setdefault(f.year, []).append(f)
    return out


def _statement(f: Figure) -> tuple[Any, ...]:
    """What a finding says of an observation: two sources stating it alike make one finding."""
    return f.id, f.label, f.value, f.low, f.high, f.unit, f.qualifier, f.year, f.period, f.acknowledged


def _acknowledged(p: Profile, severity: str, rule: str, obs: list[Figure], message: str) -> Finding:
    said = [f.acknowledged for f in obs if f.acknowledged]
    if said:
        return _finding(p, "note", rule, obs, f"{message} Acknowledged: {' '.join(said)}")
    return _finding(p, severity, rule, obs, message)


def _derived(p: Profile) -> list[Any]:
    """Every statistic the rules look at: the headlines and those of every year."""
    from asgm_cli.stats import derive, derive_all_years

    return derive(p) + derive_all_years(p)


def impossible(p: Profile, derived: list[Any] | None = None) -> list[Finding]:
    """Rule 1: results outside their statistic's domain; a count or quantity of zero. ``derived``:
    the statistics of ``_derived``, when the caller has them already."""
    from asgm_cli.stats import SHARE, share_pairs

    out = _Found()
    # only the pairs near or above 100 %, and each statement once: not every pair
    for part, whole, st in share_pairs(p, reaching=99.99, once=_statement):
        if out.full:
            break
        undated_whole = part.year is None and whole.year is not None and st.value == 100
        if not (st.outside_domain or undated_whole):
            continue
        said = f"{_shown(part)} of {whole.label.lower()}, {_shown(whole)}, is {_number_text(st)} %"
        out.add(_acknowledged(p, "error", "impossible", [part, whole], (
            f"{part.label} as a share: {said}: " + ("an undated figure divided by one year's total cannot be all of it."
                                                   if not st.outside_domain else "a share cannot exceed 100 %."))))
    seen = set()
    for st in _derived(p) if derived is None else derived:
        if st.id == SHARE or not st.outside_domain or (st.id, st.year) in seen:
            continue  # shares: above, pair by pair
        seen.add((st.id, st.year))
        obs = _observed(p, st)
        out.add(_acknowledged(p, "error", "impossible", obs, (
            f"{st.label} {'for ' + str(st.year) if st.year else '(headline)'} is {_number_text(st)} {st.unit}: "
            "outside what the statistic can be.")))
    for f in p.figures:
        if f.unit not in NOT_QUANTITIES and interval(f, precision=False)[1] <= 0:
            out.add(_acknowledged(p, "error", "impossible", [f],
                                  f"{f.label} is {_shown(f)}: a count or quantity must be above zero."))
    return out.items


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
        f"{found[0].label} {what}: {_listed([_shown(f) for f in found])} do not overlap "
        f"({sources} source{'s' * (sources != 1)}); the largest is {ratio:.4g} times the smallest"
        + (f", less than {ROUNDING:.0%} apart: a rounding." if severity == "note" else ".")))


def _clashing(obs: list[Figure]) -> list[Figure]:
    """The observations apart from at least one other, in one pass: f is apart from some g when the
    highest lower end or the lowest upper end among the others lies outside f's interval."""
    if len(obs) < 2:
        return []
    spans = [interval(f) for f in obs]
    by_lo = sorted(range(len(obs)), key=lambda i: spans[i][0], reverse=True)[:2]
    by_hi = sorted(range(len(obs)), key=lambda i: spans[i][1])[:2]
    out = []
    for i, (lo, hi) in enumerate(spans):
        top_lo = spans[by_lo[1] if by_lo[0] == i else by_lo[0]][0]
        least_hi = spans[by_hi[1] if by_hi[0] == i else by_hi[0]][1]
        if top_lo > hi or least_hi < lo:
            out.append(obs[i])
    return out


def _same_values(obs: list[Figure]) -> list[list[Figure]]:
    """Observations grouped by what they state (sources differ within a year, so any two of a group do)."""
    out: dict[tuple[Any, ...], list[Figure]] = {}
    for f in obs:
        out.setdefault((f.value, f.low, f.high, f.unit, f.qualifier), []).append(f)
    return list(out.values())


def _extremes(obs: list[Figure]) -> tuple[float, float]:
    """The highest lower end and the lowest upper end of some observations."""
    spans = [interval(f) for f in obs]
    return max(lo for lo, _ in spans), min(hi for _, hi in spans)


def _alike(obs: list[Figure]) -> list[list[Figure]]:
    """Observations grouped by what they count: the same period of a year (or the whole year);
    ``industrial`` apart from the rest, and a ``partial`` one by its area. Only observations of one
    group are compared: an industrial total does not disagree with one that includes small-scale
    gold, nor half a year with the whole. An unstated scope goes with ``all_sectors`` and
    ``small_scale`` (an ASGM figure's id already says it is small-scale)."""
    groups: dict[tuple[Any, ...], list[Figure]] = {}
    for f in obs:
        kind = f.scope if f.scope in ("industrial", "partial") else None
        groups.setdefault((f.period, kind, f.area), []).append(f)
    return list(groups.values())


def disagreement(p: Profile) -> list[Finding]:
    """Rule 2: observations of one id, and of one kind (``_alike``), whose intervals do not overlap.

    One finding per year with clashing values, one for clashing undated values, one per undated
    value against the dated values it clashes with, and one per pair of values from different
    sources at most ``SPAN_YEARS`` apart that differ by ``RATIO`` times or more. Observations are
    grouped by year first, so the work grows with the number of observations, not its square.
    """
    out = _Found()
    for fid in p.ids():
        if out.full:
            break
        for alike in _alike(p.observations(fid)):
            if _disagreeing(p, alike, out):
                return out.items
    return out.items


def _disagreeing(p: Profile, obs: list[Figure], out: _Found) -> bool:
    """Rule 2 within one group of alike observations; true when the findings are full."""
    years = _by_year(obs)
    undated = years.pop(None, [])
    dated = [f for y in years for f in years[y]]
    for year, same in years.items():
        clash = _clashing(same)
        if clash:
            out.add(_disagree(p, clash, f"for {year}"))
    clash = _clashing(undated)
    if clash:
        out.add(_disagree(p, clash, "with no year"))
    spans = {id(d): interval(d) for d in dated}
    for u in undated:
        if out.full:
            break
        lo, hi = interval(u)
        against = [d for d in dated if spans[id(d)][1] < lo or spans[id(d)][0] > hi]
        if against:
            out.add(_disagree(p, [*against, u], "with no year against dated values"))
    extremes = {y: _extremes(obs) for y, obs in years.items()}
    same_values = {y: _same_values(obs) for y, obs in years.items()}  # one value from many sources: one test
    for year_a, groups_a in same_values.items():
        for year in range(year_a + 1, year_a + SPAN_YEARS + 1):  # type: ignore[operator]
            top_lo, least_hi = extremes.get(year, (-math.inf, math.inf))
            for group_a in groups_a:
                if out.full:
                    return True
                lo, hi = spans[id(group_a[0])]
                if top_lo <= hi and least_hi >= lo:
                    continue  # nothing that year lies apart from a: no pair to test
                for group_b in same_values[year]:
                    pair = next(((a, b) for a in group_a[:2] for b in group_b[:2] if a.source != b.source), None)
                    if pair and _apart(*pair) and _ratio(list(pair)) >= RATIO:
                        out.add(_disagree(p, list(pair), f"in {year_a} and {year}"))
    return out.full


def stated_vs_derived(p: Profile, derived: list[Any] | None = None) -> list[Finding]:
    """Rule 3: stated ASGM shares of a year against the shares its output and totals give, like
    with like (``_like``); only observations the share's rule accepts, of the same period. Then
    against the year's other share statistics (``_against_other_shares``).

    A share derived from a part and a whole spans ``part.low / whole.high`` to ``part.high /
    whole.low``. Stated shares compared with the same parts and wholes are taken together, and
    which of them, and which parts and wholes, take part in a mismatch follows from the extremes
    of each group (``_mismatch``), so a year costs its number of observations, not their product.
    """
    from asgm_cli.stats import SHARE, usable

    out = _Found()
    stated_by = _by_year([f for f in p.observations("asgm_share_of_national_gold")
                          if f.year is not None and f.unusable is None])
    parts_by = _by_year(usable(p, "asgm_gold_output", SHARE))
    wholes_by = _by_year([f for f in usable(p, "national_gold_production", SHARE)
                          if interval(f, precision=False)[1] > 0])  # a total of zero gives no share
    for year in sorted(stated_by):  # type: ignore[type-var]
        if out.full:
            break
        stated, parts, wholes = stated_by[year], parts_by.get(year, []), wholes_by.get(year, [])
        span = {id(f): interval(f) for f in stated + parts + wholes}  # once each, however many groups meet it
        involved: dict[int, list[Figure]] = {}  # a mismatched stated share -> the parts and wholes in it
        shares: set[str] = set()
        for group, group_parts, group_wholes in _like(stated, parts, wholes):
            bad, others = _mismatch(group, group_parts, group_wholes, span, shares)
            involved.update((id(f), others) for f in bad)
        if not involved:
            continue
        bad_stated = [f for f in stated if id(f) in involved]
        obs = list({id(f): f for s_ in bad_stated for f in [s_, *involved[id(s_)]]}.values())
        out.add(_finding(p, "warning", "stated-vs-derived", obs, (
            f"The stated ASGM share for {year} ({_listed([_shown(f) for f in bad_stated])}) does not match the "
            f"share its output and national production of {year} give ({_some(sorted(shares))}), beyond the "
            f"qualifiers and {SHARE_TOLERANCE:g} percentage points."),
            ids=("asgm_share_of_national_gold", "asgm_gold_output", "national_gold_production")))
    _against_other_shares(p, stated_by, _derived(p) if derived is None else derived, out)
    return out.items


def _against_other_shares(p: Profile, stated_by: dict[int | None, list[Figure]], derived: list[Any],
                          out: _Found) -> None:
    """Stated shares of a year against that year's share by difference or on top of an industrial
    total (computed from one source's two numbers), when they lie apart beyond the qualifiers and
    ``SHARE_TOLERANCE``: a full-year statement only against a full-year result."""
    from asgm_cli.stats import BY_DIFFERENCE, ON_TOP

    seen = set()
    for st in derived:
        if st.id not in (BY_DIFFERENCE, ON_TOP) or st.outside_domain or "part_year" in st.caveats \
                or (st.id, st.year) in seen:
            continue
        seen.add((st.id, st.year))
        lo, hi = interval(st, precision=False)
        bad = [f for f in stated_by.get(st.year, []) if f.period is None
               and (hi < interval(f)[0] - SHARE_TOLERANCE or lo > interval(f)[1] + SHARE_TOLERANCE)]
        if bad:
            out.add(_finding(p, "warning", "stated-vs-derived", bad + _observed(p, st), (
                f"The stated ASGM share for {st.year} ({_listed([_shown(f) for f in bad])}) does not match "
                f"{st.year}'s {st.label[0].lower()}{st.label[1:]} ({_number_text(st)} %), beyond the qualifiers "
                f"and {SHARE_TOLERANCE:g} percentage points."), ids=("asgm_share_of_national_gold", st.id)))


def _like(stated: list[Figure], parts: list[Figure],
          wholes: list[Figure]) -> list[tuple[list[Figure], list[Figure], list[Figure]]]:
    """The stated shares of a year, grouped by the parts and wholes each is compared with: those of
    its period; of those, the stated share's own source's output and totals where it gives them;
    else totals of the stated share's basis (none when no total has it); else every one. Indexed
    once, so that a year costs its observations, not stated shares times the others."""
    def index(obs: list[Figure], *keys: str) -> dict[tuple[Any, ...], list[Figure]]:
        out: dict[tuple[Any, ...], list[Figure]] = {}
        for f in obs:
            out.setdefault(tuple(getattr(f, k) for k in keys), []).append(f)
        return out

    p_period, p_own = index(parts, "period"), index(parts, "period", "source")
    w_period, w_own, w_basis = index(wholes, "period"), index(wholes, "period", "source"), index(wholes, "period", "basis")
    groups: dict[tuple[int, int], tuple[list[Figure], list[Figure], list[Figure]]] = {}
    for s_ in stated:
        own = (s_.period, s_.source)
        ps = p_own.get(own) or p_period.get((s_.period,), [])
        ws = w_own.get(own) or (w_basis.get((s_.period, s_.basis), []) if s_.basis is not None
                                else w_period.get((s_.period,), []))
        groups.setdefault((id(ps), id(ws)), ([], ps, ws))[0].append(s_)
    return list(groups.values())


def _mismatch(stated: list[Figure], parts: list[Figure], wholes: list[Figure],
              span: dict[int, tuple[float, float]], shares: set[str]) -> tuple[list[Figure], list[Figure]]:
    """The stated shares some pair of ``parts`` and ``wholes`` gives a share beyond (the qualifiers
    and ``SHARE_TOLERANCE``), and the parts and wholes of such pairs; adds up to ``MAX_LISTED`` + 1
    of the derived shares to ``shares``. Found from each group's extremes, not pair by pair."""
    if not parts or not wholes:
        return [], []

    def low_share(plo: float, whi: float) -> float:
        return plo / whi * 100

    def high_share(phi: float, wlo: float) -> float:
        return math.inf if wlo <= 0 else phi / wlo * 100

    s_span, p_span, w_span = ([span[id(f)] for f in obs] for obs in (stated, parts, wholes))
    top_wlo, least_whi = max(lo for lo, _ in w_span), min(hi for _, hi in w_span)
    least_phi, top_plo = min(hi for _, hi in p_span), max(lo for lo, _ in p_span)
    lowest, highest = high_share(least_phi, top_wlo), low_share(top_plo, least_whi)
    bad = [f for f, (lo, hi) in zip(stated, s_span) if lowest < lo - SHARE_TOLERANCE or highest > hi + SHARE_TOLERANCE]
    if not bad:
        return [], []
    under = max(lo for lo, _ in s_span) - SHARE_TOLERANCE  # a derived share below this is too low ...
    over = min(hi for _, hi in s_span) + SHARE_TOLERANCE  # ... and one above this too high, for some statement
    bad_parts = [(f, lo, hi) for f, (lo, hi) in zip(parts, p_span)
                 if high_share(hi, top_wlo) < under or low_share(lo, least_whi) > over]
    bad_wholes = [(f, lo, hi) for f, (lo, hi) in zip(wholes, w_span)
                  if high_share(least_phi, lo) < under or low_share(top_plo, hi) > over]
    for (part, plo, phi), (whole, wlo, whi) in itertools.product(bad_parts, bad_wholes):
        if len(shares) > MAX_LISTED:
            break
        if high_share(phi, wlo) < under or low_share(plo, whi) > over:
            shares.add(_num(part_share(part, whole)))
    return bad, [f for f, _, _ in bad_parts + bad_wholes]


def part_share(part: Figure, whole: Figure) -> float:
    """The share a part's stated number is of a whole's, in %."""
    def mid(f: Figure) -> float:
        v = f.value if f.value is not None else ((f.low or 0.0) + (f.high or 0.0)) / 2
        return v * TONNES_PER.get(f.unit, 1.0)

    return mid(part) / mid(whole) * 100


def bases(p: Profile, derived: list[Any] | None = None) -> list[Finding]:
    """Rule 4: inputs that count different things.

    Every same-year pair of ASGM output and a national total whose scope is industrial (the share
    would divide small-scale output by a total without it), every undated ASGM output at least as
    large as such a total (what would read as a share of 100 % or more), and every statistic
    (headline or per year) whose inputs state different bases. ASGM output is grouped by year
    once, and undated output sorted by size, so a total meets only the parts it is set against.
    """
    from asgm_cli.stats import first_each, mixed_bases

    out = _Found()
    order = {id(f): n for n, f in enumerate(p.observations("asgm_gold_output"))}
    parts = _by_year(first_each([f for f in p.observations("asgm_gold_output") if f.unusable is None], _statement))
    undated = sorted(((interval(f, False)[0], order[id(f)], f) for f in parts.pop(None, [])), key=lambda t: (-t[0], t[1]))
    for whole in p.observations("national_gold_production"):
        if whole.year is None or whole.scope != "industrial" or out.full:
            continue
        high = interval(whole, False)[1]
        larger = [f for _, _, f in itertools.takewhile(lambda t: t[0] >= high, undated)]
        for part in sorted(parts.get(whole.year, []) + larger, key=lambda f: order[id(f)]):  # in the file's order
            if not out.full:
                out.add(_finding(p, "note", "bases", [part, whole], (
                    f"ASGM output {'of ' + str(whole.year) if part.year else 'with no year'}, {_shown(part)}, set "
                    f"against national production of industrial mining only, {_shown(whole)}: the two count "
                    "different things, and their ratio is not the ASGM share."),
                    ids=("asgm_share_of_national_output", "asgm_gold_output", "national_gold_production")))
    seen = set()
    for st in _derived(p) if derived is None else derived:
        said = mixed_bases(st.id, st.inputs)
        key = (st.id, st.year, said)
        if said is None or key in seen:
            continue
        seen.add(key)
        obs = _observed(p, st)
        out.add(Finding(p.id, "note", "bases", (st.id,) + tuple(i.id for i in st.inputs if i.basis),
                        (st.year,), f"{st.label} {'for ' + str(st.year) if st.year else '(headline)'}: {said}",
                        tuple(_value(p, f) for f in obs)))
    return out.items


def unusable(p: Profile) -> list[Finding]:
    """Rule 6: observations kept as their source states them but used in no arithmetic."""
    out = _Found()
    for f in p.figures:
        if f.unusable is not None and not out.full:
            out.add(_finding(p, "note", "unusable", [f], f"{f.label}, {_shown(f)}, is used in no statistic: {f.unusable}"))
    return out.items


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
    # each rule de-duplicates and caps its findings as it makes them (two sources, one value: said once)
    derived = _derived(p)  # derived once for the rules that read it
    found = (impossible(p, derived) + disagreement(p) + stated_vs_derived(p, derived) + bases(p, derived) + unusable(p)
             + stale(p, stale_years))
    return sorted(found, key=lambda f: SEVERITIES.index(f.severity))


def finding_records(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings as flat records (``asgm check --json``)."""
    return [{"country": f.country, "severity": f.severity, "rule": f.rule, "ids": list(f.ids),
             "years": list(f.years), "message": f.message, "values": list(f.values)} for f in findings]


def summary_records(records: list[dict[str, Any]], countries: list[str]) -> list[dict[str, Any]]:
    """One record per country (``asgm check --summary``): its errors, warnings and notes counted."""
    out = []
    for c in countries:
        found = [r["severity"] for r in records if r["country"] == c]
        out.append({"country": c, "errors": found.count("error"), "warnings": found.count("warning"),
                    "notes": found.count("note"), "summary": summary(found) or "no findings"})
    return out


def summary(severities: list[str]) -> str:
    """'1 error, 2 warnings, 3 notes' from the findings' severities (only those present)."""
    counts = [(s, severities.count(s)) for s in SEVERITIES]
    return ", ".join(f"{n} {s}{'s' * (n != 1)}" for s, n in counts if n)
