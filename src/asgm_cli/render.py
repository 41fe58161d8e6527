"""Presentation: the fact sheet and record tables, for a terminal (Rich) or as plain text.

Everything is first gathered into blocks (headings, paragraphs, tables); one renderer draws
them with Rich on a terminal, the other as plain aligned text for pipes and files.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any, Sequence

from asgm_cli.model import Profile
from asgm_cli.records import Record
from asgm_cli.stats import Stat
from asgm_cli.term import Env
from asgm_cli.vocab import QUALIFIERS


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


Block = Heading | Paragraph | Table


class Marks:
    """Typographic marks, with ASCII fallbacks."""

    def __init__(self, unicode: bool) -> None:
        self.unicode = unicode
        self.unknown = "—" if unicode else "-"
        self.dot = "·" if unicode else "|"

    def qualifier(self, q: str | None) -> str:
        if q is None:
            return ""
        mark, ascii_mark = QUALIFIERS[q]
        return mark if self.unicode else ascii_mark

    def text(self, s: str) -> str:
        if self.unicode:
            return s
        table = {"÷": "/", "×": "*", "−": "-", "—": "-", "–": "-", "’": "'", "‘": "'", "“": '"', "”": '"',
                 "…": "...", "≤": "<=", "≥": ">=", "·": "|"}
        out = "".join(table.get(c, c) for c in s)
        return out.encode("ascii", "replace").decode("ascii")


def fmt_number(v: Any) -> str:
    """1000000 -> '1,000,000'; 38.7 -> '38.7'."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        v = int(v)
    return format(v, ",")


def fmt_value(v: Any, qualifier: str | None, marks: Marks) -> str:
    if v is None:
        return marks.unknown
    mark = marks.qualifier(qualifier)
    return f"{mark} {fmt_number(v)}".strip()


def _year(y: int | None, marks: Marks) -> str:
    return marks.unknown if y is None else str(y)


def fact_sheet(p: Profile, stats: list[Stat], marks: Marks) -> list[Block]:
    """Every block of ``asgm show``."""
    src = p.source_number
    name = p.name + (f" ({p.native_name})" if p.native_name and p.native_name != p.name else "")
    blocks: list[Block] = [
        Heading(name, f" {marks.dot} ".join([p.iso2, p.iso3, p.region])),
        Paragraph("", p.summary),
    ]
    notes = []
    rows = []
    for f in p.figures:
        label = f.label + (f" ({f.scope})" if f.scope else "")
        rows.append([label, fmt_value(f.value, f.qualifier, marks), f.unit, _year(f.year, marks), f"[{src(f.source)}]"])
        if f.note:
            notes.append(f"{f.id}: {f.note}")
    legend = f"{marks.qualifier('at_most')} at most, {marks.qualifier('at_least')} at least, ~ roughly, " \
             f"{marks.unknown} no year given"
    blocks.append(Table("Key figures", [Column("Figure", wrap=True), Column("Value", right=True), Column("Unit"),
                                        Column("Year"), Column("Src")], rows, [legend] + notes))
    if p.production:
        prod_notes = [f"{pr.year}: {pr.note}" for pr in p.production if pr.note]
        blocks.append(Table("National gold production", [Column("Year"), Column("Production", right=True),
                                                         Column("Unit"), Column("Src")],
                            [[str(pr.year), fmt_value(pr.value, pr.qualifier, marks), pr.unit, f"[{src(pr.source)}]"]
                             for pr in p.production], prod_notes))
    if stats:
        stat_notes = ["Arithmetic on the figures above, rounded to 4 significant figures; not sourced figures."]
        stat_notes += [f"{s.id}: {s.note}" for s in stats if s.note]
        blocks.append(Table(
            "Derived statistics",
            [Column("Statistic", wrap=True), Column("Value", right=True), Column("Unit"), Column("Formula", wrap=True)],
            [[s.label, fmt_value(s.value, s.qualifier, marks), s.unit, formula_text(s)] for s in stats],
            stat_notes))
    for t in p.targets:
        qual = marks.qualifier(t.qualifier)
        words = [f"{t.communities} {t.community_unit}", f"{qual + ' ' if qual else ''}{fmt_number(t.mercury_reduction)}"
                 f" {t.mercury_unit} less mercury used"]
        if t.years:
            words.append(f"over {t.years} years")
        text = f" {marks.dot} ".join(words) + f" [{src(t.source)}]"
        if t.note:
            text += f"\nNote: {t.note}"
        blocks.append(Paragraph(t.label, text))
    if p.approach:
        blocks.append(Paragraph("Approach", p.approach))
    for title, items in (("Key strategies", p.strategies), ("Challenges", p.challenges)):
        if items:
            blocks.append(Table(title, [Column("Id"), Column("Title"), Column("What it means", wrap=True)],
                                [[i.id, i.title, i.description] for i in items]))
    blocks.append(Table("Sources", [Column("#", right=True), Column("Source", wrap=True)],
                        [[f"[{n}]", f"{s.title}. {s.publisher}. {s.url} (accessed {s.accessed})"]
                         for n, s in enumerate(p.sources, 1)]))
    return blocks


def formula_text(s: Stat) -> str:
    """The formula and, after '=', the values that went into it."""
    values = ", ".join(
        f"{i.id} = {fmt_number(i.value)} {i.unit}" + (f" ({i.year})" if i.year is not None else "")
        for i in s.inputs)
    return f"{s.formula}\nwhere {values}"


def record_table(title: str, records: Sequence[Record], columns: Sequence[str], marks: Marks) -> Table:
    """A table of records for ``--format table``; a value cell carries its qualifier mark."""
    cols = [Column(c, right=(c == "value"), wrap=c in ("label", "description", "quote", "note", "formula",
                                                          "inputs", "source", "title", "path", "summary"))
            for c in columns]
    rows = []
    for r in records:
        row = []
        for c in columns:
            v = r.get(c)
            if c == "value":
                row.append(fmt_value(v, r.get("qualifier"), marks))
            elif c == "inputs" and isinstance(v, list):
                row.append("; ".join(f"{i['id']} = {fmt_number(i['value'])} {i['unit']}" for i in v))
            elif v is None:
                row.append(marks.unknown)
            else:
                row.append(fmt_number(v) if isinstance(v, (int, float)) and c != "year" else str(v))
        rows.append(row)
    return Table(title, cols, rows)


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
    lines = [t.title, "=" * min(len(t.title), width)] if t.title else []
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
            if b.title:
                out += [b.title, "=" * min(len(b.title), width)]
            for para in b.text.split("\n"):
                out += textwrap.wrap(para, width, break_on_hyphens=False) or [""]
        else:
            out += _plain_table(b, width)
        out.append("")
    return marks.text("\n".join(out).rstrip() + "\n")


# ----------------------------------------------------------------------------------------- rich


def rich_print(blocks: Sequence[Block], env: Env, marks: Marks) -> None:
    """Draw blocks with Rich on stdout (colour only where ``env`` allows it)."""
    import sys

    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.padding import Padding
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(file=sys.stdout, width=env.width, no_color=not env.stdout_color,
                      force_terminal=env.stdout_color, highlight=False, emoji=False,
                      safe_box=not marks.unicode)
    style = box.SIMPLE_HEAD if marks.unicode else box.ASCII2
    for b in blocks:
        if isinstance(b, Heading):
            console.print(Text(b.title, style="bold"))
            console.print(Text(marks.text(b.subtitle), style="dim"))
        elif isinstance(b, Paragraph):
            if b.title:
                console.print(Text(b.title, style="bold cyan"))
            console.print(Text(marks.text(b.text)))
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
