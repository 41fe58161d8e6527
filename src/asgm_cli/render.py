"""Presentation: the fact sheet and record tables, for a terminal (Rich) or as plain text.

Everything is first gathered into blocks (headings, paragraphs, tables); one renderer draws
them with Rich on a terminal, the other as plain aligned text for pipes and files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from asgm_cli.model import Figure, Profile
from asgm_cli.records import Record
from asgm_cli.stats import Stat
from asgm_cli.term import Env
from asgm_cli.vocab import QUALIFIERS, TONNES_PER

PRODUCTION_ID = "national_gold_production"


@dataclass
class Column:
    header: str
    right: bool = False
    wrap: bool = False
    joins: bool = False  # in the stacked layout, this cell follows the one before it (a unit after its value)


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)
    #: the stacked layout of each row, (headline, body), where the generic one reads worse
    stack: list[tuple[str, str]] | None = None
    stack_below: int = 0  # columns: narrower than this, stack even when the grid would fit
    stack_run_in: bool = False  # stacked: the body follows the headline on its line ('Title · id: text')


@dataclass
class Heading:
    title: str
    subtitle: str = ""


@dataclass
class Paragraph:
    title: str
    text: str


@dataclass
class Bar:
    """One bar: solid up to ``low``, lighter from ``low`` to ``high`` (fractions of the full width)."""

    label: str
    low: float
    high: float
    text: str


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    notes: list[str] = field(default_factory=list)


Block = Heading | Paragraph | Table | Chart


class Marks:
    """Typographic marks, with ASCII fallbacks."""

    def __init__(self, unicode: bool) -> None:
        self.unicode = unicode
        self.unknown = "—" if unicode else "-"
        self.dot = "·" if unicode else "|"
        self.range = "–" if unicode else "-"
        self.cut = "↩" if unicode else "\\"  # ends a piece of a word folded across lines

    def qualifier(self, q: str | None) -> str:
        if q is None:
            return ""
        mark, ascii_mark = QUALIFIERS[q]
        return mark if self.unicode else ascii_mark

    def text(self, s: str) -> str:
        if self.unicode:
            return s
        table = {"÷": "/", "×": "*", "−": "-", "—": "-", "–": "-", "’": "'", "‘": "'", "“": '"', "”": '"',
                 "…": "...", "↩": "\\", "≤": "<=", "≥": ">=", "·": "|", "≲": "<~", "≳": ">~"}
        out = "".join(table.get(c, c) for c in s)
        return out.encode("ascii", "replace").decode("ascii")


def fmt_number(v: Any) -> str:
    """1000000 -> '1,000,000'; 38.7 -> '38.7'."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        v = int(v)
    return format(v, ",")


def fmt_value(v: Any, qualifier: str | None, marks: Marks, low: Any = None, high: Any = None) -> str:
    """'≥ 430,000', '40,000–60,000', or the unknown mark; the mark and the number never part."""
    if v is None and low is not None and high is not None:
        shown = f"{fmt_number(low)}{marks.range}{fmt_number(high)}"
    elif v is None:
        return marks.unknown
    else:
        shown = fmt_number(v)
    mark = marks.qualifier(qualifier)
    return f"{mark}{GLUE}{shown}" if mark else shown


def is_gold(fid: str, unit: str) -> bool:
    """Whether an observation is a quantity of gold (shown in tonnes): a mass that is not mercury."""
    return unit in TONNES_PER and "mercury" not in fid


def _year(y: int | None, marks: Marks) -> str:
    return marks.unknown if y is None else str(y)


def _more(p: Profile, shown: Figure) -> str:
    """'+11 years', '2 sources' or both: what the series view holds beyond the headline."""
    found = p.observations(shown.id)
    years = {f.year for f in found if f.year is not None} - {shown.year}
    sources = {f.source for f in found}
    words = [f"+{len(years)} year{'s' * (len(years) != 1)}"] if years else []
    if len(sources) > 1:
        words.append(f"{len(sources)} sources")
    return ", ".join(words)


def gold_cell(f: Any, marks: Marks) -> str:
    """A gold mass in tonnes, without its unit ('~ 150', '59.1'); '' for other units."""
    shown = [fmt_number(round(v, 3 if v < 10 else 1)) for v in f.tonnes]
    mark = marks.qualifier(f.qualifier)
    return f"{mark}{GLUE}{marks.range.join(shown)}" if mark else marks.range.join(shown)


PRODUCTION_YEARS = 3  # the latest years on the sheet (so that it fits a screen); `asgm series ID production` has all


