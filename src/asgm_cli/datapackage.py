"""``asgm datapackage DIR``: every profile as a Frictionless Tabular Data Package.

CSV files and a ``datapackage.json`` descriptor with a Table Schema per resource, written with
the standard library. The output is a function of the profiles alone (no timestamps, no paths,
a fixed row and key order), so the same data gives byte-identical files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Sequence

from asgm_cli import __version__
from asgm_cli.errors import TEMPORARY, AsgmError, discard_temporary, shorten_path, signals_held

LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0 International"}
BOOL = {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]}


def _f(name: str, kind: str, description: str, required: bool = False, **extra: Any) -> dict[str, Any]:
    """A Table Schema field."""
    field: dict[str, Any] = {"name": name, **(BOOL if kind == "boolean" else {"type": kind}),
                             "description": description, **extra}
    if required:
        field.setdefault("constraints", {})["required"] = True
    return field


def _enum(values: Sequence[str], required: bool = False) -> dict[str, Any]:
    return {"constraints": {"enum": list(values), **({"required": True} if required else {})}}


def _schemas() -> dict[str, dict[str, Any]]:
    """The Table Schema of each resource, by resource name."""
    from asgm_cli.schema import PUBLISHED_RE
    from asgm_cli.vocab import BASES, COMMUNITY_UNITS, QUALIFIERS, SCOPES, UNITS

    units = "; ".join(f"{u}: {meaning}" for u, meaning in UNITS.items())
    qualifiers = ("empty when the source states the number plainly; approximately (~), at_most (≤), at_least (≥), "
                  "approximately_at_most (≲), approximately_at_least (≳)")
    bases = "; ".join(f"{b}: {meaning}" for b, meaning in BASES.items())
    scopes = "; ".join(f"{sc}: {meaning}" for sc, meaning in SCOPES.items())
    country = _f("country", "string", "profile id (countries.id)", True)
    source_fk = {"fields": ["country", "source_id"], "reference": {"resource": "sources", "fields": ["country", "id"]}}
    country_fk = {"fields": ["country"], "reference": {"resource": "countries", "fields": ["id"]}}
    figures = [
        country,
        _f("kind", "string", "production for national gold production, else figure", **_enum(["figure", "production"], True)),
        _f("id", "string", "figure id (asgm_gold_output, national_gold_production, ...)", True),
        _f("label", "string", "what the number counts", True),
        _f("value", "number", "the number as the source states it; empty for a range", False),
        _f("low", "number", "lower end of a range, else empty"),
        _f("high", "number", "upper end of a range, else empty"),
        _f("unit", "string", f"unit of value, low and high ({units})", **_enum(list(UNITS), True)),
        _f("qualifier", "string", qualifiers, **_enum(list(QUALIFIERS))),
        _f("year", "integer", "the year the number is for; empty when the source gives none"),
        _f("scope", "string", f"which mining it covers ({scopes}); empty when not stated", **_enum(list(SCOPES))),
        _f("source", "string", "the source's URL", True, format="uri"),
        _f("source_id", "string", "the source's id in the profile (sources.id)", True),
        _f("quote", "string", "the source's words the number was taken from", True),
        _f("note", "string", "caveats"),
        _f("basis", "string", f"what kind of number it is ({bases}); empty when not stated", **_enum(list(BASES))),
        _f("preferred", "boolean", "true when the profile marks this observation as the one to lead with", True),
        _f("headline", "boolean", "true for the observation the fact sheet leads with (one per country and id)", True),
        _f("basis_note", "string", "what the number counts, in words, for people"),
        _f("area", "string", "the part of the country or of the sites a partial scope covers"),
        _f("period", "string", "YYYY-MM/YYYY-MM inside year, for an observation of part of the year"),
        _f("unusable", "string", "why the number is used in no arithmetic (derived statistics, ranks, totals)"),
        _f("stated", "integer", "the year its source was published (when it was said); empty when unknown"),
        _f("entry", "integer", "position in the profile's figures list, from 0 (figures[N] in asgm validate's "
                               "messages)", True),
    ]
    statistics = [
        country,
        _f("id", "string", "statistic id (asgm's docs/statistics.md, Derived statistics)", True),
        _f("label", "string", "what the statistic is", True),
        _f("value", "number", "the result, rounded to 4 significant figures; empty for a range"),
        _f("low", "number", "lower end of a range result, else empty"),
        _f("high", "number", "upper end of a range result, else empty"),
        _f("unit", "string", "unit of the result (%, t/t, g/miner/yr, g/person/yr, people/miner, t/yr, t)", True),
        _f("qualifier", "string", qualifiers, **_enum(list(QUALIFIERS))),
        _f("year", "integer", "the year of the result, when its dated inputs share one"),
        _f("formula", "string", "how the result is computed", True),
        _f("inputs", "string", "the inputs, as in asgm stats --csv: id=value unit (year); ... (a range as low-high)",
           True),
        _f("note", "string", "what the inputs pair, in words: a fallback's years, inputs that count different things"),
        _f("caveats", "string", "caveat codes separated by '; ' (years_differ, undated_input, outside_domain, ...: "
                                "asgm's docs/statistics.md, Caveats)"),
        _f("period", "string", "which observations the inputs are: 'headline' (the latest same-year pair, else "
                               "the undated one, else a marked fallback, as asgm stats prints) or a year (that "
                               "year's observations only, as asgm stats --all-years prints)", True,
           constraints={"pattern": "headline|[0-9]{4}"}),
    ]
    sources = [
        country,
        _f("number", "integer", "the source's number in the fact sheet ([1], [2], ...)", True),
        _f("id", "string", "the source's id in the profile", True),
        _f("title", "string", "title", True),
        _f("publisher", "string", "publisher", True),
        _f("url", "string", "URL", True, format="uri"),
        _f("published", "string", "when it was published: YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source "
                                  "says; empty when it does not say",
           constraints={"pattern": PUBLISHED_RE}),
        _f("accessed", "date", "when it was read", True),
        _f("supports", "string", "ids of what it supports, separated by '; ' (id[year] where an id has several "
                                 "observations)"),
    ]
    strategies = [
        country,
        _f("id", "string", "strategy id", True),
        _f("title", "string", "title", True),
        _f("description", "string", "in the profile's own words", True),
    ]
    targets = [
        country,
        _f("id", "string", "target id", True),
        _f("label", "string", "what the target is", True),
        _f("communities", "integer", "communities, municipalities or sites to be reached", constraints={"minimum": 1}),
        _f("community_unit", "string", "unit of communities", **_enum(list(COMMUNITY_UNITS))),
        _f("mercury_reduction", "number", "mercury use (or release) to be cut over the project",
           constraints={"minimum": 0}),
        _f("mercury_unit", "string", "unit of mercury_reduction (t: tonnes)", **_enum(["t"])),
        _f("years", "integer", "the project's length in years", constraints={"minimum": 1}),
        _f("qualifier", "string", qualifiers, **_enum(list(QUALIFIERS))),
        _f("source", "string", "the source's URL", True, format="uri"),
        _f("source_id", "string", "the source's id in the profile (sources.id)", True),
        _f("quote", "string", "the source's words", True),
        _f("note", "string", "caveats"),
        _f("beneficiaries", "integer", "people the project aims to reach", constraints={"minimum": 1}),
        _f("mercury_free_percent", "number", "share of mining to be mercury-free, in %",
           constraints={"minimum": 0, "maximum": 100}),
        _f("by_year", "integer", "the year the target is set for"),
    ]
    countries = [
        _f("id", "string", "profile id", True),
        _f("name", "string", "English name", True),
        _f("native_name", "string", "name in the country's language, when it differs"),
        _f("iso2", "string", "ISO 3166-1 alpha-2", True, constraints={"pattern": "[A-Z]{2}"}),
        _f("iso3", "string", "ISO 3166-1 alpha-3", True, constraints={"pattern": "[A-Z]{3}"}),
        _f("region", "string", "region", True),
        _f("summary", "string", "a short summary", True),
    ]
    return {
        "countries": {"fields": countries, "primaryKey": ["id"]},
        "figures": {"fields": figures, "primaryKey": ["country", "entry"], "foreignKeys": [country_fk, source_fk]},
        "statistics": {"fields": statistics, "primaryKey": ["country", "id", "period"], "foreignKeys": [country_fk]},
        "sources": {"fields": sources, "primaryKey": ["country", "id"], "foreignKeys": [country_fk]},
        "strategies": {"fields": strategies, "primaryKey": ["country", "id"], "foreignKeys": [country_fk]},
        "targets": {"fields": targets, "primaryKey": ["country", "id"], "foreignKeys": [country_fk, source_fk]},
    }


DESCRIPTIONS = {
    "countries": "One row per profile.",
    "figures": "Every observation of every figure (national gold production included), as asgm figures --csv "
               "prints them, and the observation's position in its profile.",
    "statistics": "Derived statistics: each country's headline statistics (period 'headline', as asgm stats prints "
                  "them) and every statistic for every year the data allow (period YYYY, as asgm stats --all-years "
                  "prints them). No gold price is given, so the USD statistics are not included.",
    "sources": "Every source of every profile, numbered as in the fact sheet.",
    "strategies": "The key strategies of each country's planetGOLD project.",
    "targets": "Project targets.",
}


def _rows(profiles: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """The records of each resource, in a fixed order: profiles by id, then as the commands list them."""
    from asgm_cli.compare import source_records
    from asgm_cli.records import figure_records, stat_records, strategy_records
    from asgm_cli.stats import derive, derive_all_years

    out: dict[str, list[dict[str, Any]]] = {name: [] for name in DESCRIPTIONS}
    for p in profiles:
        out["countries"].append({"id": p.id, "name": p.name, "native_name": p.native_name, "iso2": p.iso2,
                                 "iso3": p.iso3, "region": p.region, "summary": p.summary})
        observations = [f for fid in p.ids() for f in p.observations(fid)]  # figure_records' order
        for record, f in zip(figure_records(p), observations):
            entry = next(i for i, g in enumerate(p.figures) if g is f)
            out["figures"].append({**record, "entry": entry})
        out["statistics"] += [{**r, "period": "headline"} for r in stat_records(p, derive(p))]
        out["statistics"] += [{**r, "period": str(r["year"])} for r in stat_records(p, derive_all_years(p))]
        out["sources"] += source_records(p)
        out["strategies"] += strategy_records(p)
        out["targets"] += [{
            "country": p.id, "id": t.id, "label": t.label, "communities": t.communities,
            "community_unit": t.community_unit, "mercury_reduction": t.mercury_reduction,
            "mercury_unit": t.mercury_unit, "years": t.years, "qualifier": t.qualifier,
            "source": _url(p, t.source),
            "source_id": t.source, "quote": t.quote, "note": t.note, "beneficiaries": t.beneficiaries,
            "mercury_free_percent": t.mercury_free_percent, "by_year": t.by_year,
        } for t in p.targets]
    return out


def _url(p: Any, sid: str) -> str | None:
    src = p.source(sid)
    return src.url if src else None


def _cell(value: Any, kind: str) -> str:
    """A CSV cell: empty for null, integers without '.0', lists joined as the commands' CSV joins them."""
    from asgm_cli.output import _cell as command_cell

    if value is None:
        return ""
    if kind == "integer" and isinstance(value, float):
        return str(int(value))  # a year or count written 2020.0 in YAML is still a whole number
    return command_cell(value)


