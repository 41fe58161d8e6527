"""What the commands share: option types, completion, and the helpers that load profiles and
print records in the chosen format. Imported with the command modules at start-up: keep it small,
and import heavy modules inside the functions."""

from __future__ import annotations

from typing import Annotated, Any, Callable, List, Literal, Optional

import typer

from asgm_cli.errors import UsageFailed, check_price, no_year_error


# Literal, not Enum: typer turns both into a choice, and four Enum classes cost every run 0.3 ms.
#: one vocabulary: every command that prints records or a document takes these names
Format = Literal["table", "text", "json", "jsonl", "csv", "tsv", "markdown"]
ExportFormat = Literal["svg", "html", "markdown", "text"]
Severity = Literal["error", "warning", "note"]
DocumentFormat = Literal["table", "text", "json", "markdown"]


def complete_country(incomplete: str) -> list[str]:
    """Profile ids from file names on the data path: no profile is parsed."""
    from asgm_cli.completion import country_ids

    return country_ids(incomplete)


def complete_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Figure and statistic ids of the country already typed (one profile is parsed)."""
    from asgm_cli.completion import value_ids

    return value_ids(_typed_country(ctx), incomplete)


def _typed_country(ctx: typer.Context) -> str | None:
    """The country typed before the word being completed: completing an option's value (``--chart``)
    leaves the arguments unparsed, in ``ctx.args``."""
    return ctx.params.get("country") or (ctx.args[0] if ctx.args else None)


def complete_figure(ctx: typer.Context, incomplete: str) -> list[str]:
    """Figure ids of the country already typed: what ``series`` and ``--chart`` take."""
    from asgm_cli.completion import figure_ids

    return figure_ids(_typed_country(ctx), incomplete)


def complete_indicator(incomplete: str) -> list[str]:
    """Shared indicator and statistic ids, for ``rank`` and ``compare --indicators`` (none parsed)."""
    from asgm_cli.completion import indicator_ids

    return indicator_ids(incomplete)


Country = Annotated[str, typer.Argument(help="Country id, name (any case, accents optional) or ISO code.",
                                        metavar="COUNTRY", show_default=False, autocompletion=complete_country)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]
JsonOnlyOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="Shortcut for --format csv.")]
FormatOpt = Annotated[Optional[Format], typer.Option(
    "--format", "-f", help="table, text (the table without colour or box lines), json, jsonl, csv, tsv or markdown. "
    "Default: table on a terminal, tsv in a pipe.", metavar="FORMAT", show_default=False)]
DocumentFormatOpt = Annotated[Optional[DocumentFormat], typer.Option(
    "--format", "-f", help="table, text (without colour or box lines), json or markdown. Default: table on a "
    "terminal, text in a pipe.", metavar="FORMAT", show_default=False)]
NoPagerOpt = Annotated[bool, typer.Option(
    "--no-pager", help="Never page: a terminal gets the output straight through, however long.")]
FieldsOpt = Annotated[Optional[str], typer.Option(
    "--fields", help="Comma-separated fields to print, in this order.", metavar="A,B,...", show_default=False)]
YearOpt = Annotated[Optional[int], typer.Option(
    "--year", help="Use each figure's observation for this year, else its undated one (shown, never ranked), "
    "never another year's; statistics use that year's observations only (default: the headlines).",
    metavar="YEAR", show_default=False)]
StatsYearOpt = Annotated[Optional[int], typer.Option(
    "--year", help="Derive from this year's observations only, never an undated one or another year's "
    "(default: each statistic's headline).", metavar="YEAR", show_default=False)]
PriceOpt = Annotated[Optional[float], typer.Option(
    "--gold-price", help="Gold price in USD per troy ounce; adds value statistics.", metavar="USD_PER_TROY_OZ",
    show_default=False)]
DataDirOpt = Annotated[Optional[List[str]], typer.Option(
    "--data-dir", help="Extra profile directory, searched before the bundled profiles (repeatable).",
    metavar="DIR", show_default=False)]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="Never use colour.")]
CountriesArg = Annotated[Optional[List[str]], typer.Argument(
    help="Countries (id, name or ISO code).", metavar="[COUNTRY]...", show_default=False,
    autocompletion=complete_country)]
AllOpt = Annotated[bool, typer.Option("--all", "-a", help="Every profile on the data path.")]

def open_catalog(data_dir: list[str] | None) -> Any:
    from asgm_cli.catalog import Catalog

    return Catalog(data_dir)


def load_country(country: str, data_dir: list[str] | None) -> Any:
    cat = open_catalog(data_dir)
    return cat.load(cat.find(country))


def marks_for(env: Any) -> Any:
    """Typographic marks for stdout: ASCII stand-ins only for what its encoding cannot carry.

    A Latin-1 or cp1252 terminal lacks '≤' and '—' but has 'ú' and 'í': 'Perú' stays 'Perú'.
    """
    from asgm_cli.blocks import Marks

    if env.unicode:
        return Marks(True)

    class StreamMarks(Marks):
        def text(self, s: str) -> str:
            try:
                s.encode(env.encoding)
                return s
            except (UnicodeEncodeError, LookupError):
                pass
            out = []
            for ch in s:
                try:
                    ch.encode(env.encoding)
                    out.append(ch)
                except (UnicodeEncodeError, LookupError):
                    out.append(Marks.text(self, ch))
            return "".join(out)

    return StreamMarks(False)


def derive_stats(profile: Any, year: int | None, price: float | None, all_years: bool = False) -> list[Any]:
    from asgm_cli.stats import UnknownYear, derive, derive_all_years

    check_price(price)
    if all_years:
        return derive_all_years(profile, gold_price=price)
    try:
        return derive(profile, year=year, gold_price=price)
    except UnknownYear:
        raise no_year_error(profile, year or 0) from None


def choose_format(json_: bool, csv_: bool, fmt: Format | None, tty: bool) -> str:
    chosen = {f for f, on in (("json", json_), ("csv", csv_)) if on} | ({fmt} if fmt else set())
    if len(chosen) > 1:
        raise UsageFailed("choose one output format: --json, --csv or --format")
    return chosen.pop() if chosen else ("table" if tty else "tsv")


def emit_records(records: list[dict[str, Any]], all_fields: tuple[str, ...], table_fields: tuple[str, ...],
          title: str, json_: bool, csv_: bool, fmt: Format | None, fields: str | None, no_color: bool,
          draw: Callable[[Any, int], list[Any]] | None = None, no_pager: bool = False) -> None:
    """Records in the chosen format; on a terminal a table, or ``draw(marks, width)``'s blocks
    (``text``: the same without colour), through the pager when taller than the screen."""
    from asgm_cli.output import format_records, pick_fields, write_bytes
    from asgm_cli.pager import paged
    from asgm_cli.term import Env

    env = Env.detect(no_color)
    chosen = choose_format(json_, csv_, fmt, env.stdout_tty)
    selected = pick_fields(all_fields, fields)
    with paged(env, no_pager):
        if chosen not in ("table", "text"):
            write_bytes(format_records(records, selected, chosen))
            return
        from asgm_cli.render import record_table

        marks = marks_for(env)
        if draw is not None and not fields:
            blocks = draw(marks, env.width)
        else:
            blocks = [record_table(title, records, selected if fields else table_fields, marks)]
        print_blocks(blocks, env, marks, chosen)


def print_blocks(blocks: list[Any], env: Any, marks: Any, chosen: str) -> None:
    """Blocks on stdout: ``table`` drawn by Rich, ``text`` plain, ``markdown`` as Markdown."""
    import sys

    from asgm_cli.layout import markdown, plain, rich_print

    if chosen == "table":
        rich_print(blocks, env, marks)
    elif chosen == "markdown":
        from asgm_cli.output import write_bytes

        write_bytes(markdown(blocks, marks))
    else:
        sys.stdout.write(plain(blocks, env.width, marks))
