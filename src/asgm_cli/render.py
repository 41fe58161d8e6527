"""Presentation: the fact sheet and record tables, for a terminal (Rich) or as plain text.

Everything is first gathered into blocks (headings, paragraphs, tables); one renderer draws
them with Rich on a terminal, the other as plain aligned text for pipes and files.
"""

from __future__ import annotations

import textwrap
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


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


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

    def qualifier(self, q: str | None) -> str:
        if q is None:
            return ""
        mark, ascii_mark = QUALIFIERS[q]
        return mark if self.unicode else ascii_mark

    def text(self, s: str) -> str:
        if self.unicode:
            return s
        table = {"÷": "/", "×": "*", "−": "-", "—": "-", "–": "-", "’": "'", "‘": "'", "“": '"', "”": '"',
                 "…": "...", "≤": "<=", "≥": ">=", "·": "|", "≲": "<~", "≳": ">~"}
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
    """'≥ 430,000', '40,000–60,000', or the unknown mark."""
    if v is None and low is not None and high is not None:
        shown = f"{fmt_number(low)}{marks.range}{fmt_number(high)}"
    elif v is None:
        return marks.unknown
    else:
        shown = fmt_number(v)
    return f"{marks.qualifier(qualifier)} {shown}".strip()


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


def gold_cell(f: Figure, marks: Marks) -> str:
    """A gold mass in tonnes; '' for other units."""
    t = f.tonnes
    shown = [fmt_number(round(v, 3 if v < 10 else 1)) for v in t]
    return f"{marks.qualifier(f.qualifier)} {marks.range.join(shown)}".strip()