def fact_sheet(p: Profile, stats: list[Stat], marks: Marks, year: int | None = None,
               checks: str = "") -> list[Block]:
    """Every block of ``asgm show``: headlines, or ``year``'s observations (else undated ones).

    What the sheet leaves out, a command shows, and the sheet names it: the earlier years of
    production (``series``), the symbolic formulas (``stats``), the sources cited only by those
    earlier years and every source's date of access (``sources``).
    """
    src = p.source_number
    cited: set[str] = set()
    name = p.name + (f" ({p.native_name})" if p.native_name and p.native_name != p.name else "")
    blocks: list[Block] = [
        Heading(name, f" {marks.dot} ".join([p.iso2, p.iso3, p.region])),
        Paragraph("", p.summary),
    ]
    notes: dict[str, list[str]] = {}  # note -> ids, so that one note said of several ids is printed once
    rows = []
    series = []
    converted = False
    for fid in p.ids():
        if fid == PRODUCTION_ID:
            continue
        f = p.figure(fid) if year is None else p.at(fid, year)
        if f is None:
            continue
        label = f.label + (f" ({f.scope})" if f.scope else "")
        more = _more(p, f)
        if more:
            label += f" ({more})"
            series.append(fid)
        value, unit = fmt_value(f.value, f.qualifier, marks, f.low, f.high), f.unit
        if is_gold(fid, f.unit) and f.unit not in ("t", "t/yr"):
            label += f" (given as {keep(value + ' ' + f.unit)})"
            value, unit, converted = gold_cell(f, marks), "t", True
        cited.add(f.source)
        rows.append([label, value, unit, _year(f.year, marks), f"[{src(f.source)}]"])
        for what, text in (("basis", f.basis), ("", f.note)):
            if text:
                notes.setdefault(f"{what + ': ' if what else ''}{text}", []).append(f.id)
    legend = f"{marks.qualifier('at_most')} at most, {marks.qualifier('at_least')} at least, ~ roughly, " \
             f"{marks.qualifier('approximately_at_least')} roughly at least, {marks.unknown} no year given"
    if year is not None:
        legend += f"; values for {year}, else undated ones"
    from asgm_cli.indicators import INDICATORS

    key_notes = [f"{', '.join(ids)}: {text}" for text, ids in notes.items()]
    if converted:
        key_notes.append("Gold in kilograms or troy ounces is shown in tonnes (1 troy oz = 31.1034768 g).")
    missing = [i.label for i in INDICATORS.values() if (p.figure(i.id) if year is None else p.at(i.id, year)) is None]
    if missing:
        key_notes.append(f"Unknown (no source on file{'' if year is None else f' for {year}'}): {', '.join(missing)}.")
    more = [f"every observation: {keep(f'asgm series {p.id} ID')} (e.g. {series[0]})"] if series else []
    if checks:
        more.append(f"checks: {checks} ({keep(f'asgm check {p.id}')})")
    if more:  # one line for both pointers: the sheet is read for its numbers
        text = "; ".join(more)
        key_notes.append(text[0].upper() + text[1:] + ".")
    blocks.append(Table("Key figures", [Column("Figure", wrap=True), Column("Value", right=True),
                                        Column("Unit", joins=True), Column("Year"), Column("Src")],
                        rows, [legend] + key_notes))
    production = [f for f in p.observations(PRODUCTION_ID) if year is None or f.year == year]
    if production:
        years = sorted({f.year for f in production if f.year is not None})
        head = p.figure(PRODUCTION_ID)
        earlier = [f for f in production if f.year is not None and f.year < years[-PRODUCTION_YEARS:][0]]
        production = [f for f in production if f not in earlier]
        cited.update(f.source for f in production)
        prod_notes = [f"{f.year}: {f.note}" for f in production if f.note]
        starred = head in production and len(production) > 1
        said = []
        if any(f.unit != "t" for f in production):
            said.append("kg and troy ounces converted to tonnes (1 troy oz = 31.1034768 g), as given beside them")
        title = "National gold production"
        said_in_title = ["* the headline"] if starred else []
        if earlier:  # the title says where the rest is: a note would cost a line
            said_in_title.append(f"{len(earlier)} earlier observation{'s' * (len(earlier) != 1)}, {earlier[0].year}"
                                 f"{marks.range}{earlier[-1].year}: {keep(f'asgm series {p.id} production')}")
        if said_in_title:
            title += f" ({'; '.join(said_in_title)})"
        if said:
            prod_notes.append("; ".join(said))
        blocks.append(Table(title, [Column("Year"), Column("Tonnes", right=True),
                                                         Column("As given", right=True), Column("Basis", wrap=True),
                                                         Column("Src")],
                            [[str(f.year) + (" *" if f is head and len(production) > 1 else ""), gold_cell(f, marks),
                              "" if f.unit == "t" else keep(f"{fmt_value(f.value, f.qualifier, marks)} {f.unit}"),
                              f.basis or "", f"[{src(f.source)}]"] for f in production],
                            prod_notes))
    if stats:
        stat_notes = [f"{s.id}: {s.note}" for s in stats if s.note]
        blocks.append(Table(
            f"Derived statistics (4 significant figures, not sourced; formulas: {keep(f'asgm stats {p.id}')})",
            [Column("Statistic", wrap=True), Column("Value", right=True), Column("Unit", joins=True),
             Column("Formula", wrap=True)],
            [[s.label, fmt_value(s.value, s.qualifier, marks, s.low, s.high), s.unit, numeric_formula(s, marks)]
             for s in stats],
            stat_notes,
            stack=[(f"{s.label}: {keep(fmt_value(s.value, s.qualifier, marks, s.low, s.high) + ' ' + s.unit)}",
                    numeric_formula(s, marks)) for s in stats],
            stack_below=100))
    shares = share_chart(p, stats, marks)
    if shares.bars:
        blocks.append(shares)
    for t in p.targets:
        qual = marks.qualifier(t.qualifier)
        qual = qual + GLUE if qual else ""
        words = []
        if t.communities is not None:
            words.append(keep(f"{fmt_number(t.communities)} {t.community_unit}"))
        if t.mercury_reduction is not None:
            words.append(f"{qual}{keep(f'{fmt_number(t.mercury_reduction)} {t.mercury_unit}')} less mercury")
        if t.beneficiaries is not None:
            words.append(f"{qual if t.mercury_reduction is None else ''}{fmt_number(t.beneficiaries)} people reached")
        if t.mercury_free_percent is not None:
            words.append(keep(f"{fmt_number(t.mercury_free_percent)} %") + " mercury-free")
        if t.by_year:
            words.append(f"by {t.by_year}")
        if t.years:
            words.append(f"over {t.years} years")
        cited.add(t.source)
        text = f" {marks.dot} ".join(words) + f" [{src(t.source)}]"
        if t.note:
            text += f"\nNote: {t.note}"
        blocks.append(Paragraph(t.label, text))
    if p.approach:
        blocks.append(Paragraph("Approach", p.approach))
    if not p.strategies:
        blocks.append(Paragraph("Key strategies", f"{marks.unknown} (no source on file)"))
    for title, items in (("Key strategies", p.strategies), ("Challenges", p.challenges)):
        if items:
            blocks.append(Table(title, [Column("Id"), Column("Title", wrap=True), Column("What it means", wrap=True)],
                                [[i.id, i.title, i.description] for i in items],
                                # always stacked: in a grid, a description would be interleaved with
                                # the other columns' text, line by line, and copied so
                                stack=[(f"{i.title} {marks.dot} {i.id}", i.description) for i in items],
                                stack_below=10 ** 6, stack_run_in=True))
    shown = [(n, s) for n, s in enumerate(p.sources, 1) if s.id in cited]
    left = len(p.sources) - len(shown)
    more = f"{left} more, " if left else ""
    blocks.append(Table(f"Sources ({more}when each was read and what it supports: {keep(f'asgm sources {p.id}')})",
                        [Column("", right=True), Column("", wrap=True)],
                        [[f"[{n}]", f"{s.title}. {s.publisher}. {s.url}"] for n, s in shown]))
    return blocks