def _csv(fields: list[dict[str, Any]], rows: list[dict[str, Any]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180, as asgm's --csv
    writer.writerow([f["name"] for f in fields])
    writer.writerows([_cell(r.get(f["name"]), f["type"]) for f in fields] for r in rows)
    return buf.getvalue()


def build(data_dirs: list[str] | None = None) -> tuple[dict[str, str], dict[str, int]]:
    """The package's files (name -> text) and the number of rows of each resource.

    Every profile on the data path is loaded first: a bad one raises before anything is written.
    """
    from asgm_cli.catalog import Catalog
    from asgm_cli.output import dumps_json

    cat = Catalog(data_dirs)
    profiles = [cat.load(e) for e in cat.entries()]
    rows = _rows(profiles)
    schemas = _schemas()
    files: dict[str, str] = {}
    resources = []
    for name, schema in schemas.items():
        files[f"{name}.csv"] = _csv(schema["fields"], rows[name])
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "description": DESCRIPTIONS[name],
            "schema": {"fields": schema["fields"], "missingValues": [""], "primaryKey": schema["primaryKey"],
                       **({"foreignKeys": schema["foreignKeys"]} if "foreignKeys" in schema else {})},
        })
    urls = sorted({s.url: s.title for p in profiles for s in p.sources}.items())
    descriptor = {
        "profile": "tabular-data-package",
        "name": "asgm-profiles",
        "title": "ASGM country profiles",
        "description": ("Artisanal and small-scale gold mining (ASGM) country profiles: every sourced figure with its "
                        "unit, year, qualifier, source and quote, derived statistics with formula and inputs, "
                        "project targets and strategies. Written by asgm datapackage."),
        "version": __version__,
        "keywords": ["ASGM", "artisanal and small-scale gold mining", "gold", "mercury"],
        "licenses": [LICENSE],
        "sources": [{"title": title, "path": url} for url, title in urls],
        "asgm": {"version": __version__, "profiles": len(profiles)},
        "resources": resources,
    }
    files["datapackage.json"] = dumps_json(descriptor)
    return files, {name: len(r) for name, r in rows.items()}