def fact_sheet(p: Profile, stats: list[Stat], marks: Marks, year: int | None = None,
               checks: str = "") -> list[Block]:
    """Every block of ``asgm show``: headlines, or ``year``'s observations (else undated ones)."""
    src = p.source_number
    name = p.name + (f" ({p.native_name})" if p.native_name and p.native_name != p.name else "")
    blocks: list[Block] = [
        Heading(name, f" {marks.dot} ".join([p.iso2, p.iso3, p.region])),
        Paragraph("", p.summary),
    ]
    notes = []
    rows = []
    series = []
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
        rows.append([label, fmt_value(f.value, f.qualifier, marks, f.low, f.high), f.unit, _year(f.year, marks),
                     f"[{src(f.source)}]"])
        for what, text in (("basis", f.basis), ("", f.note)):
            if text:
                notes.append(f"{f.id}: {what + ': ' if what else ''}{text}")
    legend = f"{marks.qualifier('at_most')} at most, {marks.qualifier('at_least')} at least, ~ roughly, " \
             f"{marks.qualifier('approximately_at_least')} roughly at least, {marks.unknown} no year given"
    if year is not None:
        legend += f"; values for {year}, else undated ones"
    from asgm_cli.indicators import INDICATORS

    missing = [i.label for i in INDICATORS.values() if (p.figure(i.id) if year is None else p.at(i.id, year)) is None]
    if missing:
        notes.append(f"Unknown (no source on file{'' if year is None else f' for {year}'}): {', '.join(missing)}.")
    if series:
        notes.append(f"Every observation, oldest first: asgm series {p.id} ID (e.g. {series[0]}).")
    if checks:
        notes.append(f"Checks: {checks}: asgm check {p.id}")
    blocks.append(Table("Key figures", [Column("Figure", wrap=True), Column("Value", right=True), Column("Unit"),
                                        Column("Year"), Column("Src")], rows, [legend] + notes))
    production = [f for f in p.observations(PRODUCTION_ID) if year is None or f.year == year]
    if production:
        prod_notes = [f"{f.year}: {f.note}" for f in production if f.note]
        if any(f.unit != "t" for f in production):
            prod_notes.append("Kilograms and troy ounces converted to tonnes (1 troy oz = 31.1034768 g); "
                              "the value as given beside it.")
        head = p.figure(PRODUCTION_ID)
        blocks.append(Table("National gold production", [Column("Year"), Column("Tonnes", right=True),
                                                         Column("As given", right=True), Column("Basis", wrap=True),
                                                         Column("Src")],
                            [[str(f.year) + (" *" if f is head and len(production) > 1 else ""), gold_cell(f, marks),
                              "" if f.unit == "t" else f"{fmt_value(f.value, f.qualifier, marks)} {f.unit}",
                              f.basis or "", f"[{src(f.source)}]"] for f in production],
                            prod_notes + (["* the headline figure"] if head in production and len(production) > 1
                                          else [])))
    if stats:
        stat_notes = ["Arithmetic on the figures above, rounded to 4 significant figures; not sourced figures."]
        stat_notes += [f"{s.id}: {s.note}" for s in stats if s.note]
        blocks.append(Table(
            "Derived statistics",
            [Column("Statistic", wrap=True), Column("Value", right=True), Column("Unit"), Column("Formula", wrap=True)],
            [[s.label, fmt_value(s.value, s.qualifier, marks, s.low, s.high), s.unit, formula_text(s, marks)]
             for s in stats],
            stat_notes))
    shares = share_chart(p, stats, marks)
    if shares.bars:
        blocks.append(shares)
    for t in p.targets:
        qual = marks.qualifier(t.qualifier)
        qual = qual + " " if qual else ""
        words = []
        if t.communities is not None:
            words.append(f"{fmt_number(t.communities)} {t.community_unit}")
        if t.mercury_reduction is not None:
            words.append(f"{qual}{fmt_number(t.mercury_reduction)} {t.mercury_unit} less mercury")
        if t.beneficiaries is not None:
            words.append(f"{qual if t.mercury_reduction is None else ''}{fmt_number(t.beneficiaries)} people reached")
        if t.mercury_free_percent is not None:
            words.append(f"{fmt_number(t.mercury_free_percent)} % mercury-free")
        if t.by_year:
            words.append(f"by {t.by_year}")
        if t.years:
            words.append(f"over {t.years} years")
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
            blocks.append(Table(title, [Column("Id"), Column("Title"), Column("What it means", wrap=True)],
                                [[i.id, i.title, i.description] for i in items]))
    blocks.append(Table("Sources", [Column("#", right=True), Column("Source", wrap=True)],
                        [[f"[{n}]", f"{s.title}. {s.publisher}. {s.url} (accessed {s.accessed})"]
                         for n, s in enumerate(p.sources, 1)]))
    return blocks