def _input_text(i: Any, marks: Marks) -> str:
    """One input as the formula uses it: gold in tonnes; a qualifier before its number, in brackets."""
    if i.unit in TONNES_PER:  # gold and mercury alike, so that '145 t ÷ 38.7 t' reads as one unit
        per = TONNES_PER[i.unit]
        low, high = (i.low * per, i.high * per) if i.value is None else (None, None)
        value = fmt_value(None if i.value is None else round_sig_text(i.value * per), i.qualifier, marks,
                          None if low is None else round_sig_text(low), None if high is None else round_sig_text(high))
        unit = "t"
    else:
        value, unit = fmt_value(i.value, i.qualifier, marks, i.low, i.high), i.unit
    text = keep(f"{value} {unit}") + (f"{GLUE}({i.year})" if i.year is not None else "")
    return f"({text})" if i.qualifier else text


def round_sig_text(v: float) -> float:
    """A converted mass at a precision worth reading (4 significant figures)."""
    from asgm_cli.stats import round_sig

    return round_sig(v)


def numeric_formula(s: Stat, marks: Marks) -> str:
    """The formula with its numbers in place of its ids: '= 38.7 t ÷ 99.7 t (2023) × 100'."""
    import re

    by_id = {i.id: _input_text(i, marks) for i in s.inputs}
    formula = re.sub(r"\s*\((?:[A-Za-z/, ]+) converted to t\)$", "", s.formula)  # the tonnes are shown
    ids = sorted(by_id, key=len, reverse=True)
    pattern = "|".join(re.escape(i) + (r"(?:\[\d+\])?" if i == PRODUCTION_ID else "") for i in ids)
    out = re.sub(pattern, lambda m: by_id[m.group(0).split("[")[0]], formula) if ids else formula
    return "=" + GLUE + out.replace(" g/t", GLUE + "g/t").replace(" g/troy", GLUE + "g/troy")


def formula_text(s: Stat, marks: Marks) -> str:
    """The formula and, after 'where', the values that went into it (``asgm_miners ≤ 250,000 people``)."""
    values = ", ".join(
        f"{i.id} {marks.qualifier(i.qualifier) or '='} "
        f"{keep(fmt_value(i.value, None, marks, i.low, i.high) + ' ' + i.unit)}"
        + (f" ({i.year})" if i.year is not None else "")
        for i in s.inputs)
    return f"{s.formula}\nwhere {values}"


