"""The vocabulary of presentation: blocks (headings, paragraphs, tables, charts), the marks that
stand for qualifiers and unknowns, and how a number and its qualifier are written. ``render``
composes blocks from profiles and records; ``layout`` draws them at a width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from asgm_cli.frozen import frozen
from asgm_cli.number import whole
from asgm_cli.vocab import QUALIFIERS

GLUE = "\x1f"  # a space that never breaks; YAML cannot carry this control character, so data never does


def keep(text: str) -> str:
    """``text`` as one unbreakable unit (shown with ordinary spaces)."""
    return text.replace(" ", GLUE)


@frozen
class Column:
    header: str
    right: bool = False
    wrap: bool = False
    joins: bool = False  # in the stacked layout, this cell follows the one before it (a unit after its value)
    floor: int = 0  # the narrowest a wrapped column may get (its longest word); 0: layout.MIN_COLUMN


@frozen
class Table:
    title: str
    columns: list[Column]
    rows: list[list[str]]
    notes: Sequence[str] = ()
    #: the stacked layout of each row, (headline, body), where the generic one reads worse
    stack: list[tuple[str, str]] | None = None
    stack_below: int = 0  # columns: narrower than this, stack even when the grid would fit
    stack_run_in: bool = False  # stacked: the body follows the headline on its line ('Title · id: text')


@frozen
class Heading:
    title: str
    subtitle: str = ""


@frozen
class Paragraph:
    title: str
    text: str


@frozen
class Bar:
    """One bar: solid up to ``low``, lighter from ``low`` to ``high`` (fractions of the full width)."""

    label: str
    low: float
    high: float
    text: str


@frozen
class Chart:
    title: str
    bars: list[Bar]
    notes: Sequence[str] = ()


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
    return "" if v is None else format(whole(v), ",")


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

