"""Flat records: the one shape that every output format renders (the scripting contract).

Field lists are the public contract: keys appear in this order in JSON, JSONL, CSV and TSV.
"""

from __future__ import annotations

from typing import Any

from asgm_cli.catalog import Entry
from asgm_cli.model import Profile
from asgm_cli.stats import Stat

FIGURE_FIELDS = ("country", "kind", "id", "label", "value", "low", "high", "unit", "qualifier", "year", "scope",
                 "source", "source_id", "quote", "note")
STAT_FIELDS = ("country", "id", "label", "value", "low", "high", "unit", "qualifier", "year", "formula", "inputs", "note")
STRATEGY_FIELDS = ("country", "id", "title", "description")
COUNTRY_FIELDS = ("id", "name", "iso2", "iso3", "region", "origin", "path")

Record = dict[str, Any]


def _url(p: Profile, sid: str) -> str | None:
    src = p.source(sid)
    return src.url if src else None


def figure_records(p: Profile) -> list[Record]:
    """Key figures, then national production (id ``national_gold_production``, one per year)."""
    out: list[Record] = []
    for f in p.figures:
        out.append({
            "country": p.id, "kind": "figure", "id": f.id, "label": f.label, "value": f.value,
            "low": f.low, "high": f.high, "unit": f.unit, "qualifier": f.qualifier, "year": f.year, "scope": f.scope,
            "source": _url(p, f.source), "source_id": f.source, "quote": f.quote, "note": f.note,
        })
    for pr in p.production:
        out.append({
            "country": p.id, "kind": "production", "id": "national_gold_production",
            "label": "National gold production", "value": pr.value, "low": None, "high": None, "unit": pr.unit,
            "qualifier": pr.qualifier, "year": pr.year, "scope": None,
            "source": _url(p, pr.source), "source_id": pr.source, "quote": pr.quote, "note": pr.note,
        })
    return out


def stat_records(p: Profile, stats: list[Stat]) -> list[Record]:
    """Derived statistics; ``inputs`` is a list of {id, value, low, high, unit, year, qualifier}."""
    return [{
        "country": p.id, "id": s.id, "label": s.label, "value": s.value, "low": s.low, "high": s.high,
        "unit": s.unit, "qualifier": s.qualifier, "year": s.year, "formula": s.formula,
        "inputs": [{"id": i.id, "value": i.value, "low": i.low, "high": i.high, "unit": i.unit, "year": i.year,
                    "qualifier": i.qualifier} for i in s.inputs],
        "note": s.note,
    } for s in stats]


def strategy_records(p: Profile) -> list[Record]:
    return [{"country": p.id, "id": s.id, "title": s.title, "description": s.description} for s in p.strategies]


def country_record(p: Profile, entry: Entry) -> Record:
    return {"id": p.id, "name": p.name, "iso2": p.iso2, "iso3": p.iso3, "region": p.region,
            "origin": entry.origin, "path": str(entry.path)}


def profile_document(p: Profile, stats: list[Stat]) -> dict[str, Any]:
    """The whole profile and its statistics as one JSON document (``asgm show --json``)."""
    return {
        "country": {"id": p.id, "name": p.name, "native_name": p.native_name, "iso2": p.iso2,
                    "iso3": p.iso3, "region": p.region, "summary": p.summary},
        "figures": figure_records(p),
        "statistics": stat_records(p, stats),
        "targets": [{
            "id": t.id, "label": t.label, "communities": t.communities, "community_unit": t.community_unit,
            "mercury_reduction": t.mercury_reduction, "mercury_unit": t.mercury_unit, "years": t.years,
            "qualifier": t.qualifier, "source": _url(p, t.source),
            "source_id": t.source, "quote": t.quote, "note": t.note,
        } for t in p.targets],
        "approach": p.approach,
        "strategies": [{"id": s.id, "title": s.title, "description": s.description} for s in p.strategies],
        "challenges": [{"id": c.id, "title": c.title, "description": c.description} for c in p.challenges],
        "sources": [{"number": n, "id": s.id, "title": s.title, "publisher": s.publisher, "url": s.url,
                     "accessed": s.accessed} for n, s in enumerate(p.sources, 1)],
    }