def record_table(title: str, records: Sequence[Record], columns: Sequence[str], marks: Marks) -> Table:
    """A table of records for ``--format table``; a value cell carries its qualifier mark."""
    cols = [Column(c, right=(c == "value"), wrap=c in ("label", "description", "quote", "note", "formula",
                                                          "inputs", "source", "title", "path", "summary", "url",
                                                          "supports"))
            for c in columns]
    rows = []
    for r in records:
        row = []
        for c in columns:
            v = r.get(c)
            if c == "value":
                row.append(fmt_value(v, r.get("qualifier"), marks, r.get("low"), r.get("high")))
            elif c == "inputs" and isinstance(v, list):
                row.append("; ".join(f"{i['id']} {marks.qualifier(i['qualifier']) or '='} "
                                     + keep(f"{fmt_value(i['value'], None, marks, i['low'], i['high'])} {i['unit']}")
                                     for i in v))
            elif isinstance(v, list):
                row.append(", ".join(map(str, v)) or marks.unknown)
            elif v is None:
                row.append(marks.unknown)
            elif isinstance(v, bool):
                row.append("yes" if v else "")
            else:
                row.append(fmt_number(v) if isinstance(v, (int, float)) and c != "year" else str(v))
        rows.append(row)
    return Table(title, cols, rows)


def bars_for(records: Sequence[Record], label_key: str, marks: Marks) -> list[Bar]:
    """Bars scaled to the largest value (or range end) among the records that have one; gold masses
    in different units are converted to tonnes first, so that bars compare like with like."""
    def ends(r: Record) -> tuple[float, float]:
        per = TONNES_PER.get(r["unit"], 1.0)
        return (r["value"] * per,) * 2 if r["value"] is not None else (r["low"] * per, r["high"] * per)

    top = max((ends(r)[1] for r in records), default=0) or 1
    out = []
    for r in records:
        low, high = ends(r)
        year = f" ({r['year']})" if r.get("year") is not None else ""
        out.append(Bar(str(r[label_key]), low / top, high / top,
                       f"{fmt_value(r['value'], r['qualifier'], marks, r['low'], r['high'])} {r['unit']}{year}"))
    return out


SHARE_IDS = ("asgm_share_of_national_gold", "asgm_share_of_national_output", "target_share_of_annual_emissions",
             "informal_price_share")


def share_chart(p: Profile, stats: list[Stat], marks: Marks) -> Chart:
    """Bars on a 0-100 % scale for the figures and statistics where a share is the point."""
    bars = []
    for sid in SHARE_IDS:
        item: Any = p.figure(sid) or next((s for s in stats if s.id == sid), None)
        if item is None or item.unit != "%":
            continue
        low, high = (item.value, item.value) if item.value is not None else (item.low, item.high)
        text = f"{fmt_value(item.value, item.qualifier, marks, item.low, item.high)} %"
        bars.append(Bar(item.label, min(low, 100) / 100, min(high, 100) / 100, text))
    return Chart("Shares (of 100 %)", bars)


def series_chart(p: Profile, fid: str, marks: Marks) -> Chart:
    """One id's observations by year; gold masses in tonnes. In national production, the ASGM
    output of the same year (where there is one) is drawn inside that year's bar."""
    found = [f for f in p.observations(fid) if f.year is not None]
    gold = fid in ("national_gold_production", "asgm_gold_output") or all(f.unit in TONNES_PER for f in found)
    ends = [(f, f.tonnes if gold else ((f.value,) if f.value is not None else (f.low, f.high))) for f in found]
    top = max((max(e) for _, e in ends), default=0) or 1
    per_year: dict[int | None, int] = {}
    for f in found:
        per_year[f.year] = per_year.get(f.year, 0) + 1
    bars = []
    inside_any = False
    for f, e in ends:
        low, high = min(e), max(e)
        text = (f"{gold_cell(f, marks)} t" if gold else fmt_value(f.value, f.qualifier, marks, f.low, f.high) + f" {f.unit}")
        if gold and f.unit not in ("t", "t/yr"):
            text += f" (= {fmt_value(f.value, f.qualifier, marks, f.low, f.high)} {f.unit})"
        label = str(f.year) + (f" [{p.source_number(f.source)}]" if per_year[f.year] > 1 else "")
        inner = low if fid != PRODUCTION_ID else 0.0  # in production, the solid part is the ASGM output
        if fid == PRODUCTION_ID:
            asgm = next((a for a in p.observations("asgm_gold_output") if a.year == f.year), None)
            if asgm is not None:
                inner = min(min(asgm.tonnes), high)
                text += f", ASGM {gold_cell(asgm, marks)} t"
                inside_any = True
        bars.append(Bar(label, inner / top, high / top, text))
    solid, light = ("█", "░") if marks.unicode else ("#", "-")
    notes = []
    if fid == PRODUCTION_ID:
        notes.append(f"{solid} ASGM output of the same year; {light} national production (the rest of it)."
                     if inside_any else f"{light} national production; no ASGM output on file for these years.")
        undated_asgm = [a for a in p.observations("asgm_gold_output") if a.year is None]
        if undated_asgm:
            said = "; ".join(f"{fmt_value(a.value, a.qualifier, marks, a.low, a.high)} {a.unit}" for a in undated_asgm)
            notes.append(f"ASGM output with no year ({said}) is not drawn in any year.")
    if any(v > 1 for v in per_year.values()):
        notes.append("[n]: the source, where a year has more than one.")
    if gold and any(f.unit not in ("t", "t/yr") for f in found):
        notes.append("Kilograms and troy ounces converted to tonnes (1 troy oz = 31.1034768 g).")
    undated = [f for f in p.observations(fid) if f.year is None]
    if undated:
        said = "; ".join(f"{fmt_value(f.value, f.qualifier, marks, f.low, f.high)} {f.unit}" for f in undated)
        notes.append(f"Not drawn, no year: {said}.")
    label = found[0].label if found else fid
    return Chart(f"{label}, {p.name} ({'tonnes' if gold else found[0].unit if found else ''})", bars, notes)


