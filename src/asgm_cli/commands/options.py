"""What the commands share: option types, completion, and the helpers that load profiles and
print records in the chosen format. Imported with the command modules at start-up: keep it small,
and import heavy modules inside the functions."""

from __future__ import annotations

from typing import Annotated, Any, Callable, List, Literal, Optional

import typer

from asgm_cli.errors import UsageFailed, check_price, no_year_error


# Literal, not Enum: typer turns both into a choice, and four Enum classes cost every run 0.3 ms.
Format = Literal["table", "json", "jsonl", "csv", "tsv", "markdown"]
ExportFormat = Literal["svg", "html", "md", "txt"]
Severity = Literal["error", "warning", "note"]
ShowFormat = Literal["table", "text", "json"]


def complete_country(incomplete: str) -> list[str]:
    """Profile ids from file names on the data path: no profile is parsed."""
    from asgm_cli.completion import country_ids

    return country_ids(incomplete)


def complete_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Figure and statistic ids of the country already typed (one profile is parsed)."""
    from asgm_cli.completion import value_ids

    return value_ids(ctx.params.get("country"), incomplete)


Country = Annotated[str, typer.Argument(help="Country id, name (any case, accents optional) or ISO code.",
                                        metavar="COUNTRY", show_default=False, autocompletion=complete_country)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="Shortcut for --format csv.")]
FormatOpt = Annotated[Optional[Format], typer.Option(
    "--format", "-f", help="Output format. Default: table on a terminal, tsv in a pipe.", show_default=False)]
FieldsOpt = Annotated[Optional[str], typer.Option(
    "--fields", help="Comma-separated fields to print, in this order.", metavar="A,B,...", show_default=False)]
YearOpt = Annotated[Optional[int], typer.Option(
    "--year", help="Use each figure's observation for this year, else its undated one, never another year's "
    "(default: each figure's headline).", metavar="YEAR", show_default=False)]
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
          draw: Callable[[Any, int], list[Any]] | None = None) -> None:
    """Records in the chosen format; on a terminal a table, or ``draw(marks, width)``'s blocks."""
    from asgm_cli.output import format_records, pick_fields, write_bytes
    from asgm_cli.term import Env

    env = Env.detect(no_color)
    chosen = choose_format(json_, csv_, fmt, env.stdout_tty)
    selected = pick_fields(all_fields, fields)
    if chosen != "table":
        write_bytes(format_records(records, selected, chosen))
        return
    from asgm_cli.layout import rich_print
    from asgm_cli.render import record_table

    marks = marks_for(env)
    if draw is not None and not fields:
        blocks = draw(marks, env.width)
    else:
        blocks = [record_table(title, records, selected if fields else table_fields, marks)]
    rich_print(blocks, env, marks)
