"""planetGOLD itself (``asgm programme``): its phases, their countries, grants and targets, and
ASGM gold and mercury added up over the countries that have a profile.

The programme file (``data/programme/planetgold.yaml``) is read as strictly as a profile: the same
YAML rules, and its observations follow the profile schema's figure rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asgm_cli.errors import DataError
from asgm_cli.model import Figure, Source, _build
from asgm_cli.schema import FIGURE, ID_RE, SOURCE, Field, Obj, Problem

PHASE = Obj("phase", (
    Field("id", "id", pattern=ID_RE),
    Field("name", "str"),
    Field("countries", "names", doc="country names, as the source lists them"),
    Field("source", "id", pattern=ID_RE, doc="id of the source that lists the countries"),
    Field("quote", "str", doc="the source's words that list them"),
    Field("note", "text", required=False, nullable=True),
    Field("figures", "list", items=FIGURE),
), "A phase of the programme.")

PROGRAMME = Obj("programme", (
    Field("id", "id", pattern=ID_RE),
    Field("name", "str"),
    Field("summary", "text"),
    Field("phases", "list", items=PHASE),
    Field("figures", "list", items=FIGURE),
    Field("sources", "list", items=SOURCE),
), "The planetGOLD programme.")

#: the figures added up over countries: (id, label), gold and mercury in tonnes
TOTALS = (("asgm_gold_output", "ASGM gold output"), ("asgm_mercury_emissions", "Mercury emitted by ASGM"),
          ("asgm_mercury_use", "Mercury used in ASGM"))


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    countries: tuple[str, ...]
    source: str
    quote: str
    figures: tuple[Figure, ...]
    note: str | None = None


@dataclass(frozen=True)
class Programme:
    id: str
    name: str
    summary: str
    phases: tuple[Phase, ...]
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]


def programme_file() -> Path:
    from asgm_cli.catalog import bundled_dir

    return bundled_dir() / "programme" / "planetgold.yaml"


def _problems(data: Any) -> list[Problem]:
    """Everything wrong with the programme file's data, with field paths."""
    from asgm_cli import schema

    out: list[Problem] = []
    schema._check_obj(PROGRAMME, data, (), out)
    if not isinstance(data, dict):
        return out
    known = {s.get("id") for s in data.get("sources") or () if isinstance(s, dict)}
    for k, phase in enumerate(data.get("phases") or ()):
        if not isinstance(phase, dict):
            continue
        found: list[Problem] = []
        schema._check_figures({"figures": phase.get("figures")}, found)
        out += [Problem(("phases", k) + p.path, p.message, p.on_key) for p in found]
        refs: list[tuple[tuple[Any, ...], Any]] = [(("phases", k, "source"), phase.get("source"))]
        refs += [(("phases", k, "figures", i, "source"), f.get("source"))
                 for i, f in enumerate(phase.get("figures") or ()) if isinstance(f, dict)]
        out += [Problem(at, f"no source has the id '{ref}'") for at, ref in refs if isinstance(ref, str)
                and ref not in known]
    schema._check_figures(data, out)
    out += [Problem(("figures", i, "source"), f"no source has the id '{f.get('source')}'")
            for i, f in enumerate(data.get("figures") or ()) if isinstance(f, dict) and f.get("source") not in known]
    return out


def _figures(items: Any) -> tuple[Figure, ...]:
    return tuple(_build(Figure, x) for x in items or ())


def load_programme(path: Path | None = None) -> Programme:
    """Read and check the programme file; the first problem raises ``DataError``."""
    from asgm_cli import yamlsafe

    file = str(path or programme_file())
    doc = yamlsafe.load(file)
    problems = _problems(doc.data)
    if problems:
        p = problems[0]
        line, col = doc.where(p.path, key=p.on_key)
        raise DataError(file, line, col, yamlsafe.format_path(p.path), p.message)
    d = doc.data
    phases = tuple(Phase(x["id"], x["name"], tuple(x["countries"]), x["source"], x["quote"],
                         _figures(x.get("figures")), x.get("note")) for x in d["phases"])
    return Programme(d["id"], d["name"], d["summary"], phases, _figures(d.get("figures")),
                     tuple(_build(Source, x) for x in d["sources"]))


def _figure_record(prog: Programme, f: Figure) -> dict[str, Any]:
    src = next((s for s in prog.sources if s.id == f.source), None)
    return {"id": f.id, "label": f.label, "value": f.value, "low": f.low, "high": f.high, "unit": f.unit,
            "qualifier": f.qualifier, "year": f.year, "stated": src.published_year if src else None,
            "source": src.url if src else None, "quote": f.quote,
            "note": f.note}