def rank_title(label: str, records: Sequence[Record]) -> str:
    """'Gold produced by ASGM (t/yr)': what is ranked, in the unit of the first ranked country."""
    units = [r["unit"] for r in records if r.get("unit")]
    return f"{label} ({units[0]})" if units else label


def rank_chart(records: Sequence[Record], indicator: str, marks: Marks, label: str | None = None) -> Chart:
    """``asgm rank`` on a terminal: a bar per ranked country, the unknowns named in a note."""
    known = [{**r, "label": f"{r['position']}. {r['name']}"} for r in records if r["position"] is not None]
    unknown = [r["name"] for r in records if r["position"] is None]
    notes = [f"Unknown for: {', '.join(unknown)}"] if unknown else []
    if any(r["value"] is None for r in known):
        notes.append("A lighter bar is a range: from its low to its high end. Ranges are placed by their high end.")
    if len({r["unit"] for r in known}) > 1:
        notes.append("Gold in different units is drawn in tonnes; each value keeps its unit.")
    return Chart(rank_title(label or indicator, known), bars_for(known, "label", marks), notes)


def compare_tables(records: Sequence[Record], countries: Sequence[tuple[str, str]], marks: Marks,
                   width: int) -> list[Table]:
    """Indicators as rows, countries as columns; split into several tables when too wide."""
    rows: dict[str, list[str]] = {}
    cells: dict[tuple[str, str], str] = {}
    for r in records:
        rows.setdefault(r["indicator"], [r["label"], r["unit"] or ""])
        text = fmt_value(r["value"], r["qualifier"], marks, r["low"], r["high"])
        if r["value"] is not None or r["low"] is not None:
            if r["unit"] != rows[r["indicator"]][1]:
                text += f" {r['unit']}"
            if r["year"] is not None:
                text += f" ({r['year']})"
        cells[(r["indicator"], r["country"])] = text
    label_w = min(30, max(len(v[0]) for v in rows.values())) if rows else 10
    unit_w = max([4] + [len(v[1]) for v in rows.values()])
    widths = {cid: max([len(name)] + [len(cells.get((i, cid), "")) for i in rows]) for cid, name in countries}
    room = width - label_w - unit_w - 6
    groups: list[list[tuple[str, str]]] = [[]]
    used = 0
    for cid, name in countries:
        if groups[-1] and used + widths[cid] + 3 > room:
            groups.append([])
            used = 0
        groups[-1].append((cid, name))
        used += widths[cid] + 3
    legend = (f"{marks.unknown} unknown (no sourced figure) {marks.dot} {marks.qualifier('at_most')} at most, "
              f"{marks.qualifier('at_least')} at least, ~ roughly {marks.dot} (year) when the source gives one "
              f"{marks.dot} statistics are derived, not sourced")
    tables = []
    for n, group in enumerate(groups, 1):
        title = "Comparison" + (f" ({n} of {len(groups)})" if len(groups) > 1 else "")
        tables.append(Table(
            title, [Column("Indicator", wrap=True), Column("Unit")] + [Column(name, right=True) for _, name in group],
            [[label, unit] + [cells[(iid, cid)] for cid, _ in group] for iid, (label, unit) in rows.items()],
            [legend] if n == len(groups) else []))
    return tables


# --------------------------------------------------------------------------------------- layout
#
# One layout for every width, two painters. ``layout`` turns blocks into lines that fit the width
# (each line a list of (text, style) segments); ``plain`` joins them, ``rich_print`` colours them
# and makes URLs hyperlinks. Wrapping breaks only at plain spaces: GLUE joins what must stay on
# one line (a value and its unit, a qualifier and its number), and a word longer than the line
# (a long URL at 40 columns) is folded with the cut mark at the end of each piece.

