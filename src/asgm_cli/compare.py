"""Several countries side by side (``compare``), one indicator across countries (``rank``), and
which source supports which figure (``sources``). Plain data; the renderers draw it.
"""

from __future__ import annotations

from typing import Any

from asgm_cli.errors import LookupFailed, shorten
from asgm_cli.indicators import INDICATORS
from asgm_cli.lookup import STAT_IDS
from asgm_cli.model import Profile
from asgm_cli.records import Record
from asgm_cli.stats import Stat

COMPARE_FIELDS = ("indicator", "label", "country", "kind", "value", "low", "high", "unit", "qualifier", "year",
                  "source")
RANK_FIELDS = ("position", "country", "name", "indicator", "value", "low", "high", "unit", "qualifier", "year",
               "source")
SOURCE_FIELDS = ("country", "number", "id", "title", "publisher", "url", "published", "accessed", "supports")

Measured = tuple[Profile, list[Stat]]  # a profile and its derived statistics


def measure(profiles: list[Profile], year: int | None, gold_price: float | None) -> list[Measured]:
    """Each profile with its statistics: from headlines, or from ``year``'s observations (else
    undated ones; a country with nothing for that year is not an error here)."""
    from asgm_cli.stats import derive

    return [(p, derive(p, year, gold_price, strict=False)) for p in profiles]


def _figure(p: Profile, iid: str, year: int | None) -> Any:
    return p.figure(iid) if year is None else p.at(iid, year)


def _cell(p: Profile, stats: list[Stat], iid: str, year: int | None = None) -> Record | None:
    """The figure or statistic ``iid`` of one country, as a record; None when unknown. An unusable
    figure or an impossible statistic (outside its domain) has no value here: it is never ranked."""
    f = _figure(p, iid, year)
    if f is not None:
        src = p.source(f.source)
        shown = f.unusable is None
        return {"kind": "figure", "label": f.label, "value": _num(f.value) if shown else None,
                "low": _num(f.low) if shown else None, "high": _num(f.high) if shown else None, "unit": f.unit,
                "qualifier": f.qualifier, "year": f.year, "source": src.url if src else None}
    s = next((s for s in stats if s.id == iid), None)
    if s is not None:
        ok = not s.outside_domain
        return {"kind": "statistic", "label": s.label, "value": s.value if ok else None, "low": s.low if ok else None,
                "high": s.high if ok else None, "unit": s.unit, "qualifier": s.qualifier, "year": s.year, "source": None}
    return None


def _num(v: float | None) -> float | int | None:
    """4.0 -> 4: a whole value prints without '.0' in every format."""
    from asgm_cli.number import whole

    return None if v is None else whole(v)


def _label(iid: str, measured: list[Measured], year: int | None) -> tuple[str, str | None]:
    """A row's label and unit: the shared indicator's, else the first country's."""
    if iid in INDICATORS:
        return INDICATORS[iid].label, INDICATORS[iid].unit
    for p, stats in measured:
        cell = _cell(p, stats, iid, year)
        if cell:
            return cell["label"], cell["unit"]
    return iid, None


def known(measured: list[Measured]) -> list[str]:
    """Every id that at least one of the countries has: figures, then statistics."""
    ids = dict.fromkeys(INDICATORS)
    for p, stats in measured:
        ids.update(dict.fromkeys(f.id for f in p.figures))
    ids.update(dict.fromkeys(STAT_IDS))
    return list(ids)


def check_ids(wanted: list[str], measured: list[Measured]) -> None:
    """An id nobody has and nothing defines is a lookup error with a suggestion."""
    from asgm_cli.catalog import suggest

    options = known(measured)
    for iid in wanted:
        if iid not in options:
            close = suggest(iid, options)
            raise LookupFailed(f"unknown indicator '{shorten(iid)}'" + (f"; did you mean {close}?" if close else ""))


def default_ids(measured: list[Measured], year: int | None = None) -> list[str]:
    """Shared indicators and statistics that at least one of the countries has, in vocabulary order."""
    ids = [i for i in INDICATORS if any(_figure(p, i, year) for p, _ in measured)]
    return ids + [s for s in STAT_IDS if any(st.id == s for _, stats in measured for st in stats)]


def compare_records(measured: list[Measured], ids: list[str], year: int | None = None) -> list[Record]:
    """One record per indicator and country, unknowns included (value, low and high null)."""
    out: list[Record] = []
    for iid in ids:
        label, unit = _label(iid, measured, year)
        for p, stats in measured:
            cell = _cell(p, stats, iid, year) or {"kind": None, "value": None, "low": None, "high": None, "unit": unit,
                                             "qualifier": None, "year": None, "source": None}
            out.append({"indicator": iid, "label": label, "country": p.id, "kind": cell["kind"],
                        "value": cell["value"], "low": cell["low"], "high": cell["high"], "unit": cell["unit"],
                        "qualifier": cell["qualifier"], "year": cell["year"], "source": cell["source"]})
    return out


def _ends(r: Record) -> tuple[float, float]:
    """A record's value, or its range's ends, in a common unit (gold in tonnes), for ordering."""
    from asgm_cli.vocab import TONNES_PER

    per = TONNES_PER.get(r["unit"], 1.0)
    if r["value"] is not None:
        return r["value"] * per, r["value"] * per
    return r["low"] * per, r["high"] * per


def rank_records(measured: list[Measured], iid: str, year: int | None = None) -> list[Record]:
    """Countries ordered by ``iid`` (largest first; smallest first for a rank), then the unknowns.

    A range is placed by its upper end (its lower end breaks ties); equal values share a position.
    """
    ascending = INDICATORS[iid].ascending if iid in INDICATORS else False
    known_rows: list[Record] = []
    unknown_rows: list[Record] = []
    for p, stats in measured:
        cell = _cell(p, stats, iid, year)
        row = {"position": None, "country": p.id, "name": p.name, "indicator": iid}
        if cell is None or cell["value"] is None and cell["low"] is None:  # unknown, unusable or impossible
            unknown_rows.append(row | {"value": None, "low": None, "high": None, "unit": None, "qualifier": None,
                                       "year": None, "source": None})
        else:
            known_rows.append(row | {k: cell[k] for k in ("value", "low", "high", "unit", "qualifier", "year",
                                                           "source")})

    def key(r: Record) -> tuple[float, float]:
        low, high = _ends(r)
        return (low, high) if ascending else (-high, -low)

    known_rows.sort(key=lambda r: (key(r), r["country"]))
    previous: Any = None
    for n, r in enumerate(known_rows, 1):
        r["position"] = previous["position"] if previous and key(previous) == key(r) else n
        previous = r
    return known_rows + sorted(unknown_rows, key=lambda r: r["country"])


def source_records(p: Profile) -> list[Record]:
    """Each source with its number and the ids of what it supports."""
    uses: dict[str, list[str]] = {s.id: [] for s in p.sources}
    for f in p.figures:
        shown = f"{f.id}[{f.year}]" if f.year is not None and len(p.observations(f.id)) > 1 else f.id
        if shown not in uses[f.source]:
            uses[f.source].append(shown)
    for t in p.targets:
        uses[t.source].append(t.id)
    for item in p.strategies + p.challenges:
        if item.source:
            uses[item.source].append(item.id)
    return [{"country": p.id, "number": n, "id": s.id, "title": s.title, "publisher": s.publisher, "url": s.url,
             "published": s.published, "accessed": s.accessed, "supports": uses[s.id]} for n, s in enumerate(p.sources, 1)]
