"""The ``asgm`` command line: thin commands over the catalog, the statistics and the renderers.

Only typer and small modules load at start-up; yaml, rich and the renderers are imported
inside the commands that need them, and only the command that runs is built (its parameters
turned into click options): ``asgm get`` does not pay for the other commands' options.

To add a command, write a function below with the ``@command(...)`` decorator, as the others
are: its name is the command's name (``@command("name")`` to choose another), its docstring the
help, its parameters the options. ``asgm --help``, completion and the tests find it through the
registry, and it is built only when it runs or when help lists it. Import what it needs inside
the function, not at the top of this module (ruff's TID253 rule keeps that so).
"""

from __future__ import annotations

import functools
import math
import sys
from collections.abc import MutableMapping
from enum import Enum
from typing import Annotated, Any, Callable, Iterator, List, Optional

import typer
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from asgm_cli import __version__
from asgm_cli.errors import AsgmError, ExitCode, LookupFailed, UsageFailed


class _LazyCommands(MutableMapping):  # type: ignore[type-arg]
    """name -> click command, each built from its registered Typer function the first time it is
    looked up. Building one takes typer a millisecond or two (it inspects every parameter), so
    building all of them on every run cost more than the rest of ``asgm get``."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            from typer.main import get_command_from_info

            info = _REGISTRY[name]  # KeyError for an unknown name, as a dict would
            self._built[name] = get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=None)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._built.pop(name, None)
        _REGISTRY.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*_REGISTRY, *self._built]))

    def __len__(self) -> int:
        return len(set(_REGISTRY) | set(self._built))


#: every command, name -> its Typer CommandInfo, in the order they are defined (help lists them so)
_REGISTRY: dict[str, Any] = {}


class _Group(TyperGroup):
    """The command group: commands built on demand; a usage error's echo of a long argument is shortened."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands()

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names only: listing must not build every command

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except ClickException as e:
            raise _shortened(e) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ClickException as e:
            raise _shortened(e) from None


def _shortened(e: Any) -> Any:
    """The usage error ``e``, whose message now quotes at most 40 characters of any value."""
    import re

    from asgm_cli.errors import shorten

    original = e.format_message

    def format_message() -> str:
        text = re.sub(r"'([^']{41,})'", lambda m: f"'{shorten(m.group(1))}'", original())
        return re.sub(r"[^\s']{81,}", lambda m: shorten(m.group(0), 80), text)

    e.format_message = format_message
    return e


app = typer.Typer(
    cls=_Group,
    name="asgm",
    help="ASGM country fact sheets: sourced figures, derived statistics, JSON/CSV for scripts.",
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


class ExportFormat(str, Enum):
    svg = "svg"
    html = "html"
    md = "md"
    txt = "txt"


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    note = "note"


class ShowFormat(str, Enum):
    table = "table"
    text = "text"
    json = "json"


def _complete_country(incomplete: str) -> list[str]:
    """Profile ids from file names on the data path: no profile is parsed."""
    from asgm_cli.completion import country_ids

    return country_ids(incomplete)


def _complete_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Figure and statistic ids of the country already typed (one profile is parsed)."""
    from asgm_cli.completion import value_ids

    return value_ids(ctx.params.get("country"), incomplete)


Country = Annotated[str, typer.Argument(help="Country id, name (any case, accents optional) or ISO code.",
                                        metavar="COUNTRY", show_default=False, autocompletion=_complete_country)]
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


MAX_MESSAGE = 1000  # characters: every echoed argument is shortened where it is quoted; this is the backstop


def _report(e: AsgmError) -> None:
    # One line whatever the data held: splitlines() also breaks at \r, \x1c-\x1e, \x85 and \u2028.
    message = " ".join(e.message.replace("\0", "").splitlines())
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 3] + "..."
    try:
        sys.stderr.write(f"asgm: error: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def command(name: str | None = None, **kwargs: Any) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command (built only when it runs or help lists it) whose expected failures
    become one stderr line and an exit code. ``kwargs`` are ``app.command``'s (``epilog``, ...)."""
    from typer.models import CommandInfo

    def deco(fn: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(fn)
        def wrapper(*a: Any, **k: Any) -> None:
            try:
                fn(*a, **k)
            except AsgmError as e:
                _report(e)
                raise typer.Exit(int(e.code)) from None

        cmd = name or fn.__name__.lower().replace("_", "-")  # as typer names a function's command
        _REGISTRY[cmd] = CommandInfo(name=cmd, callback=wrapper, **kwargs)
        return wrapper

    return deco


def _version(value: bool) -> None:
    if value:
        print(f"asgm {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True,
                                          callback=_version)] = False,
) -> None:
    """ASGM country fact sheets on the command line.

    Every figure carries its unit, year, qualifier and source; every derived number shows its
    formula and inputs. Data goes to stdout, messages to stderr.

    \b
    Examples:
      asgm show peru
      asgm figures peru --json
      asgm stats peru --gold-price 2000
    """


