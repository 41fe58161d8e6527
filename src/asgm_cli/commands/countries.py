"""Commands across countries: the list, comparison, ranking, checks, coverage, the programme, the data package."""

from __future__ import annotations

import sys
from typing import Annotated, Any, List, Literal, Optional

import typer

from asgm_cli.cli import command
from asgm_cli.commands.options import (
    AllOpt,
    CountriesArg,
    CsvOpt,
    DataDirOpt,
    DocumentFormatOpt,
    FieldsOpt,
    FormatOpt,
    JsonOpt,
    NoColorOpt,
    NoPagerOpt,
    PriceOpt,
    Severity,
    YearOpt,
    complete_country,
    complete_indicator,
    emit_records,
    open_catalog,
    print_blocks,
)
from asgm_cli.errors import ExitCode, UsageFailed, check_price

CiteFormat = Literal["bibtex", "csl-json", "ris"]  # asgm_cli.cite.FORMATS, which start-up does not import


@command("list", epilog="\b\nExample:\n  asgm list --json | jq -r '.[].id'")
def list_(
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Every profile: id, name, ISO codes, region, origin.

    The origin is where it was loaded from: bundled, or a --data-dir or ASGM_DATA_PATH directory.
    """
    from asgm_cli import api
    from asgm_cli.records import COUNTRY_FIELDS

    records = api.profiles(data_dir)
    emit_records(records, COUNTRY_FIELDS, ("id", "name", "iso2", "iso3", "region", "origin"), "Profiles",
          json_, csv_, fmt, fields, no_color, no_pager=no_pager)

@command(epilog="\b\nExamples:\n  asgm indicators gold\n  asgm indicators --json | jq -r '.[].id'")
def indicators(
    word: Annotated[Optional[str], typer.Argument(
        help="Only the indicators whose id, label or definition contains WORD (any case).", metavar="[WORD]",
        show_default=False)] = None,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """The indicators: what each counts, and who has it when.

    Each with its label, unit and definition, the statistics derived from it, and how many
    countries have it for which years: the shared indicators first, then the figures profiles
    add of their own. The ids are what get, series, compare and rank take.
    """
    from asgm_cli.errors import LookupFailed, shorten
    from asgm_cli.indicators import INDICATOR_FIELDS, indicator_records, indicator_table

    cat = open_catalog(data_dir)
    profiles = [cat.load(e) for e in cat.entries()]
    records = indicator_records(profiles, word)
    if not records:
        raise LookupFailed(f"no indicator's id, label or definition contains '{shorten(word or '')}' "
                           "(asgm indicators lists every indicator)")

    def draw(marks: Any, width: int) -> list[Any]:
        return indicator_table(records, marks)

    emit_records(records, INDICATOR_FIELDS, ("id", "label", "unit", "countries", "years"), "Indicators",
                 json_, csv_, fmt, fields, no_color, draw, no_pager=no_pager)


def _measure(cat: Any, entries: list[Any], price: float | None, year: int | None) -> list[Any]:
    """(profile, statistics) for each entry: headlines, or ``year``'s observations."""
    from asgm_cli.compare import measure

    check_price(price)
    return measure([cat.load(e) for e in entries], year, price)


def _entries(cat: Any, countries: list[str] | None, all_: bool, verb: str = "compare") -> list[Any]:
    if countries and all_:
        raise UsageFailed("give countries or --all, not both")
    if not countries and not all_:
        raise UsageFailed(f"name the countries to {verb}, or use --all")
    entries = cat.entries() if all_ else [cat.find(c) for c in countries or ()]
    return list({e.id: e for e in entries}.values())


def _ids(text: str | None) -> list[str]:
    from asgm_cli.lookup import resolve

    return [resolve(i.strip()) for i in (text or "").split(",") if i.strip()]


@command(epilog="\b\nExamples:\n  asgm compare peru colombia bolivia\n  asgm compare --all --indicators asgm_gold_output,asgm_employment\n"
                "  asgm compare --all --json | jq '.[] | select(.value != null)'")
def compare(
    countries: CountriesArg = None,
    all_: AllOpt = False,
    indicators: Annotated[Optional[str], typer.Option(
        "--indicators", "-i", help="Comma-separated figure or statistic ids (default: the shared indicators and "
        "statistics any of the countries has).", metavar="ID,ID,...", show_default=False,
        autocompletion=complete_indicator)] = None,
    year: YearOpt = None,
    gold_price: PriceOpt = None,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Countries side by side, indicators as rows.

    Countries as columns; an unknown value is a dash.
    """
    from asgm_cli.compare import COMPARE_FIELDS, check_ids, compare_records, default_ids

    cat = open_catalog(data_dir)
    measured = _measure(cat, _entries(cat, countries, all_), gold_price, year)
    ids = _ids(indicators)
    check_ids(ids, measured)
    records = compare_records(measured, ids or default_ids(measured, year), year)
    names = [(p.id, p.name) for p, _ in measured]

    def draw(marks: Any, width: int) -> list[Any]:
        from asgm_cli.render import compare_tables

        return compare_tables(records, names, marks, width)

    emit_records(records, COMPARE_FIELDS, COMPARE_FIELDS, "Comparison", json_, csv_, fmt, fields, no_color, draw, no_pager=no_pager)


@command(epilog="\b\nExamples:\n  asgm rank asgm_employment\n  asgm rank asgm_gold_output --top 3 --json")
def rank(
    indicator: Annotated[str, typer.Argument(help="A figure or statistic id, e.g. asgm_gold_output.",
                                             metavar="INDICATOR", show_default=False,
                                             autocompletion=complete_indicator)],
    top: Annotated[Optional[int], typer.Option("--top", "-n", help="Only the first N countries (and no unknowns).",
                                               min=1, metavar="N", show_default=False)] = None,
    year: YearOpt = None,
    gold_price: PriceOpt = None,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Countries ordered by one indicator, with a bar chart.

    Countries without it are listed apart.
    """
    from asgm_cli.compare import RANK_FIELDS, check_ids, rank_records

    from asgm_cli.lookup import resolve

    indicator = resolve(indicator)
    cat = open_catalog(data_dir)
    measured = _measure(cat, cat.entries(), gold_price, year)
    check_ids([indicator], measured)
    records = rank_records(measured, indicator, year)
    if top is not None:
        records = [r for r in records if r["position"] is not None][:top]
    known = [r for r in records if r["position"] is not None]

    from asgm_cli.compare import _label

    label = _label(indicator, measured, year)[0]

    def draw(marks: Any, width: int) -> list[Any]:
        from asgm_cli.render import rank_chart

        return [rank_chart(records, indicator, marks, label, year)]

    title = f"{label} ({known[0]['unit']})" if known else label  # as render.rank_title, without importing it
    chartable = bool(known) and known[0]["unit"] != "rank"  # bars of a world rank would mislead
    emit_records(records, RANK_FIELDS, ("position", "name", "value", "unit", "year"), title,
          json_, csv_, fmt, fields, no_color, draw if chartable else None, no_pager=no_pager)

@command(epilog="\b\nExamples:\n  asgm check\n  asgm check bolivia --severity warning\n  asgm check --summary\n"
                "  asgm check --data-dir mydata --json | jq -r '.[] | select(.severity == \"error\") | .message'")
def check(
    countries: Annotated[Optional[List[str]], typer.Argument(
        help="Countries (id, name or ISO code); none means every profile.", metavar="[COUNTRY]...",
        show_default=False, autocompletion=complete_country)] = None,
    severity: Annotated[Optional[Severity], typer.Option(
        "--severity", help="The lowest severity shown: error, warning or note (the default: everything).",
        metavar="LEVEL", show_default=False)] = None,
    stale_years: Annotated[int, typer.Option(
        "--stale-years", help="A headline older than this many years is reported as stale.", min=0,
        metavar="N")] = 8,
    summary_: Annotated[bool, typer.Option(
        "--summary", help="One line per country: how many errors, warnings and notes.")] = False,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_bundled: Annotated[bool, typer.Option(
        "--no-bundled", help="Without COUNTRY, check only the profiles of --data-dir and ASGM_DATA_PATH, not the "
                             "bundled ones (a team's own data, as the pre-commit hook does).")] = False,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Where the numbers disagree, and which cannot be right.

    One finding per record; on a terminal grouped by country, errors first; --summary gives one
    line per country.

    Exit 1 when there is an error-level finding (an impossible number that no `acknowledged`
    note explains), else 0; a one-line summary goes to stderr.
    """
    from asgm_cli import api
    from asgm_cli.check import CHECK_FIELDS, SEVERITIES, summary

    findings = api.check(countries or None, data_dirs=data_dir, stale_years=stale_years, bundled=not no_bundled)
    lowest = SEVERITIES.index(severity) if severity else len(SEVERITIES) - 1
    shown = [f for f in findings if SEVERITIES.index(f["severity"]) <= lowest]
    cat = open_catalog(data_dir)
    entries = [cat.find(c) for c in countries] if countries else [
        e for e in cat.entries() if not no_bundled or e.origin != "bundled"]
    names = {e.id: cat.load(e).name for e in entries}
    if summary_:
        from asgm_cli.check import summary_records

        emit_records(summary_records(shown, list(names)), ("country", "errors", "warnings", "notes", "summary"),
                     ("country", "errors", "warnings", "notes"), "Checks by country",
                     json_, csv_, fmt, fields, no_color, no_pager=no_pager)
    else:
        def draw(marks: Any, width: int) -> list[Any]:
            from asgm_cli.render import check_tables

            return check_tables(shown, names, marks)

        emit_records(shown, CHECK_FIELDS, ("severity", "country", "ids", "years", "message"), "Checks",
                     json_, csv_, fmt, fields, no_color, draw, no_pager=no_pager)
    n = len(names)
    severities = [f["severity"] for f in findings]
    try:
        sys.stderr.write(f"asgm: {summary(severities) or 'no findings'} in {n} profile{'s' * (n != 1)}\n")
    except (OSError, ValueError):
        pass
    if "error" in severities:
        raise typer.Exit(int(ExitCode.DATA))


@command(epilog="\b\nExamples:\n  asgm coverage\n  asgm coverage --format markdown")
def coverage(
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Countries by indicators: the years on file for each.

    Blank where a country has none.
    """
    from asgm_cli.coverage import COVERAGE_FIELDS, coverage_records

    cat = open_catalog(data_dir)
    records = coverage_records([cat.load(e) for e in cat.entries()])
    emit_records(records, COVERAGE_FIELDS, COVERAGE_FIELDS, "Coverage: years on file", json_, csv_, fmt, fields, no_color,
                 no_pager=no_pager)


@command(epilog="\b\nExamples:\n  asgm programme\n  asgm programme --json | jq '.totals[] | {id, low, high, coverage}'")
def programme(
    json_: JsonOpt = False,
    fmt: DocumentFormatOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """planetGOLD itself: phases, countries, grants and totals.

    Its phases, their countries, grants and targets, and ASGM gold and mercury added up over the
    countries that have a profile, with coverage.
    """
    from asgm_cli.programme import load_programme, programme_blocks, programme_document
    from asgm_cli.term import Env

    if json_ and fmt not in (None, "json"):
        raise UsageFailed("choose one output format: --json or --format")
    cat = open_catalog(data_dir)
    doc = programme_document(load_programme(), [cat.load(e) for e in cat.entries()])
    env = Env.detect(no_color)
    chosen = "json" if json_ else fmt if fmt else ("table" if env.stdout_tty else "text")
    if chosen == "json":
        from asgm_cli.output import dumps_json, write_bytes

        write_bytes(dumps_json(doc))
        return
    from asgm_cli.blocks import Marks
    from asgm_cli.pager import paged

    marks = Marks(env.unicode or chosen == "markdown")
    with paged(env, no_pager):
        print_blocks(programme_blocks(doc, marks), env, marks, chosen)

@command(epilog="\b\nExamples:\n  asgm datapackage asgm-data\n  asgm datapackage asgm-data --force --data-dir mydata")
def datapackage(
    directory: Annotated[str, typer.Argument(help="Directory to write into (created if missing).", metavar="DIR",
                                             show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Write into a directory that is not empty, replacing the "
                                                        "package's files.")] = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Every profile as a Frictionless Data Package.

    CSV files and datapackage.json, for R, CKAN or pandas.
    """
    from asgm_cli.datapackage import datapackage as write_package

    counts = write_package(directory, data_dir, force)
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    try:
        sys.stderr.write(f"asgm: wrote {directory}/datapackage.json: {summary}\n")
    except (OSError, ValueError):
        pass


@command(epilog="\b\nExamples:\n  asgm cite peru > peru.bib\n  asgm cite --all --format csl-json > asgm.json\n"
                "  asgm cite ghana bolivia --format ris > sources.ris")
def cite(
    countries: CountriesArg = None,
    all_: AllOpt = False,
    fmt: Annotated[CiteFormat, typer.Option(
        "--format", "-f", help="bibtex (LaTeX, Zotero, JabRef), csl-json (Zotero, Pandoc) or ris (Word's "
        "reference managers: EndNote, Mendeley, Zotero).")] = "bibtex",
    data_dir: DataDirOpt = None,
) -> None:
    """The sources of countries, for a reference manager.

    BibTeX, CSL-JSON or RIS, keyed COUNTRY:SOURCE; unknown dates left out.
    """
    from asgm_cli import api
    from asgm_cli.output import write_bytes

    cat = open_catalog(data_dir)
    entries = _entries(cat, countries, all_, "cite")
    write_bytes(api.cite([e.id for e in entries], fmt, data_dir))
