"""Commands about one country: its fact sheet, figures, series, statistics, strategies, one value, sources."""

from __future__ import annotations

import sys
from typing import Annotated, Any, List, Optional

import typer

from asgm_cli.cli import command
from asgm_cli.commands.options import (
    Country,
    CsvOpt,
    DataDirOpt,
    ExportFormat,
    FieldsOpt,
    Format,
    FormatOpt,
    JsonOpt,
    NoColorOpt,
    NoPagerOpt,
    PriceOpt,
    StatsYearOpt,
    YearOpt,
    complete_country,
    complete_figure,
    complete_id,
    derive_stats,
    emit_records,
    load_country,
    marks_for,
    print_blocks,
)
from asgm_cli.errors import LookupFailed, UsageFailed, check_price, no_year_error


@command(epilog="\b\nExamples:\n  asgm show peru\n  asgm show peru --format markdown > peru.md\n"
                "  asgm show PE --json | jq '.statistics[].id'")
def show(
    country: Country,
    json_: JsonOpt = False,
    fmt: Annotated[Optional[Format], typer.Option(
        "--format", "-f", help="table, text (without colour or box lines), markdown, json (the whole profile), or "
        "the sheet's figures as jsonl, csv or tsv (as asgm figures gives them). Default: table on a terminal, text "
        "in a pipe.", metavar="FORMAT", show_default=False)] = None,
    year: YearOpt = None,
    gold_price: PriceOpt = None,
    chart: Annotated[Optional[str], typer.Option(
        "--chart", help="Draw a figure's series over the years instead of the fact sheet: any figure id, or "
        "production (national gold production, with the ASGM output of the same year drawn inside).",
        metavar="ID", show_default=False, autocompletion=complete_figure)] = None,
    export: Annotated[Optional[str], typer.Option(
        "--export", "-o", help="Write to FILE instead of the terminal: .svg, .html, .md or .txt (format from the "
        "extension); - writes Markdown to stdout. The file is replaced atomically.", metavar="FILE",
        show_default=False)] = None,
    export_format: Annotated[Optional[ExportFormat], typer.Option(
        "--export-format", help="svg, html, markdown or text, when the file name does not say it.",
        metavar="FORMAT", show_default=False)] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Export over a write-protected file, or through a file's other hard links.")] = False,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """The whole fact sheet of one country.

    Figures, statistics, target, strategies and sources, each figure with its notes and source.
    """
    from asgm_cli.term import Env

    if export_format and not export:
        raise UsageFailed("--export-format needs --export FILE")
    if export is not None and (json_ or fmt):
        raise UsageFailed("choose --export or --json/--format, not both")
    if export is not None:
        from asgm_cli.export import export_format as pick_export

        export_kind = pick_export(export, {"markdown": "md", "text": "txt"}.get(export_format or "", export_format), force)
    profile = load_country(country, data_dir)
    stats = derive_stats(profile, year, gold_price)
    if json_ and fmt not in (None, "json"):
        raise UsageFailed("choose one output format: --json or --format")
    env = Env.detect(no_color)
    chosen = "json" if json_ else fmt if fmt else ("table" if env.stdout_tty else "text")
    if chosen in ("json", "jsonl", "csv", "tsv"):
        from asgm_cli.output import dumps_json, format_records, write_bytes
        from asgm_cli.records import FIGURE_FIELDS, figure_records, profile_document

        if chart is not None:
            _series_id(profile, chart)  # an unknown id is an error in every format
        if chosen == "json":
            write_bytes(dumps_json(profile_document(profile, stats, year)))
        else:
            write_bytes(format_records(figure_records(profile, year=year), FIGURE_FIELDS, chosen))
        return
    from asgm_cli.blocks import Block, Marks
    from asgm_cli.pager import paged
    from asgm_cli.render import fact_sheet, series_chart

    marks = marks_for(env) if export is None and chosen != "markdown" else Marks(True)
    if chart is not None:
        fid = _series_id(profile, chart)
        if not any(f.year is not None for f in profile.observations(fid)):
            raise LookupFailed(f"{profile.name} has no dated {fid} to chart")
        blocks: list[Block] = [series_chart(profile, fid, marks)]
    else:
        from asgm_cli.check import check_profile, summary

        blocks = fact_sheet(profile, stats, marks, year, summary([f.severity for f in check_profile(profile)]))
    if export is not None:
        from asgm_cli.export import render, write_atomic

        text = render(blocks, export_kind, f"asgm show {profile.id}")
        if export == "-":
            from asgm_cli.output import write_bytes

            write_bytes(text)
        else:
            write_atomic(export, text, force)
        return
    with paged(env, no_pager):
        print_blocks(blocks, env, marks, chosen)


@command(epilog="\b\nExamples:\n  asgm figures peru\n  asgm figures --json | jq -r '.[] | [.country, .id, .value] | @tsv'")
def figures(
    countries: Annotated[Optional[List[str]], typer.Argument(
        help="Countries (id, name or ISO code); none means every profile.", metavar="[COUNTRY]...",
        show_default=False, autocompletion=complete_country)] = None,
    year: YearOpt = None,
    headline: Annotated[bool, typer.Option("--headline", help="Only each figure's headline observation.")] = False,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Every observation of every figure, one record each.

    National gold production included; none means every profile.
    """
    from asgm_cli import api
    from asgm_cli.records import FIGURE_FIELDS

    records = api.figures(countries or None, year=year, headline=headline, data_dirs=data_dir)
    several = len({r["country"] for r in records}) > 1  # one country: its id need not be on every row
    emit_records(records, FIGURE_FIELDS, ("label", "value", "unit", "year", "stated", "id") + ("country",) * several, "Key figures",
          json_, csv_, fmt, fields, no_color, no_pager=no_pager)


def _series_id(profile: Any, fid: str) -> str:
    """A figure id of the profile (or an alias: production means national_gold_production), or a lookup error."""
    from asgm_cli.indicators import unknown_id
    from asgm_cli.lookup import resolve

    fid = resolve(fid)
    if profile.figure(fid) is None:
        raise unknown_id(f"{profile.name} has no figure", fid, profile.ids())
    return fid


@command(epilog="\b\nExamples:\n  asgm series peru production\n  asgm series ghana asgm_gold_output --json")
def series(
    country: Country,
    value_id: Annotated[str, typer.Argument(help="A figure id; production means national_gold_production.",
                                            metavar="ID", show_default=False, autocompletion=complete_figure)],
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Every observation of one figure, oldest first.

    Undated observations come last; each with its basis and its source's number.
    """
    from asgm_cli.records import FIGURE_FIELDS, figure_records

    profile = load_country(country, data_dir)
    fid = _series_id(profile, value_id)
    records = figure_records(profile, ids=[fid])

    def draw(marks: Any, width: int) -> list[Any]:
        from asgm_cli.render import series_table

        return [series_table(profile, records, marks)]

    emit_records(records, FIGURE_FIELDS, ("year", "value", "unit", "basis", "source_id", "headline"),
          f"{records[0]['label']}, {profile.name}", json_, csv_, fmt, fields, no_color, draw, no_pager=no_pager)


@command(epilog="\b\nExamples:\n  asgm stats peru\n  asgm stats peru --year 2022 --gold-price 2300 --json")
def stats(
    country: Country,
    year: StatsYearOpt = None,
    all_years: Annotated[bool, typer.Option(
        "--all-years", help="Every year for which a statistic can be computed, each oldest first.")] = False,
    gold_price: PriceOpt = None,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Derived statistics with their formulas and inputs."""
    from asgm_cli import api
    from asgm_cli.records import STAT_FIELDS

    check_price(gold_price)  # the API's messages name its arguments; the command's name its options
    if all_years and year is not None:
        raise UsageFailed("choose --year or --all-years, not both")
    records = api.stats(country, year=year, gold_price=gold_price, all_years=all_years, data_dirs=data_dir)
    emit_records(records, STAT_FIELDS, ("id", "value", "unit", "year", "caveats", "formula"), "Derived statistics",
          json_, csv_, fmt, fields, no_color, no_pager=no_pager)


@command(epilog="\b\nExample:\n  asgm strategies peru --json")
def strategies(
    country: Country,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """The key strategies of a country's planetGOLD project."""
    from asgm_cli.records import STRATEGY_FIELDS, strategy_records

    profile = load_country(country, data_dir)
    emit_records(strategy_records(profile), STRATEGY_FIELDS, ("id", "title", "description"), "Key strategies",
          json_, csv_, fmt, fields, no_color, no_pager=no_pager)


@command(epilog="\b\nExamples:\n  asgm get peru asgm_gold_output\n  asgm get ghana asgm_gold_output --as-given\n"
                "  asgm get ghana asgm_gold_output --unit Moz\n"
                "  share=$(asgm get peru asgm_share_of_national_output --year 2022)")
def get(
    country: Country,
    value_id: Annotated[str, typer.Argument(help="A figure or statistic id; production means national_gold_production.",
                                            metavar="ID", show_default=False, autocompletion=complete_id)],
    year: YearOpt = None,
    unit: Annotated[Optional[str], typer.Option(
        "--unit", "-u", help="Print the value in this unit (gold: t, kg, oz or Moz). Default: the indicator's unit "
        "(gold in tonnes).", metavar="UNIT", show_default=False)] = None,
    as_given: Annotated[bool, typer.Option("--as-given", help="Print the value in the unit its source gives.")] = False,
    gold_price: PriceOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="The whole record as one JSON object.")] = False,
    data_dir: DataDirOpt = None,
) -> None:
    """One bare value and a newline, for $(...) in shell scripts.

    A figure's headline (or its observation for --year), or a statistic, in the indicator's unit
    (gold in tonnes); a range prints as low-high. What the bare value leaves out (a qualifier, a
    range, a conversion, caveats) goes to stderr as a note.
    """
    from asgm_cli.lookup import bare, get_record, notes_for, resolve, value_of

    value_id = resolve(value_id)
    profile = load_country(country, data_dir)
    # A figure needs no statistics: deriving them (and importing stats) is kept off its path.
    is_figure = profile.figure(value_id) is not None
    check_price(gold_price)
    if year is not None and year not in profile.years():
        raise no_year_error(profile, year)  # as derive's check would, for a statistic
    item = value_of(profile, value_id, [] if is_figure else derive_stats(profile, year, gold_price), year)
    record = get_record(profile, item, unit, as_given)
    if json_:
        from asgm_cli.output import dumps_json, write_bytes

        write_bytes(dumps_json(record))
        return
    print(bare(record["value"], record["low"], record["high"]), flush=True)  # before the notes, in a `2>&1`
    try:
        for note in notes_for(record):
            sys.stderr.write(f"asgm: note: {note}\n")
    except (OSError, ValueError):
        pass


@command(epilog="\b\nExample:\n  asgm sources peru --json | jq -r '.[] | \"[\\(.number)] \\(.url)\"'")
def sources(
    country: Country,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """A profile's numbered sources, and what each one supports.

    Publisher, title, when each was published (as far as it says) and read, and its URL.
    """
    from asgm_cli.compare import SOURCE_FIELDS, source_records

    profile = load_country(country, data_dir)
    emit_records(source_records(profile), SOURCE_FIELDS,
                 ("number", "publisher", "title", "published", "accessed", "url", "supports"), f"Sources: {profile.name}",
                 json_, csv_, fmt, fields, no_color, no_pager=no_pager)