GLUE = "\x1f"  # a space that never breaks; YAML cannot carry this control character, so data never does
MIN_COLUMN = 20  # a wrapped column narrower than this reads one word a line: stack the records instead
GAP = 2
MAX_BAR = 60  # columns: a longer bar adds nothing but distance between a label and its value

Segment = tuple[str, str]  # (text, style name)
Line = list[Segment]


def keep(text: str) -> str:
    """``text`` as one unbreakable unit (shown with ordinary spaces)."""
    return text.replace(" ", GLUE)


def wrap(text: str, width: int, marks: Marks, indent: str = "", rest: str | None = None) -> list[str]:
    """Greedy wrap at plain spaces; ``\n`` starts a new paragraph; never drops a character.

    A word wider than the line is folded into pieces, each but the last ending with the cut mark.
    """
    rest = indent if rest is None else rest
    out: list[str] = []
    for para in text.split("\n"):
        line, lead = "", indent
        for word in para.split(" "):
            if not word:
                continue
            room = width - len(lead)
            if line and len(line) + 1 + len(word) <= room:
                line += " " + word
                continue
            if line:
                out.append(lead + line)
                lead, line = rest, ""
                room = width - len(lead)
            while len(word) > room and room > 1:  # fold: no place to break, so cut and mark the cut
                out.append(lead + word[: room - 1] + marks.cut)
                word, lead = word[room - 1:], rest
                room = width - len(lead)
            line = word
        out.append(lead + line if line or not out or para == "" else lead)
    return out or [indent]


def _title_lines(title: str, width: int, marks: Marks, fancy: bool) -> list[Line]:
    if not title:
        return []
    lines = wrap(marks.text(title), width, marks)
    out: list[Line] = [[(line, "title")] for line in lines]
    if not fancy:  # plain text underlines its titles; the terminal has colour for that
        out.append([("=" * min(max(len(line) for line in lines), width), "")])
    return out


def _notes(notes: Sequence[str], width: int, marks: Marks) -> list[Line]:
    lead, rest = ("  ", "    ") if width >= 60 else ("", "  ")  # narrow: an indent could cut a long id
    return [[(line, "note")] for n in notes for line in wrap(marks.text(n), width, marks, lead, rest)]


def _grid_widths(t: Table, rows: list[list[str]], width: int) -> list[int] | None:
    """Column widths that fit ``width``, or None when a wrapped column would get < MIN_COLUMN."""
    natural = [max([len(c.header)] + [max(len(x) for x in r[i].split("\n")) for r in rows])
               for i, c in enumerate(t.columns)]
    budget = width - GAP * (len(natural) - 1)
    if sum(natural) <= budget:
        return natural
    flex = [i for i, c in enumerate(t.columns) if c.wrap]
    room = budget - sum(w for i, w in enumerate(natural) if i not in flex)
    floors = {i: min(natural[i], MIN_COLUMN) for i in flex}
    if not flex or room < sum(floors.values()):
        return None
    widths = list(natural)
    if len(flex) == 2:  # the split with the fewest lines, among the widths at which some cell fits whole
        a, b = flex
        cands = {w for r in rows for w in (len(r[a]), room - len(r[b])) if floors[a] <= w <= room - floors[b]}
        cands |= {floors[a], room - floors[b]}

        def lines(w: int) -> int:
            return sum(max(len(_wrap_len(r[a], w)), len(_wrap_len(r[b], room - w))) for r in rows)

        best = min(sorted(cands), key=lines)
        widths[a], widths[b] = best, room - best
        return widths
    extra = room - sum(floors.values())
    want = {i: natural[i] - floors[i] for i in flex}
    total = sum(want.values()) or 1
    for i in flex:
        widths[i] = floors[i] + extra * want[i] // total
    return widths


def _wrap_len(text: str, width: int) -> list[str]:
    """The lines of ``text`` wrapped at ``width``, for measuring."""
    return wrap(text, width, _MEASURE)