def programme_document(prog: Programme, profiles: list[Any]) -> dict[str, Any]:
    """The programme as one JSON document: phases, countries (with their profile ids), figures and
    the totals of ASGM gold and mercury over the countries with a profile."""
    from asgm_cli.catalog import fold

    by_name = {fold(p.name): p for p in profiles}
    countries: list[dict[str, Any]] = []
    for phase in prog.phases:
        for name in phase.countries:
            p = by_name.get(fold(name))
            countries.append({"name": name, "phase": phase.id, "profile": p.id if p else None})
    in_programme = [by_name[fold(c["name"])] for c in countries if c["profile"]]
    everyone = len({fold(c["name"]) for c in countries})
    return {
        "programme": {"id": prog.id, "name": prog.name, "summary": prog.summary},
        "phases": [{
            "id": ph.id, "name": ph.name, "countries": list(ph.countries), "note": ph.note,
            "source": next((s.url for s in prog.sources if s.id == ph.source), None), "quote": ph.quote,
            "figures": [_figure_record(prog, f) for f in ph.figures],
        } for ph in prog.phases],
        "countries": countries,
        "figures": [_figure_record(prog, f) for f in prog.figures],
        "totals": [total(list(dict.fromkeys(in_programme)), fid, label, everyone) for fid, label in TOTALS],
        "sources": [{"number": n, "id": s.id, "title": s.title, "publisher": s.publisher, "url": s.url,
                     "published": s.published, "accessed": s.accessed} for n, s in enumerate(prog.sources, 1)],
    }


def total(profiles: list[Any], fid: str, label: str, everyone: int) -> dict[str, Any]:
    """One figure added up over countries: each country's headline, in tonnes.

    A range stays a range (lows and highs added apart); the qualifiers combine as for any sum (every
    term grows the total); coverage says how many of the ``everyone`` programme countries have a
    value, and the years the values span (undated ones counted apart).
    """
    from asgm_cli.stats import combine, round_sig
    from asgm_cli.vocab import TONNES_PER

    heads = [(p, p.figure(fid)) for p in profiles]
    known = [(p, f) for p, f in heads if f is not None]
    low = high = 0.0
    for _, f in known:
        per = TONNES_PER.get(f.unit, 1.0)
        low += (f.value if f.value is not None else f.low) * per
        high += (f.value if f.value is not None else f.high) * per
    years = sorted({f.year for _, f in known if f.year is not None})
    is_range = low != high
    return {
        "id": fid, "label": label, "unit": "t/yr",
        "value": None if is_range or not known else round_sig(low),
        "low": round_sig(low) if is_range else None, "high": round_sig(high) if is_range else None,
        "qualifier": combine(*((f.qualifier, 1) for _, f in known)) if known else None,
        "countries": [p.id for p, _ in known], "missing": [p.id for p, f in heads if f is None],
        "coverage": f"{len(known)} of {everyone}",
        "years": [years[0], years[-1]] if years else [],
        "undated": sum(f.year is None for _, f in known),
    }


def programme_blocks(doc: dict[str, Any], marks: Any) -> list[Any]:
    """``asgm programme`` on a terminal or as text: the same document, as headings and tables."""
    from asgm_cli.blocks import Column, Heading, Paragraph, Table, fmt_value

    numbers = {s["url"]: s["number"] for s in doc["sources"]}

    def cite(url: str | None) -> str:
        return f"[{numbers[url]}]" if url in numbers else ""

    def value(f: dict[str, Any]) -> str:
        return f"{fmt_value(f['value'], f['qualifier'], marks, f['low'], f['high'])} {f['unit']}"

    prog = doc["programme"]
    with_profile = [c for c in doc["countries"] if c["profile"]]
    # the subtitle says what the document covers, as a country sheet's says its codes and region
    subtitle = f"{len(doc['countries'])} country listings, {len(with_profile)} with a profile"
    blocks: list[Any] = [Heading(prog["name"], subtitle), Paragraph("", prog["summary"])]
    for ph in doc["phases"]:
        text = f"{', '.join(ph['countries'])} {cite(ph['source'])}"
        figures = [f"{f['label']}: {value(f)} {cite(f['source'])}" for f in ph["figures"]]
        if figures:
            text += "\n" + "\n".join(figures)
        if ph["note"]:
            text += f"\nNote: {ph['note']}"
        blocks.append(Paragraph(f"{ph['name']}: {len(ph['countries'])} countries", text))
    phase_names = {ph["id"]: ph["name"] for ph in doc["phases"]}  # people read the phase's name, not its id
    blocks.append(Table("Programme countries", [Column("Country", wrap=True), Column("Phase", wrap=True),
                                                Column("Profile")],
                        [[c["name"], phase_names.get(c["phase"], c["phase"]), c["profile"] or marks.unknown]
                         for c in doc["countries"]],
                        [f"{len(with_profile)} of {len(doc['countries'])} listings have a profile: "
                         "asgm show ID."]))
    blocks.append(Table("Across the countries with a profile", [
        Column("Figure", wrap=True), Column("Total", right=True), Column("Unit"), Column("Coverage"),
        Column("Years")], [[
            t["label"], fmt_value(t["value"], t["qualifier"], marks, t["low"], t["high"]), t["unit"],
            t["coverage"], (f"{t['years'][0]}{marks.range}{t['years'][1]}" if t["years"] else marks.unknown)
            + (f", {t['undated']} undated" if t["undated"] else "")] for t in doc["totals"]],
        ["Each country's headline, gold in tonnes; the values are of different years and from different "
         "sources, so a total is a rough order of magnitude, not a measurement. Ranges stay ranges."]))
    blocks.append(Table("Worldwide", [Column("Figure", wrap=True), Column("Value", right=True), Column("Src")],
                        [[f["label"], value(f), cite(f["source"])] for f in doc["figures"]]))
    blocks.append(Table("Sources", [Column("#", right=True), Column("Source", wrap=True)],
                        [[f"[{s['number']}]", f"{s['title']}. {s['publisher']}. {s['url']} (accessed {s['accessed']})"]
                         for s in doc["sources"]]))
    return blocks