# ------------------------------------------------------------------------------------ helpers


def _catalog(data_dir: list[str] | None) -> Any:
    from asgm_cli.catalog import Catalog

    return Catalog(data_dir)


def _load(country: str, data_dir: list[str] | None) -> Any:
    cat = _catalog(data_dir)
    return cat.load(cat.find(country))


def _marks(env: Any) -> Any:
    """Typographic marks for stdout: ASCII stand-ins only for what its encoding cannot carry.

    A Latin-1 or cp1252 terminal lacks '≤' and '—' but has 'ú' and 'í': 'Perú' stays 'Perú'.
    """
    from asgm_cli.render import Marks

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


def _check_price(price: float | None) -> None:
    if price is not None and (not math.isfinite(price) or price <= 0):
        raise UsageFailed(f"--gold-price must be a positive number of USD per troy ounce, got {price:g}")


def _no_year(profile: Any, year: int) -> LookupFailed:
    years = ", ".join(map(str, profile.years())) or "none"
    return LookupFailed(f"{profile.name} has no figure for {year}; years on file: {years}")


def _derive(profile: Any, year: int | None, price: float | None, all_years: bool = False) -> list[Any]:
    from asgm_cli.stats import UnknownYear, derive, derive_all_years

    _check_price(price)
    if all_years:
        return derive_all_years(profile, gold_price=price)
    try:
        return derive(profile, year=year, gold_price=price)
    except UnknownYear:
        raise _no_year(profile, year or 0) from None


def _format(json_: bool, csv_: bool, fmt: Format | None, tty: bool) -> str:
    chosen = {f for f, on in (("json", json_), ("csv", csv_)) if on} | ({fmt.value} if fmt else set())
    if len(chosen) > 1:
        raise UsageFailed("choose one output format: --json, --csv or --format")
    return chosen.pop() if chosen else ("table" if tty else "tsv")


def _emit(records: list[dict[str, Any]], all_fields: tuple[str, ...], table_fields: tuple[str, ...],
          title: str, json_: bool, csv_: bool, fmt: Format | None, fields: str | None, no_color: bool,
          draw: Callable[[Any, int], list[Any]] | None = None) -> None:
    """Records in the chosen format; on a terminal a table, or ``draw(marks, width)``'s blocks."""
    from asgm_cli.output import format_records, pick_fields, write_bytes
    from asgm_cli.term import Env

    env = Env.detect(no_color)
    chosen = _format(json_, csv_, fmt, env.stdout_tty)
    selected = pick_fields(all_fields, fields)
    if chosen != "table":
        write_bytes(format_records(records, selected, chosen))
        return
    from asgm_cli.render import record_table, rich_print

    marks = _marks(env)
    if draw is not None and not fields:
        blocks = draw(marks, env.width)
    else:
        blocks = [record_table(title, records, selected if fields else table_fields, marks)]
    rich_print(blocks, env, marks)