def _table_lines(t: Table, width: int, marks: Marks, fancy: bool) -> list[Line]:
    rows = [[marks.text(v) for v in r] for r in t.rows]
    out = _title_lines(t.title, width, marks, fancy)
    widths = None if width < t.stack_below else _grid_widths(t, rows, width)
    if widths is None and t.stack is not None:
        for head, body in t.stack:
            head, body = marks.text(head), marks.text(body)
            if t.stack_run_in:  # one paragraph: the body's text stays whole and in order
                lines = wrap(f"{head}: {body}", width, marks, "", "  ")
                first = lines[0]
                out.append([(first[: len(head)], "bold"), (first[len(head):], "")] if first.startswith(head)
                           else [(first, "")])
                out += [[(line, "")] for line in lines[1:]]
                continue
            out += [[(line, "bold")] for line in wrap(head, width, marks)]
            out += [[(line, "")] for line in wrap(body, width, marks, "  ", "  ")]
        return out + _notes(t.notes, width, marks)
    if widths is None:
        return out + _stacked_lines(t, rows, width, marks) + _notes(t.notes, width, marks)
    if any(c.header for c in t.columns):
        heads = [c.header.rjust(w) if c.right else c.header.ljust(w) for c, w in zip(t.columns, widths)]
        if fancy:  # an underlined header row: the rule of the plain layout would cost a line per table
            heads[-1] = heads[-1].rstrip()
            line: Line = []
            for n, h in enumerate(heads):
                line += ([(" " * GAP, "")] if n else []) + [(h, "head")]
            out.append(line)
        else:
            out.append([((" " * GAP).join(heads).rstrip(), "head")])
            out.append([((" " * GAP).join("-" * w for w in widths), "rule")])
    for r in rows:
        cells = [wrap(v, w, marks) if c.wrap else v.split("\n") for v, c, w in zip(r, t.columns, widths)]
        for k in range(max(len(c) for c in cells)):
            parts = [(cells[i][k] if k < len(cells[i]) else "") for i in range(len(cells))]
            text = (" " * GAP).join(p.rjust(w) if c.right else p.ljust(w) for p, c, w in zip(parts, t.columns, widths))
            out.append([(text.rstrip(), "")])
    return out + _notes(t.notes, width, marks)


def _stacked_lines(t: Table, rows: list[list[str]], width: int, marks: Marks) -> list[Line]:
    """The record layout of narrow screens: the first cell as a title, the others beneath it.

    Short cells share a line ('Year: 2023 · Src: [2]'); a column marked ``joins`` rides on the one
    before it ('1,000,000 people'); a long cell gets lines of its own.
    """
    out: list[Line] = []
    for r in rows:
        out += [[(line, "bold")] for line in wrap(r[0], width, marks)]
        fields: list[list[str]] = []  # [header, value]
        for c, v in zip(t.columns[1:], r[1:]):
            if c.joins and fields and v:
                fields[-1][1] += GLUE + v
            elif v:
                fields.append([c.header, v])
        short = [f"{h}:{GLUE}{keep(v)}" if h else keep(v) for h, v in fields if len(v) <= 24 and "\n" not in v]
        if short:
            out += [[(line, "")] for line in wrap(f" {marks.dot} ".join(short), width, marks, "  ", "    ")]
        for h, v in fields:
            if len(v) > 24 or "\n" in v:
                out += [[(line, "")] for line in wrap(f"{h}: {v}" if h else v, width, marks, "  ", "    ")]
    return out


def chart_lines(c: Chart, width: int, marks: Marks) -> list[Line]:
    """Bars fitted to ``width``, every label whole: label, bar and value on one line when the labels
    leave room for a bar of 10 columns; else a bar of 20 or more, the value and the label after them
    (wrapped beside the bar) when that leaves the label 24 columns; else each label on lines of its own above its bar."""
    labels = [marks.text(b.label) for b in c.bars]
    texts = [marks.text(b.text) for b in c.bars]
    label_w = max((len(x) for x in labels), default=0)
    text_w = max((len(x) for x in texts), default=0)
    mode = "inline" if label_w + 1 + 10 + 1 + text_w <= width else \
        "after" if width - (20 + 1 + text_w + 2) >= 24 else "above"
    if mode == "inline":
        bar_w = width - text_w - 1 - label_w - 1
    elif mode == "after":
        bar_w = max(20, width - text_w - 3 - label_w)
    else:
        bar_w = width - text_w - 1
    bar_w = min(MAX_BAR, max(4, bar_w))
    solid, light = ("█", "░") if marks.unicode else ("#", "-")
    out: list[Line] = []
    for b, label, text in zip(c.bars, labels, texts):
        n_solid = round(b.low * bar_w)
        n_range = round(b.high * bar_w) - n_solid
        if b.high > 0 and n_solid + n_range == 0:
            n_solid = 1  # a positive value is never drawn as nothing
        bar: Line = [(solid * n_solid, "solid"), (light * n_range, "light"), (" " * (bar_w - n_solid - n_range), "")]
        if mode == "inline":
            out.append([(label.ljust(label_w) + " ", "")] + bar + [(f" {text}".rstrip(), "")])
        elif mode == "after":
            lead = bar_w + 1 + text_w + 2
            pieces = wrap(label, width - lead, marks)
            out.append(bar + [(f" {text.ljust(text_w)}  {pieces[0]}".rstrip(), "")])
            out += [[(" " * lead + piece, "")] for piece in pieces[1:]]
        else:
            out += [[(line, "")] for line in wrap(label, width, marks)]
            if bar_w + 1 + len(text) <= width:
                out.append(bar + [(f" {text}".rstrip(), "")])
            else:
                out.append(bar[:2])
                out += [[(line, "")] for line in wrap(text, width, marks, "  ")]
    return out


_MEASURE = Marks(True)


