"""Several countries side by side (``compare``), one indicator across countries (``rank``), and
which source supports which figure (``sources``). Plain data; the renderers draw it.
"""

from __future__ import annotations

from typing import Any

from asgm_cli.indicators import INDICATORS
from asgm_cli.lookup import STAT_IDS
from asgm_cli.model import OK, UNDATED, UNKNOWN, UNUSABLE, Profile, choose
from asgm_cli.records import Record
from asgm_cli.stats import Stat
from asgm_cli.units import GIVEN_FIELDS, in_unit, unit_for
from asgm_cli.vocab import convertible

#: the value fields in the unit of the comparison, then as given, then why a value is not compared
_VALUE = ("value", "low", "high", "unit", "qualifier", "year", "source", "given_value", "given_low", "given_high",
          "given_unit", "status", "caveats", "note")
COMPARE_FIELDS = ("indicator", "label", "country", "kind") + _VALUE
RANK_FIELDS = ("position", "country", "name", "indicator") + _VALUE
SOURCE_FIELDS = ("country", "number", "id", "title", "publisher", "url", "published", "accessed", "supports")

#: status of a cell beyond ``model.choose``'s: a statistic outside its domain, a unit that does not convert,
#: a statistic whose inputs make no same-year pair (a fallback: of no one year), and in ``rank`` a range
#: (low to high, no single value), which is shown but given no position
OUTSIDE, OTHER_UNIT, RANGE, FALLBACK = "outside_domain", "unit_differs", "range", "fallback"

#: why a country is not ranked, by its status, as rank's chart and the website say it
UNRANKED = {RANGE: "A range, not ranked against single values",
            FALLBACK: "No same-year pair, its inputs of different years or undated (not ranked)",
            UNDATED: "No value of {year}, only an undated one (not ranked)",
            UNUSABLE: "Marked unusable (not ranked)",
            OUTSIDE: "An impossible result, a data error (not ranked; asgm stats COUNTRY names its inputs)",
            OTHER_UNIT: "In a unit that does not convert (not ranked)",
            UNKNOWN: "Unknown for"}

Measured = tuple[Profile, list[Stat]]  # a profile and its derived statistics


def measure(profiles: list[Profile], year: int | None, gold_price: float | None) -> list[Measured]:
    """Each profile with its statistics: from headlines, or from ``year``'s observations (else
    undated ones; a country with nothing for that year is not an error here)."""
    from asgm_cli.stats import derive

    return [(p, derive(p, year, gold_price, strict=False)) for p in profiles]


def _cell(p: Profile, stats: list[Stat], iid: str, year: int | None, unit: str | None) -> Record:
    """The figure or statistic ``iid`` of one country as a record, its values in ``unit`` where
    they convert (the source's own in ``given_*``); value, low and high null when unknown."""
    f, status = choose(p, iid, year)
    item: Any = f
    caveats: list[str] = []
    note = f.unusable if f is not None and status == UNUSABLE else None
    if f is not None:
        src = p.source(f.source)
        cell: Record = {"kind": "figure", "label": f.label, "qualifier": f.qualifier, "year": f.year,
                        "source": src.url if src else None}
        caveats = ["part_year"] if f.part_year else []
    else:
        item = next((s for s in stats if s.id == iid), None)
        if item is None:
            return {"kind": None, "label": None, "value": None, "low": None, "high": None, "unit": unit,
                    "qualifier": None, "year": None, "source": None} | dict.fromkeys(GIVEN_FIELDS) | {
                "status": UNKNOWN, "caveats": [], "note": None}
        caveats = list(item.caveats)
        status = UNDATED if year is not None and item.year != year else OUTSIDE if OUTSIDE in caveats \
            else FALLBACK if FALLBACK in caveats else OK
        cell = {"kind": "statistic", "label": item.label, "qualifier": item.qualifier, "year": item.year,
                "source": None}
    to = unit if unit is not None and convertible(item.unit, unit) else item.unit
    if to != unit and status == OK:
        status = OTHER_UNIT
    values = in_unit(item, to)
    if status == OUTSIDE:  # an impossible result is never given as a value
        values = values | {k: None for k in ("value", "low", "high", "given_value", "given_low", "given_high")}
    return cell | values | {"status": status, "caveats": caveats, "note": note}