def _is_empty(directory: str) -> bool:
    with os.scandir(directory) as it:
        return next(it, None) is None


def write(directory: str, files: dict[str, str], force: bool = False) -> None:
    """Write ``files`` into ``directory`` (created if missing), each atomically, datapackage.json last.

    The files are written into a temporary directory inside ``directory`` and renamed into place,
    so nothing is ever written outside it, and an interrupted run leaves each file old or new,
    never partial. A directory that holds anything is refused unless ``force``; then only the
    package's own files are replaced. Runs into one DIR take turns (a lock on DIR), so two of them
    never leave a descriptor of one beside the CSV files of the other.
    """
    shown = shorten_path(directory)
    try:
        if os.path.lexists(directory) and not os.path.isdir(directory):
            raise AsgmError(f"cannot write {shown}: not a directory")
        if os.path.isdir(directory) and not force and not _is_empty(directory):
            raise AsgmError(f"{shown} is not empty; use --force to replace the package's files in it")
        os.makedirs(directory, exist_ok=True)
    except OSError as e:
        raise AsgmError(f"cannot write {shown}: {e.strerror or e}") from None
    except ValueError:
        raise AsgmError(f"cannot write {shown}: invalid file name") from None
    tmp = None
    lock = _lock(directory)  # a second run into DIR waits: the files it sees are all of one run
    try:
        with signals_held():  # the temporary directory's name must be known to the finally below
            tmp = tempfile.mkdtemp(prefix=".asgm-", dir=directory)
            TEMPORARY.add(tmp)
        for name, text in files.items():
            with open(os.path.join(tmp, name), "wb") as fh:
                fh.write(text.encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
        names = sorted(files, key=lambda n: (n == "datapackage.json", n))  # the descriptor names the others: last
        for name in names:
            os.replace(os.path.join(tmp, name), os.path.join(directory, name))
    except OSError as e:
        raise AsgmError(f"cannot write {shown}: {e.strerror or e}") from None
    finally:
        if tmp is not None:
            discard_temporary(tmp)  # it holds only the package's own files
        if lock is not None:
            os.close(lock)  # closing releases the lock


def _lock(directory: str) -> int | None:
    """An exclusive lock on DIR itself (no lock file is left in it), held until the descriptor is
    closed; None where the system has no flock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        os.close(fd)
        return None
    return fd


def datapackage(directory: str, data_dirs: list[str] | None = None, force: bool = False) -> dict[str, int]:
    """Build the package from every profile on the data path and write it; the rows per resource."""
    files, counts = build(data_dirs)
    write(str(Path(directory)), files, force)
    return counts