def layout(blocks: Sequence[Block], width: int, marks: Marks, fancy: bool = False) -> list[Line]:
    """Every block as lines no wider than ``width`` (``fancy``: for a terminal, which has colour)."""
    out: list[Line] = []
    for b in blocks:
        if isinstance(b, Heading):
            out += [[(line, "name")] for line in wrap(marks.text(b.title), width, marks)]
            out += [[(line, "sub")] for line in wrap(marks.text(b.subtitle), width, marks)]
        elif isinstance(b, Paragraph):
            out += _title_lines(b.title, width, marks, fancy)
            out += [[(line, "")] for line in wrap(marks.text(b.text), width, marks)]
        elif isinstance(b, Chart):
            out += _title_lines(b.title, width, marks, fancy) + chart_lines(b, width, marks)
            out += _notes(b.notes, width, marks)
        else:
            out += _table_lines(b, width, marks, fancy)
        out.append([])
    while out and not out[-1]:
        out.pop()
    return out


def plain(blocks: Sequence[Block], width: int, marks: Marks) -> str:
    """Plain text: no colour, no box drawing; every line within ``width``."""
    text = "\n".join("".join(s for s, _ in line).rstrip() for line in layout(blocks, width, marks))
    return text.replace(GLUE, " ") + "\n"


# ----------------------------------------------------------------------------------------- rich

STYLES = {"name": "bold", "sub": "dim", "title": "bold cyan", "head": "bold underline", "rule": "dim", "note": "dim",
          "bold": "bold", "solid": "cyan", "light": "dim cyan", "": ""}
URL = r"https?://[^\s\x1f]+"


def _urls(blocks: Sequence[Block]) -> list[str]:
    """Every URL in the blocks, longest first (so that a prefix never wins over the whole)."""
    import re

    found: set[str] = set()
    for b in blocks:
        texts = [getattr(b, "text", "")] + [v for r in getattr(b, "rows", []) for v in r] + list(getattr(b, "notes", []))
        for t in texts:
            found.update(u.rstrip(".,;)") for u in re.findall(URL, t))
    return sorted(found, key=len, reverse=True)


def rich_print(blocks: Sequence[Block], env: Env, marks: Marks, record: bool = False) -> Any:
    """Draw blocks with Rich on stdout (colour only where ``env`` allows it); URLs become OSC 8
    hyperlinks, whole even where a long one is folded across lines.

    With ``record``, draw into memory in colour and return the console, for SVG and HTML export.
    """
    import io
    import re
    import sys

    from rich.console import Console
    from rich.text import Text

    color = env.stdout_color or record
    console = Console(file=io.StringIO() if record else sys.stdout, width=env.width, no_color=not color,
                      force_terminal=color, highlight=False, emoji=False, markup=False, record=record,
                      color_system="truecolor" if record else "auto")
    urls = [marks.text(u) for u in _urls(blocks)]
    pending = None  # the URL whose folded piece ended the previous line
    for line in layout(blocks, env.width, marks, fancy=True):
        text = Text()
        for segment, style in line:
            text.append(segment.replace(GLUE, " "), STYLES[style])
        for m in re.finditer(r"\S+", text.plain):
            token = m.group(0)
            core = token.removesuffix(marks.cut) if token.endswith(marks.cut) else token.rstrip(".,;)")
            url = pending if pending and m.start() == len(text.plain) - len(text.plain.lstrip()) else \
                next((u for u in urls if core.startswith(("http://", "https://")) and u.startswith(core)), None)
            if url:
                text.stylize(f"link {url}", m.start(), m.start() + len(core))
            pending = url if url and token.endswith(marks.cut) else None
        console.print(text, no_wrap=True, overflow="ignore", crop=False)
    return console


# ------------------------------------------------------------------------------------- markdown


def markdown(blocks: Sequence[Block], marks: Marks) -> str:
    """Markdown: headings, paragraphs, pipe tables (URLs as links) and charts as text blocks."""
    import re

    def cell(text: str) -> str:
        text = text.replace("|", "\\|").replace("\n", " ").replace(GLUE, " ")
        return re.sub(r"(https?://[^\s)]+)", r"<\1>", text)

    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out += [f"# {b.title}", "", b.subtitle, ""]
        elif isinstance(b, Paragraph):
            out += ([f"## {b.title}", ""] if b.title else []) + [b.text.replace("\n", "  \n"), ""]
        elif isinstance(b, Chart):
            width = 80
            out += [f"## {b.title}", "", "```text"]
            out += ["".join(t for t, _ in line).replace(GLUE, " ").rstrip() for line in chart_lines(b, width, marks)]
            out += ["```", ""] + [f"- {n}" for n in b.notes] + ([""] if b.notes else [])
        else:
            out += [f"## {b.title}", "", "| " + " | ".join(cell(c.header) for c in b.columns) + " |",
                    "|" + "|".join("---:" if c.right else "---" for c in b.columns) + "|"]
            out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in b.rows]
            out += [""] + [f"- {cell(n)}" for n in b.notes] + ([""] if b.notes else [])
    return marks.text("\n".join(out).rstrip() + "\n").replace(GLUE, " ")