def _label(iid: str, measured: list[Measured], year: int | None) -> tuple[str, str | None]:
    """A row's label and the unit it is compared in: the shared indicator's, else the first country's."""
    if iid in INDICATORS:
        return INDICATORS[iid].label, INDICATORS[iid].unit
    cells = [c for c in (_cell(p, stats, iid, year, None) for p, stats in measured) if c["kind"]]
    if not cells:
        return iid, None
    return _one_label([c["label"] for c in cells]), unit_for(iid, cells[0]["given_unit"])


def _one_label(labels: list[str]) -> str:
    """One row label for countries whose labels differ in their last words ('... per community',
    '... per municipality' -> '... per community or municipality'), not the first country's alone."""
    distinct = list(dict.fromkeys(labels))
    if len(distinct) == 1:
        return distinct[0]
    words = [label.split() for label in distinct]
    common = 0
    while all(len(w) > common + 1 and w[common] == words[0][common] for w in words):
        common += 1
    if not common:
        return distinct[0]
    head = " ".join(words[0][:common])
    tails = [" ".join(w[common:]) for w in words]
    return f"{head} {', '.join(tails[:-1])} or {tails[-1]}"


def known(measured: list[Measured]) -> list[str]:
    """Every id that at least one of the countries has: figures, then statistics."""
    ids = dict.fromkeys(INDICATORS)
    for p, stats in measured:
        ids.update(dict.fromkeys(f.id for f in p.figures))
    ids.update(dict.fromkeys(STAT_IDS))
    return list(ids)


def check_ids(wanted: list[str], measured: list[Measured]) -> None:
    """An id nobody has and nothing defines is a lookup error with a suggestion."""
    from asgm_cli.indicators import unknown_id

    options = known(measured)
    for iid in wanted:
        if iid not in options:
            raise unknown_id("unknown indicator", iid, options)


def default_ids(measured: list[Measured], year: int | None = None) -> list[str]:
    """Shared indicators and statistics that at least one of the countries has, in vocabulary order."""
    ids = [i for i in INDICATORS if any(choose(p, i, year)[0] for p, _ in measured)]
    return ids + [s for s in STAT_IDS if any(st.id == s for _, stats in measured for st in stats)]


def compare_records(measured: list[Measured], ids: list[str], year: int | None = None) -> list[Record]:
    """One record per indicator and country, unknowns included (value, low and high null); each
    row in one unit, the indicator's."""
    out: list[Record] = []
    for iid in ids:
        label, unit = _label(iid, measured, year)
        for p, stats in measured:
            cell = _cell(p, stats, iid, year, unit)
            out.append({"indicator": iid, "label": label, "country": p.id, "kind": cell["kind"]}
                       | {k: cell[k] for k in _VALUE})
    return out


def rank_records(measured: list[Measured], iid: str, year: int | None = None) -> list[Record]:
    """Countries ordered by ``iid``'s value in one unit (largest first; smallest first for a rank),
    equal values sharing a position; then the countries that are not ranked, by ``status``: a range
    (its ``note`` says which positions it spans), a statistic's fallback (of no one year), undated
    under ``year``, unusable, outside its domain, in a unit that does not convert, unknown.

    A range is not placed among single values: where it overlaps them, no order is true.
    """
    ascending = INDICATORS[iid].ascending if iid in INDICATORS else False
    unit = _label(iid, measured, year)[1]
    rows = [{"position": None, "country": p.id, "name": p.name, "indicator": iid}
            | {k: c[k] for k in _VALUE} for p, stats in measured for c in (_cell(p, stats, iid, year, unit),)]
    for r in rows:
        if r["status"] == OK and r["value"] is None:
            r["status"] = RANGE

    def key(x: float) -> float:
        return x if ascending else -x

    ranked = sorted((r for r in rows if r["status"] == OK), key=lambda r: (key(r["value"]), r["country"]))
    previous: Any = None
    for n, r in enumerate(ranked, 1):
        r["position"] = previous["position"] if previous and previous["value"] == r["value"] else n
        previous = r
    for r in rows:
        if r["status"] == RANGE:
            first, last = sorted(1 + sum(key(o["value"]) < key(end) for o in ranked) for end in (r["low"], r["high"]))
            r["note"] = (f"Its range spans positions {first} to {last}." if first != last else
                         f"Its range falls at position {first}.")
    order = tuple(UNRANKED)
    return ranked + sorted((r for r in rows if r["status"] != OK),
                           key=lambda r: (order.index(r["status"]), r["country"]))


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