# ----------------------------------------------------------------------------------- commands


@command(epilog="\b\nExamples:\n  asgm show peru\n  asgm show PE --json | jq '.statistics[].id'")
def show(
    country: Country,
    json_: JsonOpt = False,
    fmt: Annotated[Optional[ShowFormat], typer.Option(
        "--format", "-f", help="table (Rich), text (plain) or json. Default: table on a terminal, text in a pipe.",
        show_default=False)] = None,
    year: YearOpt = None,
    gold_price: PriceOpt = None,
    chart: Annotated[Optional[str], typer.Option(
        "--chart", help="Draw a figure's series over the years instead of the fact sheet: any figure id, or "
        "production (national gold production, with the ASGM output of the same year drawn inside).",
        metavar="ID", show_default=False, autocompletion=_complete_id)] = None,
    export: Annotated[Optional[str], typer.Option(
        "--export", "-o", help="Write to FILE instead of the terminal: .svg, .html, .md or .txt (format from the "
        "extension); - writes Markdown to stdout. The file is replaced atomically.", metavar="FILE",
        show_default=False)] = None,
    export_format: Annotated[Optional[ExportFormat], typer.Option(
        "--export-format", help="Export format, when the file name does not say it.", show_default=False)] = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """The whole fact sheet of one country: figures, statistics, target, strategies, sources."""
    from asgm_cli.term import Env

    if export_format and not export:
        raise UsageFailed("--export-format needs --export FILE")
    if export is not None and (json_ or fmt):
        raise UsageFailed("choose --export or --json/--format, not both")
    if export is not None:
        from asgm_cli.export import export_format as pick_export

        export_kind = pick_export(export, export_format.value if export_format else None)
    profile = _load(country, data_dir)
    stats = _derive(profile, year, gold_price)
    if json_ and fmt not in (None, ShowFormat.json):
        raise UsageFailed("choose one output format: --json or --format")
    env = Env.detect(no_color)
    chosen = "json" if json_ else fmt.value if fmt else ("table" if env.stdout_tty else "text")
    if chosen == "json":
        from asgm_cli.output import dumps_json, write_bytes
        from asgm_cli.records import profile_document

        write_bytes(dumps_json(profile_document(profile, stats, year)))
        return
    from asgm_cli.render import Marks, fact_sheet, plain, rich_print, series_chart

    marks = _marks(env) if export is None else Marks(True)
    if chart is not None:
        fid = _series_id(profile, chart)
        if not any(f.year is not None for f in profile.observations(fid)):
            raise LookupFailed(f"{profile.name} has no dated {fid} to chart")
        blocks = [series_chart(profile, fid, marks)]
    else:
        from asgm_cli.check import check_profile, summary

        blocks = fact_sheet(profile, stats, marks, year, summary(check_profile(profile)))
    if export is not None:
        from asgm_cli.export import render, write_atomic

        text = render(blocks, export_kind, f"asgm show {profile.id}")
        if export == "-":
            from asgm_cli.output import write_bytes

            write_bytes(text)
        else:
            write_atomic(export, text)
        return
    if chosen == "text":
        sys.stdout.write(plain(blocks, env.width, marks))
    else:
        rich_print(blocks, env, marks)


@command(epilog="\b\nExamples:\n  asgm figures peru\n  asgm figures --json | jq -r '.[] | [.country, .id, .value] | @tsv'")
def figures(
    countries: Annotated[Optional[List[str]], typer.Argument(
        help="Countries (id, name or ISO code); none means every profile.", metavar="[COUNTRY]...",
        show_default=False, autocompletion=_complete_country)] = None,
    year: YearOpt = None,
    headline: Annotated[bool, typer.Option("--headline", help="Only each figure's headline observation.")] = False,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Every observation of every figure (national gold production included), one record each."""
    from asgm_cli.records import FIGURE_FIELDS, figure_records

    cat = _catalog(data_dir)
    entries = [cat.find(c) for c in countries] if countries else cat.entries()
    profiles = [cat.load(e) for e in entries]
    if year is not None and countries and all(year not in p.years() for p in profiles):
        raise _no_year(profiles[0], year)
    records = [r for p in profiles for r in figure_records(p, year=year, headline=headline)]
    _emit(records, FIGURE_FIELDS, ("country", "id", "value", "unit", "year", "label"), "Key figures",
          json_, csv_, fmt, fields, no_color)


def _series_id(profile: Any, fid: str) -> str:
    """A figure id of the profile ('production' means national_gold_production), or a lookup error."""
    from asgm_cli.errors import shorten

    fid = "national_gold_production" if fid == "production" else fid
    if profile.figure(fid) is None:
        from asgm_cli.catalog import suggest

        close = suggest(fid, profile.ids())
        raise LookupFailed(f"{profile.name} has no figure '{shorten(fid)}'" + (f"; did you mean {close}?" if close else ""))
    return fid


@command(epilog="\b\nExamples:\n  asgm series peru production\n  asgm series ghana asgm_gold_output --json")
def series(
    country: Country,
    value_id: Annotated[str, typer.Argument(help="A figure id; production means national_gold_production.",
                                            metavar="ID", show_default=False, autocompletion=_complete_id)],
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Every observation of one figure, oldest first (undated last), with its basis and source."""
    from asgm_cli.records import FIGURE_FIELDS, figure_records

    profile = _load(country, data_dir)
    fid = _series_id(profile, value_id)
    records = figure_records(profile, ids=[fid])
    _emit(records, FIGURE_FIELDS, ("year", "value", "unit", "basis", "source_id", "headline"),
          f"{records[0]['label']}, {profile.name}", json_, csv_, fmt, fields, no_color)


@command(epilog="\b\nExamples:\n  asgm stats peru\n  asgm stats peru --year 2022 --gold-price 2300 --json")
def stats(
    country: Country,
    year: YearOpt = None,
    all_years: Annotated[bool, typer.Option(
        "--all-years", help="Every year for which a statistic can be computed, each oldest first.")] = False,
    gold_price: PriceOpt = None,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Derived statistics with their formulas and inputs."""
    from asgm_cli.records import STAT_FIELDS, stat_records

    if all_years and year is not None:
        raise UsageFailed("choose --year or --all-years, not both")
    profile = _load(country, data_dir)
    records = stat_records(profile, _derive(profile, year, gold_price, all_years))
    _emit(records, STAT_FIELDS, ("id", "value", "unit", "year", "formula"), "Derived statistics",
          json_, csv_, fmt, fields, no_color)


@command(epilog="\b\nExample:\n  asgm strategies peru --json")
def strategies(
    country: Country,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """The key strategies of a country's planetGOLD project."""
    from asgm_cli.records import STRATEGY_FIELDS, strategy_records

    profile = _load(country, data_dir)
    _emit(strategy_records(profile), STRATEGY_FIELDS, ("id", "title", "description"), "Key strategies",
          json_, csv_, fmt, fields, no_color)


@command(epilog="\b\nExamples:\n  asgm get peru asgm_gold_output\n  share=$(asgm get peru asgm_share_of_national_output --year 2022)")
def get(
    country: Country,
    value_id: Annotated[str, typer.Argument(help="A figure id, a statistic id, or national_gold_production.",
                                            metavar="ID", show_default=False, autocompletion=_complete_id)],
    year: YearOpt = None,
    gold_price: PriceOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Print one bare value and a newline, for $(...) in shell scripts."""
    from asgm_cli.lookup import value_of

    profile = _load(country, data_dir)
    # A figure needs no statistics: deriving them (and importing stats) is kept off its path.
    is_figure = profile.figure(value_id) is not None
    _check_price(gold_price)
    if year is not None and year not in profile.years():
        raise _no_year(profile, year)  # as derive's check would, for a statistic
    print(value_of(profile, value_id, [] if is_figure else _derive(profile, year, gold_price), year))


@command("list", epilog="\b\nExample:\n  asgm list --json | jq -r '.[].id'")
def list_(
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Every profile: id, name, ISO codes, region and where it was loaded from."""
    from asgm_cli.records import COUNTRY_FIELDS, country_record

    cat = _catalog(data_dir)
    records = [country_record(cat.load(e), e) for e in cat.entries()]
    _emit(records, COUNTRY_FIELDS, ("id", "name", "iso2", "iso3", "region", "origin"), "Profiles",
          json_, csv_, fmt, fields, no_color)


def _measure(cat: Any, entries: list[Any], price: float | None, year: int | None) -> list[Any]:
    """(profile, statistics) for each entry: headlines, or ``year``'s observations."""
    from asgm_cli.compare import measure

    _check_price(price)
    return measure([cat.load(e) for e in entries], year, price)


def _entries(cat: Any, countries: list[str] | None, all_: bool) -> list[Any]:
    if countries and all_:
        raise UsageFailed("give countries or --all, not both")
    if not countries and not all_:
        raise UsageFailed("name the countries to compare, or use --all")
    entries = cat.entries() if all_ else [cat.find(c) for c in countries or ()]
    return list({e.id: e for e in entries}.values())


def _ids(text: str | None) -> list[str]:
    return [i.strip() for i in (text or "").split(",") if i.strip()]


@command(epilog="\b\nExamples:\n  asgm compare peru colombia bolivia\n  asgm compare --all --indicators asgm_gold_output,asgm_employment\n"
                "  asgm compare --all --json | jq '.[] | select(.value != null)'")
def compare(
    countries: Annotated[Optional[List[str]], typer.Argument(
        help="Countries (id, name or ISO code).", metavar="[COUNTRY]...", show_default=False,
        autocompletion=_complete_country)] = None,
    all_: Annotated[bool, typer.Option("--all", "-a", help="Every profile on the data path.")] = False,
    indicators: Annotated[Optional[str], typer.Option(
        "--indicators", "-i", help="Comma-separated figure or statistic ids (default: the shared indicators and "
        "statistics any of the countries has).", metavar="ID,ID,...", show_default=False)] = None,
    year: YearOpt = None,
    gold_price: PriceOpt = None,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Countries side by side: indicators as rows, countries as columns, unknowns as a dash."""
    from asgm_cli.compare import COMPARE_FIELDS, check_ids, compare_records, default_ids

    cat = _catalog(data_dir)
    measured = _measure(cat, _entries(cat, countries, all_), gold_price, year)
    ids = _ids(indicators)
    check_ids(ids, measured)
    records = compare_records(measured, ids or default_ids(measured, year), year)
    names = [(p.id, p.name) for p, _ in measured]

    def draw(marks: Any, width: int) -> list[Any]:
        from asgm_cli.render import compare_tables

        return compare_tables(records, names, marks, width)

    _emit(records, COMPARE_FIELDS, COMPARE_FIELDS, "Comparison", json_, csv_, fmt, fields, no_color, draw)


@command(epilog="\b\nExamples:\n  asgm rank asgm_employment\n  asgm rank asgm_gold_output --top 3 --json")
def rank(
    indicator: Annotated[str, typer.Argument(help="A figure or statistic id, e.g. asgm_gold_output.",
                                             metavar="INDICATOR", show_default=False)],
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
) -> None:
    """Countries ordered by one indicator, with a bar chart; countries without it listed apart."""
    from asgm_cli.compare import RANK_FIELDS, check_ids, rank_records

    cat = _catalog(data_dir)
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

        return [rank_chart(records, indicator, marks, label)]

    title = f"{label} ({known[0]['unit']})" if known else label  # as render.rank_title, without importing it
    chartable = bool(known) and known[0]["unit"] != "rank"  # bars of a world rank would mislead
    _emit(records, RANK_FIELDS, ("position", "name", "value", "unit", "year"), title,
          json_, csv_, fmt, fields, no_color, draw if chartable else None)


@command(epilog="\b\nExample:\n  asgm sources peru --json | jq -r '.[] | \"[\\(.number)] \\(.url)\"'")
def sources(
    country: Country,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Numbered citations of a profile, and which figures each one supports."""
    from asgm_cli.compare import SOURCE_FIELDS, source_records

    profile = _load(country, data_dir)
    _emit(source_records(profile), SOURCE_FIELDS, ("number", "title", "url", "supports"), f"Sources: {profile.name}",
          json_, csv_, fmt, fields, no_color)


@command(epilog="\b\nExamples:\n  asgm validate mydata/tanzania.yaml\n  asgm validate mydata/ --json | jq '.[] | select(.valid | not)'")
def validate(
    paths: Annotated[List[str], typer.Argument(help="Profile files, or directories of them (*.yaml).",
                                               metavar="FILE...", show_default=False)],
    json_: JsonOpt = False,
) -> None:
    """Check profile files and report every problem as file:line:column: field: message.

    Exit 0 when every file is valid, 1 otherwise. Problems go to stdout (they are this command's
    output); a one-line summary goes to stderr.
    """
    from asgm_cli.validate import check_paths, report_json, report_text

    reports = check_paths(paths)
    if json_:
        from asgm_cli.output import write_bytes

        write_bytes(report_json(reports))
    else:
        sys.stdout.write(report_text(reports))
    bad = [r for r in reports if r.problems]
    if bad:
        count = sum(len(r.problems) for r in bad)
        raise AsgmError(f"{count} problem{'s' * (count != 1)} in {len(bad)} of {len(reports)} "
                        f"file{'s' * (len(reports) != 1)}")


@command(epilog="\b\nExamples:\n  asgm check\n  asgm check bolivia --severity warning\n"
                "  asgm check --data-dir mydata --json | jq -r '.[] | select(.severity == \"error\") | .message'")
def check(
    countries: Annotated[Optional[List[str]], typer.Argument(
        help="Countries (id, name or ISO code); none means every profile.", metavar="[COUNTRY]...",
        show_default=False, autocompletion=_complete_country)] = None,
    severity: Annotated[Optional[Severity], typer.Option(
        "--severity", help="The lowest severity shown (default: note, i.e. everything).", show_default=False)] = None,
    stale_years: Annotated[int, typer.Option(
        "--stale-years", help="A headline older than this many years is reported as stale.", min=0,
        metavar="N")] = 8,
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Where the numbers disagree and which cannot be right: one finding per record.

    Exit 1 when there is an error-level finding (an impossible number that no `acknowledged`
    note explains), else 0; a one-line summary goes to stderr.
    """
    from asgm_cli.check import CHECK_FIELDS, SEVERITIES, check_profile, finding_records, summary

    cat = _catalog(data_dir)
    entries = [cat.find(c) for c in countries] if countries else cat.entries()
    findings = [f for e in list({e.id: e for e in entries}.values()) for f in check_profile(cat.load(e), stale_years)]
    lowest = SEVERITIES.index(severity.value) if severity else len(SEVERITIES) - 1
    shown = [f for f in findings if SEVERITIES.index(f.severity) <= lowest]
    _emit(finding_records(shown), CHECK_FIELDS, ("severity", "country", "ids", "years", "message"), "Checks",
          json_, csv_, fmt, fields, no_color)
    errors = sum(f.severity == "error" for f in findings)
    n = len(entries)
    try:
        sys.stderr.write(f"asgm: {summary(findings) or 'no findings'} in {n} profile{'s' * (n != 1)}\n")
    except (OSError, ValueError):
        pass
    if errors:
        raise typer.Exit(int(ExitCode.DATA))


@command(epilog="\b\nExamples:\n  asgm coverage\n  asgm coverage --format markdown")
def coverage(
    json_: JsonOpt = False,
    csv_: CsvOpt = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Countries by indicators: the years on file for each (blank where there is none)."""
    from asgm_cli.coverage import COVERAGE_FIELDS, coverage_records

    cat = _catalog(data_dir)
    records = coverage_records([cat.load(e) for e in cat.entries()])
    _emit(records, COVERAGE_FIELDS, COVERAGE_FIELDS, "Coverage: years on file", json_, csv_, fmt, fields, no_color)


@command(epilog="\b\nExamples:\n  asgm programme\n  asgm programme --json | jq '.totals[] | {id, low, high, coverage}'")
def programme(
    json_: JsonOpt = False,
    data_dir: DataDirOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """planetGOLD itself: its phases, their countries, grants and targets, and ASGM gold and mercury
    added up over the countries that have a profile, with coverage."""
    from asgm_cli.programme import load_programme, programme_blocks, programme_document
    from asgm_cli.term import Env

    cat = _catalog(data_dir)
    doc = programme_document(load_programme(), [cat.load(e) for e in cat.entries()])
    env = Env.detect(no_color)
    if json_:
        from asgm_cli.output import dumps_json, write_bytes

        write_bytes(dumps_json(doc))
        return
    from asgm_cli.render import Marks, plain, rich_print

    marks = Marks(env.unicode)
    blocks = programme_blocks(doc, marks)
    if env.stdout_tty:
        rich_print(blocks, env, marks)
    else:
        sys.stdout.write(plain(blocks, env.width, marks))


@command(epilog="\b\nExample:\n  asgm schema > asgm-profile.schema.json")
def schema() -> None:
    """The JSON Schema (draft 2020-12) of a profile file, for editors that validate YAML as you type."""
    from asgm_cli.output import dumps_json, write_bytes
    from asgm_cli.schema_json import profile_schema

    write_bytes(dumps_json(profile_schema()))


@command(epilog="\b\nExample:\n  asgm template Tanzania > mydata/tanzania.yaml")
def template(
    country: Annotated[str, typer.Argument(help="The new country's name, e.g. Tanzania.", metavar="COUNTRY",
                                           show_default=False)],
) -> None:
    """A commented skeleton profile to start a new country from (written to stdout)."""
    from asgm_cli.output import write_bytes
    from asgm_cli.template import skeleton

    write_bytes(skeleton(country))


@command(epilog="\b\nExamples:\n  asgm datapackage asgm-data\n  asgm datapackage asgm-data --force --data-dir mydata")
def datapackage(
    directory: Annotated[str, typer.Argument(help="Directory to write into (created if missing).", metavar="DIR",
                                             show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Write into a directory that is not empty, replacing the "
                                                        "package's files.")] = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Every profile as a Frictionless Data Package: CSV files and datapackage.json, for R, CKAN or pandas."""
    from asgm_cli.datapackage import datapackage as write_package

    counts = write_package(directory, data_dir, force)
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    try:
        sys.stderr.write(f"asgm: wrote {directory}/datapackage.json: {summary}\n")
    except (OSError, ValueError):
        pass


# ---------------------------------------------------------------------------------- entry point


def main() -> None:
    """The error funnel around the Typer app (the ``asgm`` command starts in entry.py)."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        # A closed pipe (`asgm figures --json | head -1`) ends us quietly, as it does cat or grep.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if sys.stdout is None:
        sys.stderr.write("asgm: error: standard output is closed\n")
        sys.exit(ExitCode.DATA)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    try:
        app(prog_name="asgm")
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
    except OSError as e:
        _report(AsgmError(f"cannot write output: {e.strerror or e}"))
        sys.exit(ExitCode.DATA)
