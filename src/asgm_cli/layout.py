"""Drawing blocks at a width: one layout for every width (``layout``), painted as plain text
(``plain``), with Rich on a terminal (``rich_print``), or as Markdown (``markdown``).
"""

from __future__ import annotations

from typing import Any, Sequence

from asgm_cli.blocks import GLUE, Block, Chart, Heading, Marks, Paragraph, Table, keep
from asgm_cli.errors import strip_control
from asgm_cli.term import Env

#
# One layout for every width, two painters. ``layout`` turns blocks into lines that fit the width
# (each line a list of (text, style) segments); ``plain`` joins them, ``rich_print`` colours them
# and makes URLs hyperlinks. Wrapping breaks only at plain spaces: GLUE joins what must stay on
# one line (a value and its unit, a qualifier and its number), and a word longer than the line
# (a long URL at 40 columns) is folded with the cut mark at the end of each piece.

MIN_COLUMN = 20  # a wrapped column narrower than this reads one word a line: stack the records instead
GAP = 2
MAX_BAR = 60  # columns: a longer bar adds nothing but distance between a label and its value

Segment = tuple[str, str]  # (text, style name)
Line = list[Segment]


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


def _row_note(t: Table, n: int, width: int, marks: Marks) -> list[Line]:
    """The note of row ``n``, under it, indented: it reads as part of that row."""
    note = t.row_notes[n] if 0 <= n < len(t.row_notes) else ""
    return [[(line, "note")] for line in wrap(marks.text(note), width, marks, "    ", "    ")] if note else []


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
    floors = {i: min(natural[i], t.columns[i].floor or MIN_COLUMN) for i in flex}
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
        for n, (head, body) in enumerate(t.stack):
            head, body = marks.text(head), marks.text(body)
            if t.stack_run_in:  # one paragraph: the body's text stays whole and in order
                lines = wrap(f"{head}: {body}", width, marks, "", "  ")
                first = lines[0]
                out.append([(first[: len(head)], "bold"), (first[len(head):], "")] if first.startswith(head)
                           else [(first, "")])
                out += [[(line, "")] for line in lines[1:]] + _row_note(t, n, width, marks)
                continue
            out += [[(line, "bold")] for line in wrap(head, width, marks)]
            out += [[(line, "")] for line in wrap(body, width, marks, "  ", "  ")] + _row_note(t, n, width, marks)
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
    for n, r in enumerate(rows):
        if n:
            out += _row_note(t, n - 1, width, marks)
        cells = [wrap(v, w, marks) if c.wrap else v.split("\n") for v, c, w in zip(r, t.columns, widths)]
        for k in range(max(len(c) for c in cells)):
            parts = [(cells[i][k] if k < len(cells[i]) else "") for i in range(len(cells))]
            text = (" " * GAP).join(p.rjust(w) if c.right else p.ljust(w) for p, c, w in zip(parts, t.columns, widths))
            out.append([(text.rstrip(), "")])
    return out + _row_note(t, len(rows) - 1, width, marks) + _notes(t.notes, width, marks)


def _stacked_lines(t: Table, rows: list[list[str]], width: int, marks: Marks) -> list[Line]:
    """The record layout of narrow screens: the first cell as a title, the others beneath it.

    Short cells share a line ('Year: 2023 · Src: [2]'); a column marked ``joins`` rides on the one
    before it ('1,000,000 people'); a long cell gets lines of its own.
    """
    out: list[Line] = []
    for n, r in enumerate(rows):
        if n:
            out += _row_note(t, n - 1, width, marks)
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
    return out + (_row_note(t, len(rows) - 1, width, marks) if rows else [])


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
    return strip_control(text.replace(GLUE, " ")) + "\n"


# ----------------------------------------------------------------------------------------- rich

STYLES = {"name": "bold", "sub": "dim", "title": "bold cyan", "head": "bold underline", "rule": "dim", "note": "dim",
          "bold": "bold", "solid": "cyan", "light": "dim cyan", "": ""}
# A URL ends at anything that could close an HTML attribute or start a terminal command
URL = r"https?://[^\s\x00-\x1f\x7f-\x9f\"'<>`]+"


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
            text.append(strip_control(segment.replace(GLUE, " ")), STYLES[style])
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

    from asgm_cli.output import markdown_text

    def escaped(text: str) -> str:  # URLs become <...> links; every other '<', '>' and '&' an entity
        parts = re.split(r"(https?://[^\s)\"'<>`]+)", text)
        return "".join(f"<{p}>" if i % 2 else markdown_text(p) for i, p in enumerate(parts))

    def cell(text: str) -> str:
        return escaped(text.replace("|", "\\|").replace("\n", " ").replace(GLUE, " "))

    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out += [f"# {markdown_text(b.title)}", "", markdown_text(b.subtitle), ""]
        elif isinstance(b, Paragraph):
            out += ([f"## {markdown_text(b.title)}", ""] if b.title else []) + [
                markdown_text(b.text).replace("\n", "  \n"), ""]
        elif isinstance(b, Chart):
            width = 80
            out += [f"## {markdown_text(b.title)}", "", "```text"]
            out += ["".join(t for t, _ in line).replace(GLUE, " ").rstrip() for line in chart_lines(b, width, marks)]
            out += ["```", ""] + [f"- {cell(n)}" for n in b.notes] + ([""] if b.notes else [])
        else:
            out += [f"## {markdown_text(b.title)}", "", "| " + " | ".join(cell(c.header) for c in b.columns) + " |",
                    "|" + "|".join("---:" if c.right else "---" for c in b.columns) + "|"]
            out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in b.rows]
            # A pipe table has no row for a note: each follows the table, after its row's first cell.
            said = [f"{row[0]}: {note}" for row, note in zip(b.rows, b.row_notes) if note]
            out += [""] + [f"- {cell(n)}" for n in said + list(b.notes)] + ([""] if b.notes or said else [])
    return strip_control(marks.text("\n".join(out).rstrip() + "\n").replace(GLUE, " "))