def formula_text(s: Stat, marks: Marks) -> str:
    """The formula and, after 'where', the values that went into it."""
    values = ", ".join(
        f"{i.id} = {fmt_value(i.value, i.qualifier, marks, i.low, i.high)} {i.unit}"
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
                row.append("; ".join(f"{i['id']} = {fmt_value(i['value'], i['qualifier'], marks, i['low'], i['high'])} "
                                     f"{i['unit']}" for i in v))
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


def rank_chart(records: Sequence[Record], indicator: str, marks: Marks) -> Chart:
    """``asgm rank`` on a terminal: a bar per ranked country, the unknowns named in a note."""
    known = [{**r, "label": f"{r['position']}. {r['name']}"} for r in records if r["position"] is not None]
    unknown = [r["name"] for r in records if r["position"] is None]
    notes = [f"Unknown for: {', '.join(unknown)}"] if unknown else []
    if any(r["value"] is None for r in known):
        notes.append("A lighter bar is a range: from its low to its high end. Ranges are placed by their high end.")
    return Chart(f"Ranked by {indicator}", bars_for(known, "label", marks), notes)


def chart_lines(c: Chart, width: int, marks: Marks) -> list[tuple[str, str, str, str]]:
    """(label, solid bar, range bar, rest of line) for each bar, fitted to ``width``."""
    label_w = min(max((len(b.label) for b in c.bars), default=0), 28)
    text_w = max((len(b.text) for b in c.bars), default=0)
    stacked = label_w + text_w + 3 + 10 > width  # too narrow: each label on a line of its own, above its bar
    bar_w = max(4, width - text_w - 2 - (0 if stacked else label_w + 1))
    solid, light = ("█", "░") if marks.unicode else ("#", "-")
    out = []
    for b in c.bars:
        n_solid = round(b.low * bar_w)
        n_range = round(b.high * bar_w) - n_solid
        if b.high > 0 and n_solid + n_range == 0:
            n_solid = 1  # a positive value is never drawn as nothing
        if stacked:
            label = (b.label if len(b.label) <= width else b.label[: width - 1] + "…") + "\n"
        else:
            label = (b.label if len(b.label) <= label_w else b.label[: label_w - 1] + "…").ljust(label_w) + " "
        pad = " " * (bar_w - n_solid - n_range)
        out.append((label, solid * n_solid, light * n_range, f"{pad} {b.text}"))
    return out


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


# ---------------------------------------------------------------------------------------- plain


def _wrap_cell(text: str, width: int) -> list[str]:
    lines = [line for part in text.split("\n") for line in textwrap.wrap(part, width, break_on_hyphens=False)]
    return lines or [""]


def _stacked(t: Table, width: int) -> list[str]:
    """Narrow layout: each row's first cell as a title, the others as 'Header: value' lines."""
    lines: list[str] = []
    for row in t.rows:
        lines += textwrap.wrap(row[0], width, break_on_hyphens=False) or [""]
        for c, v in zip(t.columns[1:], row[1:]):
            lines += textwrap.wrap(f"{c.header}: {v.replace(chr(10), ' ')}", width, initial_indent="  ",
                                   subsequent_indent="    ", break_on_hyphens=False)
    return lines


def _plain_table(t: Table, width: int) -> list[str]:
    gap = 2
    natural = [max([len(c.header)] + [len(r[i]) for r in t.rows]) for i, c in enumerate(t.columns)]
    widths = list(natural)
    budget = width - gap * (len(widths) - 1)
    wrap_cols = [i for i, c in enumerate(t.columns) if c.wrap]
    fixed = sum(w for i, w in enumerate(widths) if i not in wrap_cols)
    lines = _title(t.title, width)
    if sum(widths) > budget:
        room = budget - fixed
        if not wrap_cols or room < 12 * len(wrap_cols):
            return lines + _stacked(t, width) + _notes(t, width)
        total = sum(natural[i] for i in wrap_cols) or 1
        for i in wrap_cols:
            widths[i] = max(12, min(natural[i], room * natural[i] // total))
    header = [c.header.ljust(widths[i]) if not c.right else c.header.rjust(widths[i]) for i, c in enumerate(t.columns)]
    lines.append((" " * gap).join(header).rstrip())
    lines.append((" " * gap).join("-" * w for w in widths))
    for row in t.rows:
        cells = [_wrap_cell(v, widths[i]) if t.columns[i].wrap else [v] for i, v in enumerate(row)]
        for k in range(max(len(c) for c in cells)):
            parts = []
            for i, c in enumerate(t.columns):
                v = cells[i][k] if k < len(cells[i]) else ""
                parts.append(v.rjust(widths[i]) if c.right else v.ljust(widths[i]))
            lines.append((" " * gap).join(parts).rstrip())
    return lines + _notes(t, width)


def _title(title: str, width: int) -> list[str]:
    """A title wrapped to ``width``, underlined."""
    if not title:
        return []
    lines = textwrap.wrap(title, width, break_on_hyphens=False)
    return lines + ["=" * min(max(len(line) for line in lines), width)]


def _notes(t: Table, width: int) -> list[str]:
    return [line for note in t.notes
            for line in textwrap.wrap(note, width, initial_indent="  ", subsequent_indent="    ")]


def plain(blocks: Sequence[Block], width: int, marks: Marks) -> str:
    """Plain text: no colour, no box drawing; wrapped to ``width``."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out += textwrap.wrap(b.title, width) + textwrap.wrap(b.subtitle, width)
        elif isinstance(b, Paragraph):
            out += _title(b.title, width)
            for para in b.text.split("\n"):
                out += textwrap.wrap(para, width, break_on_hyphens=False) or [""]
        elif isinstance(b, Chart):
            out += _title(b.title, width)
            out += ["".join(parts).rstrip() for parts in chart_lines(b, width, marks)]
            out += [line for note in b.notes for line in textwrap.wrap(note, width, initial_indent="  ",
                                                                       subsequent_indent="    ")]
        else:
            out += _plain_table(b, width)
        out.append("")
    return marks.text("\n".join(out).rstrip() + "\n")


# ----------------------------------------------------------------------------------------- rich


def rich_print(blocks: Sequence[Block], env: Env, marks: Marks, record: bool = False) -> Any:
    """Draw blocks with Rich on stdout (colour only where ``env`` allows it).

    With ``record``, draw into memory in colour and return the console, for SVG and HTML export.
    """
    import io
    import sys

    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.padding import Padding
    from rich.table import Table as RichTable
    from rich.text import Text

    color = env.stdout_color or record
    console = Console(file=io.StringIO() if record else sys.stdout, width=env.width, no_color=not color,
                      force_terminal=color, highlight=False, emoji=False, safe_box=not marks.unicode, record=record,
                      color_system="truecolor" if record else "auto")
    style = box.SIMPLE_HEAD if marks.unicode else box.ASCII2
    for b in blocks:
        if isinstance(b, Heading):
            console.print(Text(b.title, style="bold"))
            console.print(Text(marks.text(b.subtitle), style="dim"))
        elif isinstance(b, Paragraph):
            if b.title:
                console.print(Text(b.title, style="bold cyan"))
            console.print(Text(marks.text(b.text)))
        elif isinstance(b, Chart):
            console.print(Text(b.title, style="bold cyan"))
            for label, solid, light, rest in chart_lines(b, env.width, marks):
                console.print(Text.assemble(marks.text(label), (solid, "cyan"), (light, "dim cyan"), marks.text(rest)),
                              overflow="fold")
            for note in b.notes:
                console.print(Padding(Text(marks.text(note), style="dim"), (0, 0, 0, 2)))
        else:
            table = RichTable(title=Text(b.title, style="bold cyan"), title_justify="left", box=style,
                              show_edge=False, pad_edge=False, expand=False)
            for c in b.columns:
                table.add_column(escape(c.header), justify="right" if c.right else "left",
                                 overflow="fold", no_wrap=not c.wrap)
            for row in b.rows:
                table.add_row(*(Text(marks.text(v)) for v in row))
            console.print(table)
            for note in b.notes:
                console.print(Padding(Text(marks.text(note), style="dim"), (0, 0, 0, 2)))
        console.print()
    return console


# ------------------------------------------------------------------------------------- markdown


def markdown(blocks: Sequence[Block], marks: Marks) -> str:
    """Markdown: headings, paragraphs, pipe tables (URLs as links) and charts as text blocks."""
    import re

    def cell(text: str) -> str:
        text = text.replace("|", "\\|").replace("\n", " ")
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
            out += ["".join(parts).rstrip() for parts in chart_lines(b, width, marks)]
            out += ["```", ""] + [f"- {n}" for n in b.notes] + ([""] if b.notes else [])
        else:
            out += [f"## {b.title}", "", "| " + " | ".join(cell(c.header) for c in b.columns) + " |",
                    "|" + "|".join("---:" if c.right else "---" for c in b.columns) + "|"]
            out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in b.rows]
            out += [""] + [f"- {cell(n)}" for n in b.notes] + ([""] if b.notes else [])
    return marks.text("\n".join(out).rstrip() + "\n")
