"""Help text that fits the terminal and never breaks a word (loaded only to format help or a usage error).

Click wraps help at least 50 columns wide (wider than a 40-column terminal, which then breaks
lines mid-word), breaks words longer than a line, and gives option descriptions a column as
narrow as 10 characters. This formatter wraps at the terminal's width (at most 80, as click does),
moves words whole to the next line, and puts an option's description under the option when the
column beside it would be too narrow to read.
"""

from __future__ import annotations

import os
import shutil
from typing import Sequence

from typer._click.formatting import HelpFormatter, iter_rows, measure_table, term_len

#: below this many columns beside the option names, descriptions go on the lines under them
NARROW = 28


def _width(width: int | None) -> int:
    if width is not None:
        return width
    return max(min(shutil.get_terminal_size().columns, 80) - 2, 20)


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "",
         preserve_paragraphs: bool = False) -> str:
    """click's ``wrap_text``, except that no word is broken: one longer than the line stands alone.

    A raw paragraph (after a ``\\b`` line: examples) keeps its lines; one too long for the width
    wraps at its spaces, continued four columns further in.
    """
    from textwrap import TextWrapper  # the standard one: click's own cuts a long word whatever it is told

    wrapper = TextWrapper(max(width, 1), initial_indent=initial_indent, subsequent_indent=subsequent_indent,
                          replace_whitespace=False, break_long_words=False, break_on_hyphens=False)
    text = text.expandtabs()
    if not preserve_paragraphs:
        return wrapper.fill(text)
    paragraphs: list[tuple[int, bool, list[str]]] = []
    lines: list[str] = []
    indent = 0
    for line in text.splitlines() + [""]:
        if line:
            if not lines:
                indent = term_len(line) - term_len(line.lstrip())
            lines.append(line.lstrip() if len(lines) == 0 else line)
            continue
        if lines:
            raw = lines[0].strip() == "\b"
            paragraphs.append((indent, raw, lines[1:] if raw else lines))
            lines = []
    out = []
    for indent, raw, body in paragraphs:
        lead = initial_indent + " " * indent
        if not raw:
            out.append(TextWrapper(max(width, 1), initial_indent=lead, subsequent_indent=subsequent_indent + " " * indent,
                                   break_long_words=False, break_on_hyphens=False).fill(" ".join(x.strip() for x in body)))
            continue
        kept = []
        for line in body:
            inner = len(line) - len(line.lstrip())
            head = lead + " " * inner
            kept.append(TextWrapper(max(width, 1), initial_indent=head, subsequent_indent=head + "    ",
                                    break_long_words=False, break_on_hyphens=False).fill(line.strip()) or head.rstrip())
        out.append("\n".join(kept))
    return "\n\n".join(out)


class Formatter(HelpFormatter):
    """click's help formatter with ``wrap`` and definition lists that stay readable when narrow."""

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None) -> None:
        if width is None and os.environ.get("COLUMNS", "").isdigit():
            width = max(min(int(os.environ["COLUMNS"]), 80) - 2, 20)
        super().__init__(indent_increment, _width(width), max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = "Usage: " if prefix is None else prefix
        head = f"{prefix:>{self.current_indent}}{prog} "
        self.write(wrap(args, self.width - self.current_indent, initial_indent=head,
                        subsequent_indent=" " * min(term_len(head), 8)) + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap(text, self.width, initial_indent=indent, subsequent_indent=indent, preserve_paragraphs=True))
        self.write("\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        widths = measure_table(rows)
        first_col = min(widths[0], col_max) + col_spacing
        text_width = self.width - first_col - self.current_indent
        narrow = text_width < NARROW
        for first, second in iter_rows(rows, len(widths)):
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if narrow:  # the description on its own lines, indented under the option
                pad = " " * (self.current_indent + 4)
                self.write("\n" + wrap(second, self.width, initial_indent=pad, subsequent_indent=pad) + "\n")
                continue
            if term_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - term_len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, text_width).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")
