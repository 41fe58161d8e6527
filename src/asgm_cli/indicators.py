"""Shared indicators: comparable concepts that use one id, label and unit in every profile.

A profile's figure with one of these ids must use the indicator's unit, so that ``compare``
and ``rank`` put like beside like. A profile may add figures of its own under other ids.
"""

from __future__ import annotations

from typing import Any

from asgm_cli.errors import LookupFailed, shorten
from asgm_cli.frozen import frozen


@frozen
class Indicator:
    id: str
    label: str
    unit: str
    definition: str
    ascending: bool = False  # True when a smaller value ranks first (a world rank)


INDICATORS: dict[str, Indicator] = {i.id: i for i in (
    Indicator("asgm_miners", "ASGM miners", "people",
              "People the source calls artisanal and small-scale (gold) miners."),
    Indicator("asgm_employment", "People working in ASGM", "people",
              "People the source says are employed in, work directly in, or are directly involved in ASGM."),
    Indicator("livelihoods", "Livelihoods depending on ASGM", "people",
              "People whose livelihoods depend on or are supported by ASGM, miners included unless noted."),
    Indicator("asgm_women", "Women in ASGM", "people", "Women working in ASGM."),
    Indicator("asgm_women_share", "Women's share of the ASGM workforce", "%",
              "Percentage of the people working in ASGM who are women."),
    Indicator("asgm_gold_output", "Gold produced by ASGM", "t/yr",
              "Tonnes of gold produced by artisanal and small-scale mining in a year."),
    Indicator("asgm_mercury_emissions", "Mercury emitted by ASGM", "t/yr",
              "Tonnes of mercury emitted or released by ASGM in a year."),
    Indicator("asgm_mercury_use", "Mercury used in ASGM", "t/yr", "Tonnes of mercury used by ASGM in a year."),
    Indicator("asgm_share_of_national_gold", "ASGM share of national gold", "%",
              "Percentage of the country's gold that the source attributes to ASGM."),
    Indicator("national_gold_production", "National gold production", "t",
              "Gold produced in the country in a year, all scales unless its scope says otherwise."),
    Indicator("asgm_sites", "Sites with ASGM activity", "sites", "Mine sites where ASGM takes place."),
    Indicator("gef_grant_usd", "GEF grant to the planetGOLD project", "USD",
              "US dollars granted by the Global Environment Facility to the country's planetGOLD project."),
    Indicator("world_gold_rank", "World rank as a gold producer", "rank",
              "Position among the world's gold-producing countries (1 = largest).", ascending=True),
)}


def nearest(word: str, options: list[str], n: int = 3) -> list[str]:
    """The ids closest to ``word``: those whose id says it as a word, then whose label does, then
    whose definition does, then those spelled like it (``gold`` finds asgm_gold_output first)."""
    import difflib
    import re

    key = word.strip().casefold()
    if not key:
        return []
    pattern = re.compile(rf"(?<![a-z]){re.escape(key)}")

    def texts(iid: str) -> tuple[str, str, str]:
        known = INDICATORS.get(iid)
        return iid.replace("_", " "), known.label if known else "", known.definition if known else ""

    ordered = [i for i in INDICATORS if i in options] + [i for i in options if i not in INDICATORS]
    found = [i for part in range(3) for i in ordered if pattern.search(texts(i)[part].casefold())]
    found += difflib.get_close_matches(key, options, n=n, cutoff=0.5)
    return list(dict.fromkeys(found))[:n]


def unknown_id(what: str, word: str, options: list[str]) -> LookupFailed:
    """The error for an id that is not among ``options``: the nearest ids, and where all are listed."""
    close = nearest(word, options)
    names = [f"'{c}'" for c in close]
    hint = f"; did you mean {' or '.join(filter(None, [', '.join(names[:-1]), names[-1]]))}?" if close else ""
    return LookupFailed(f"{what} '{shorten(word)}'{hint}", hint="asgm indicators lists every indicator")


#: the fields of ``asgm indicators --json``, in order
INDICATOR_FIELDS = ("id", "label", "unit", "definition", "shared", "statistics", "countries", "country_ids", "years")


def indicator_records(profiles: list[Any], word: str | None = None) -> list[dict[str, Any]]:
    """Every indicator: the shared ones first, then the figures profiles add of their own; each with
    the statistics derived from it, and how many countries have it for which years.

    ``word`` keeps those whose id, label or definition contains it (any case).
    """
    from asgm_cli.stats import derive

    used_by: dict[str, list[str]] = {}
    for p in profiles:
        for s in derive(p, gold_price=1.0):  # any price: it only decides which statistics exist
            for i in s.inputs:
                used_by.setdefault(i.id, [])
                if s.id not in used_by[i.id]:
                    used_by[i.id].append(s.id)
    ids = list(INDICATORS) + sorted({f.id for p in profiles for f in p.figures} - set(INDICATORS))
    records = []
    for iid in ids:
        having = [p for p in profiles if p.figure(iid) is not None]
        first = having[0].figure(iid) if having else None
        known = INDICATORS.get(iid)
        label = known.label if known else first.label if first else iid
        units = list(dict.fromkeys(f.unit for p in having for f in p.observations(iid)))
        records.append({
            "id": iid, "label": label, "unit": known.unit if known else ", ".join(units),
            "definition": known.definition if known else None, "shared": known is not None,
            "statistics": used_by.get(iid, []), "countries": len(having), "country_ids": [p.id for p in having],
            "years": sorted({f.year for p in having for f in p.observations(iid) if f.year is not None}),
        })
    if word is None or not word.strip():
        return records
    key = word.strip().casefold()
    return [r for r in records if any(key in (r[k] or "").casefold() for k in ("id", "label", "definition"))]


def indicator_table(records: list[dict[str, Any]], marks: Any) -> list[Any]:
    """The records as tables for people: the shared indicators (what each counts, its statistics),
    then the figures profiles add of their own; each with its countries and years."""
    from asgm_cli.blocks import Column, Table, keep

    def span(years: list[int]) -> str:
        if not years:
            return marks.unknown
        return str(years[0]) if len(years) == 1 else keep(f"{years[0]}{marks.range}{years[-1]}")

    shared, own = [], []
    for r in records:
        cells = [r["id"], r["unit"] or marks.unknown, str(r["countries"]), span(r["years"])]
        if r["shared"]:
            text = f"{r['label']}. {r['definition']}"
            if r["statistics"]:
                text += f" Statistics: {', '.join(r['statistics'])}."
            shared.append(cells + [text])
        else:
            own.append(cells + [r["label"]])
    head = [Column("Id"), Column("Unit"), Column("Countries", right=True), Column("Years")]
    said = "Countries: how many profiles have it; years: the first and last on file in any of them."
    tables = []
    if shared:
        # Stacked at every width: a definition in a column beside the numbers reads badly.
        tables.append(Table("Shared indicators", head + [Column("What it counts", wrap=True)], shared, [said],
                            stack_below=10_000))
    if own:
        tables.append(Table("Figures of a profile's own (get, series and show --chart take them too)",
                            head + [Column("Label", wrap=True)], own, [] if shared else [said]))
    return tables
