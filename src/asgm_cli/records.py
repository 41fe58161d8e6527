"""Flat records: the one shape that every output format renders (the scripting contract).

Field lists are the public contract: keys appear in this order in JSON, JSONL, CSV and TSV.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asgm_cli.catalog import Entry
from asgm_cli.model import Figure, Profile
from asgm_cli.number import whole

if TYPE_CHECKING:
    from asgm_cli.stats import Stat

FIGURE_FIELDS = ("country", "kind", "id", "label", "value", "low", "high", "unit", "qualifier", "year", "scope",
                 "source", "source_id", "quote", "note", "basis", "preferred", "headline", "basis_note", "area",
                 "period", "unusable", "stated")
STAT_FIELDS = ("country", "id", "label", "value", "low", "high", "unit", "qualifier", "year", "formula", "inputs", "note",
               "caveats")
STRATEGY_FIELDS = ("country", "id", "title", "description")
COUNTRY_FIELDS = ("id", "name", "iso2", "iso3", "region", "origin", "path")

Record = dict[str, Any]


def _num(v: float | None) -> float | int | None:
    """A number as every format prints it: 4.0 -> 4 (a whole value never carries '.0')."""
    return None if v is None else whole(v)


def _url(p: Profile, sid: str) -> str | None:
    src = p.source(sid)
    return src.url if src else None


def figure_record(p: Profile, f: Figure, headline: bool, note: str | None = None) -> Record:
    """One observation as a record; ``note`` is added to the observation's own note."""
    kind = "production" if f.id == "national_gold_production" else "figure"
    return {
        "country": p.id, "kind": kind, "id": f.id, "label": f.label, "value": _num(f.value),
        "low": _num(f.low), "high": _num(f.high), "unit": f.unit, "qualifier": f.qualifier, "year": f.year, "scope": f.scope,
        "source": _url(p, f.source), "source_id": f.source, "quote": f.quote,
        "note": " ".join(n for n in (f.note, note) if n) or None,
        "basis": f.basis, "preferred": f.preferred, "headline": f is p.figure(f.id),
        "basis_note": f.basis_note, "area": f.area, "period": f.period, "unusable": f.unusable,
        "stated": p.said(f),
    }


def figure_records(p: Profile, year: int | None = None, headline: bool = False,
                   ids: list[str] | None = None) -> list[Record]:
    """Every observation, grouped by id (in file order), each id's oldest first.

    ``headline``: only each id's headline observation. ``year``: each id's observations of that
    year, else its undated one (the note says so), never another year's. ``ids``: only these.
    """
    out: list[Record] = []
    for fid in ids if ids is not None else p.ids():
        found = p.observations(fid)
        if year is not None:
            same = [f for f in found if f.year == year]
            if same:
                found = same
            else:
                undated = p.at(fid, year)
                found = [undated] if undated is not None else []
        if headline:
            head = p.figure(fid) if year is None else p.at(fid, year)
            found = [head] if head is not None else []
        for f in found:
            note = f"No observation for {year}; this one has no year." if year is not None and f.year is None else None
            out.append(figure_record(p, f, f is p.figure(fid), note))
    return out


def stat_records(p: Profile, stats: list[Stat]) -> list[Record]:
    """Derived statistics; ``inputs`` is a list of {id, value, low, high, unit, year, qualifier, basis, scope,
    period, source_id}; ``caveats`` a list of codes (stats.CAVEATS)."""
    return [{
        "country": p.id, "id": s.id, "label": s.label, "value": _num(s.value), "low": _num(s.low), "high": _num(s.high),
        "unit": s.unit, "qualifier": s.qualifier, "year": s.year, "formula": s.formula,
        "inputs": [{"id": i.id, "value": _num(i.value), "low": _num(i.low), "high": _num(i.high), "unit": i.unit, "year": i.year,
                    "qualifier": i.qualifier, "basis": i.basis, "scope": i.scope, "period": i.period,
                    "source_id": i.source} for i in s.inputs],
        "note": s.note, "caveats": list(s.caveats),
    } for s in stats]


def strategy_records(p: Profile) -> list[Record]:
    return [{"country": p.id, "id": s.id, "title": s.title, "description": s.description} for s in p.strategies]


def country_record(p: Profile, entry: Entry) -> Record:
    return {"id": p.id, "name": p.name, "iso2": p.iso2, "iso3": p.iso3, "region": p.region,
            "origin": entry.origin, "path": str(entry.path)}


def profile_document(p: Profile, stats: list[Stat], year: int | None = None) -> dict[str, Any]:
    """The whole profile and its statistics as one JSON document (``asgm show --json``)."""
    return {
        "country": {"id": p.id, "name": p.name, "native_name": p.native_name, "iso2": p.iso2,
                    "iso3": p.iso3, "region": p.region, "summary": p.summary},
        "figures": figure_records(p, year=year),
        "statistics": stat_records(p, stats),
        "targets": [{
            "id": t.id, "label": t.label, "communities": t.communities, "community_unit": t.community_unit,
            "mercury_reduction": t.mercury_reduction, "mercury_unit": t.mercury_unit, "years": t.years,
            "qualifier": t.qualifier, "source": _url(p, t.source),
            "source_id": t.source, "quote": t.quote, "note": t.note,
            "beneficiaries": t.beneficiaries, "mercury_free_percent": t.mercury_free_percent, "by_year": t.by_year,
        } for t in p.targets],
        "approach": p.approach,
        "strategies": [{"id": s.id, "title": s.title, "description": s.description} for s in p.strategies],
        "challenges": [{"id": c.id, "title": c.title, "description": c.description} for c in p.challenges],
        "sources": [{"number": n, "id": s.id, "title": s.title, "publisher": s.publisher, "url": s.url,
                     "published": s.published, "accessed": s.accessed} for n, s in enumerate(p.sources, 1)],
    }
