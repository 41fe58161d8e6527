"""What the commands show, as blocks: the fact sheet, formulas, record tables, charts, the
comparison. ``layout`` draws the blocks: Rich on a terminal, plain text in a pipe or file.
"""

from __future__ import annotations

from typing import Any, Sequence

from asgm_cli.model import Figure, Profile
from asgm_cli.records import Record
from asgm_cli.blocks import GLUE, Bar, Block, Chart, Column, Heading, Marks, Paragraph, Table, fmt_number, fmt_value, keep
from asgm_cli.lookup import PRODUCTION_ID
from asgm_cli.stats import named, CAVEATS, SHARE, SHARES, Stat, drawn_inside, round_sig
from asgm_cli.vocab import TONNES_PER


def is_gold(fid: str, unit: str) -> bool:
    """Whether an observation is a quantity of gold (shown in tonnes): a mass that is not mercury."""
    return unit in TONNES_PER and "mercury" not in fid


def _year(y: int | None, marks: Marks) -> str:
    return marks.unknown if y is None else str(y)


def when(p: Profile, f: Figure) -> str:
    """The year a figure describes; without one, the year it was said ('stated 2019'), kept apart
    in words so that neither is read as the other; 'undated' when neither is known."""
    if f.year is not None:
        return str(f.year)
    src = p.source(f.source)
    return f"stated {src.published_year}" if src and src.published_year else "undated"


def _more(p: Profile, shown: Figure) -> str:
    """'+11 years', '2 sources' or both: what the series view holds beyond the headline."""
    found = p.observations(shown.id)
    years = {f.year for f in found if f.year is not None} - {shown.year}
    sources = {f.source for f in found}
    words = [f"+{len(years)} year{'s' * (len(years) != 1)}"] if years else []
    if len(sources) > 1:
        words.append(f"{len(sources)} sources")
    return ", ".join(words)


def tonnes_text(v: float) -> str:
    """Tonnes to 3 decimals (1 decimal from 10 t); a smaller mass to 3 significant figures, never '0'."""
    rounded = round(v, 3 if v < 10 else 1)
    if rounded or not v:
        return fmt_number(rounded)
    if v < 1e-9:
        return f"{v:.3g}"
    import math

    return f"{v:.{2 - math.floor(math.log10(v))}f}".rstrip("0")  # 0.0004 t -> '0.0004'


def gold_cell(f: Any, marks: Marks) -> str:
    """A gold mass in tonnes, without its unit ('~ 150', '59.1'); '' for other units."""
    shown = [tonnes_text(v) for v in f.tonnes]
    mark = marks.qualifier(f.qualifier)
    return f"{mark}{GLUE}{marks.range.join(shown)}" if mark else marks.range.join(shown)


PRODUCTION_YEARS = 3  # the latest years on the sheet (so that it fits a screen); `asgm series ID production` has all


def fact_sheet(p: Profile, stats: list[Stat], marks: Marks, year: int | None = None,
               checks: str = "") -> list[Block]:
    """Every block of ``asgm show``: headlines, or ``year``'s observations (else undated ones).

    What the sheet leaves out, a command shows, and the sheet names it: the earlier years of
    production (``series``), the symbolic formulas (``stats``), the sources cited only by those
    earlier years and every source's date of access (``sources``).
    """
    src = p.source_number
    cited: set[str] = set()
    name = p.name + (f" ({p.native_name})" if p.native_name and p.native_name != p.name else "")
    blocks: list[Block] = [
        Heading(name, f" {marks.dot} ".join([p.iso2, p.iso3, p.region])),
        Paragraph("", p.summary),
    ]
    rows = []
    row_notes = []  # under each figure, what its basis and note say, as sentences
    series = []
    converted = False
    for fid in p.ids():
        if fid == PRODUCTION_ID:
            continue
        f = p.figure(fid) if year is None else p.at(fid, year)
        if f is None:
            continue
        label = f.label + (f" ({f.area})" if f.area else "")
        extra = _more(p, f)
        if extra:
            label += f" ({extra})"
            series.append(fid)
        value, unit = fmt_value(f.value, f.qualifier, marks, f.low, f.high), f.unit
        if is_gold(fid, f.unit) and f.unit not in ("t", "t/yr"):
            label += f" (given as {keep(value + ' ' + f.unit)})"
            value, unit, converted = gold_cell(f, marks), "t", True
        cited.add(f.source)
        rows.append([label, value, unit, when(p, f), f"[{src(f.source)}]"])
        unusable = f"Not used in any arithmetic: {f.unusable}" if f.unusable else None
        row_notes.append(sentences(f.basis_note or f.basis, unusable, f.note))
    legend = f"{marks.qualifier('at_most')} at most, {marks.qualifier('at_least')} at least, ~ roughly, " \
             f"{marks.qualifier('approximately_at_least')} roughly at least; " \
             "stated Y: no data year, source from Y"
    if year is not None:
        legend += f"; values for {year}, else undated ones"
    from asgm_cli.indicators import INDICATORS

    key_notes = []
    if converted:
        key_notes.append("Gold in kilograms or troy ounces is shown in tonnes (1 troy oz = 31.1034768 g).")
    missing = [i.label for i in INDICATORS.values() if (p.figure(i.id) if year is None else p.at(i.id, year)) is None]
    if missing:
        key_notes.append(f"Unknown (no source on file{'' if year is None else f' for {year}'}): {', '.join(missing)}.")
    more = [f"every observation: {keep(f'asgm series {p.id} ID')} (e.g. {series[0]})"] if series else []
    if checks:
        more.append(f"checks: {checks} ({keep(f'asgm check {p.id}')})")
    if more:  # one line for both pointers: the sheet is read for its numbers
        text = "; ".join(more)
        key_notes.append(text[0].upper() + text[1:] + ".")
    blocks.append(Table("Key figures", [Column("Figure", wrap=True), Column("Value", right=True),
                                        Column("Unit", joins=True), Column("Year"), Column("Src")],
                        rows, [legend] + key_notes, row_notes=row_notes))
    production = [f for f in p.observations(PRODUCTION_ID) if year is None or f.year == year]
    if production:
        years = sorted({f.year for f in production if f.year is not None})
        head = p.figure(PRODUCTION_ID)
        earlier = [f for f in production if f.year is not None and f.year < years[-PRODUCTION_YEARS:][0]]
        production = [f for f in production if f not in earlier]
        cited.update(f.source for f in production)
        prod_notes: list[str] = []
        starred = head in production and len(production) > 1
        said = []
        if any(f.unit != "t" for f in production):
            said.append("kg and troy ounces converted to tonnes (1 troy oz = 31.1034768 g), as given beside them")
        title = "National gold production"
        said_in_title = ["* the headline"] if starred else []
        if earlier:  # the title says where the rest is: a note would cost a line
            span = f"{earlier[0].year}" + (f"{marks.range}{earlier[-1].year}" if earlier[-1].year != earlier[0].year else "")
            said_in_title.append(f"{len(earlier)} earlier observation{'s' * (len(earlier) != 1)}, {span}: "
                                 f"{keep(f'asgm series {p.id} production')}")
        if said_in_title:
            title += f" ({'; '.join(said_in_title)})"
        if said:
            prod_notes.append("; ".join(said))
        blocks.append(Table(title, [Column("Year"), Column("Tonnes", right=True),
                                                         Column("As given", right=True), Column("Basis", wrap=True),
                                                         Column("Src")],
                            [[_year(f.year, marks) + (" *" if f is head and len(production) > 1 else ""),
                              gold_cell(f, marks),
                              "" if f.unit == "t" else keep(f"{fmt_value(f.value, f.qualifier, marks, f.low, f.high)} {f.unit}"),
                              f.basis_note or f.basis or "", f"[{src(f.source)}]"] for f in production],
                            prod_notes, row_notes=[sentences(f.note, f.unusable and "Not used in any arithmetic", f.unusable)
                                                 for f in production]))
    share = share_block(p, stats, marks, src, year)
    if share is not None:
        blocks.append(share)
        cited.update(f.source for f in p.observations(STATED_SHARE))
    others = [s for s in stats if s.id not in SHARES]  # the shares are in their own block
    if others:
        stat_notes = error_notes(others, marks, src)  # a statistic's own note is under its row
        stat_notes += caveat_legend(others)
        blocks.append(Table(
            f"Derived statistics (4 significant figures, not sourced; formulas: {keep(f'asgm stats {p.id}')})",
            [Column("Statistic", wrap=True), Column("Value", right=True), Column("Unit", joins=True),
             Column("Formula", wrap=True)],
            [[s.label + caveat_marks(s), stat_value(s, marks), s.unit, numeric_formula(s, marks)] for s in others],
            stat_notes,
            row_notes=[sentences(s.note) for s in others],
            stack=[(f"{s.label}{caveat_marks(s)}: {keep(stat_value(s, marks) + ' ' + s.unit)}",
                    numeric_formula(s, marks)) for s in others],
            stack_below=100))
    shares = share_chart(p, stats, marks)
    if shares.bars:
        blocks.append(shares)
    for t in p.targets:
        qual = marks.qualifier(t.qualifier)
        qual = qual + GLUE if qual else ""
        words = []
        if t.communities is not None:
            words.append(keep(f"{fmt_number(t.communities)} {t.community_unit}"))
        if t.mercury_reduction is not None:
            words.append(f"{qual}{keep(f'{fmt_number(t.mercury_reduction)} {t.mercury_unit}')} less mercury")
        if t.beneficiaries is not None:
            words.append(f"{qual if t.mercury_reduction is None else ''}{fmt_number(t.beneficiaries)} people reached")
        if t.mercury_free_percent is not None:
            words.append(keep(f"{fmt_number(t.mercury_free_percent)} %") + " mercury-free")
        if t.by_year:
            words.append(f"by {t.by_year}")
        if t.years:
            words.append(f"over {t.years} years")
        cited.add(t.source)
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
            blocks.append(Table(title, [Column("Title", wrap=True), Column("What it means", wrap=True)],
                                [[i.title, i.description] for i in items],  # the ids are for scripts (--json)
                                # always stacked: in a grid, a description would be interleaved with
                                # the other columns' text, line by line, and copied so
                                stack=[(i.title, i.description) for i in items],
                                stack_below=10 ** 6, stack_run_in=True))
    shown = [(n, s) for n, s in enumerate(p.sources, 1) if s.id in cited]
    left = len(p.sources) - len(shown)
    rest = f"{left} more, " if left else ""
    blocks.append(Table(f"Sources ({rest}when each was read and what it supports: {keep(f'asgm sources {p.id}')})",
                        [Column("", right=True), Column("", wrap=True)],
                        [[f"[{n}]", f"{s.title}. {s.publisher}. {s.url}"] for n, s in shown]))
    return blocks


def series_table(p: Profile, records: Sequence[Record], marks: Marks) -> Table:
    """``asgm series`` for people: a row per observation, its year (else the year its source was
    published, 'stated 2020'), its source as the sheet's ``[n]``, its basis and note as sentences
    under it, the headline marked."""
    rows = [[(_year(r["year"], marks) if r["year"] is not None or not r.get("stated") else f"stated {r['stated']}")
             + (" *" if r["headline"] and len(records) > 1 else ""),
             fmt_value(r["value"], r["qualifier"], marks, r["low"], r["high"]), r["unit"],
             r.get("basis_note") or r["basis"] or "", f"[{p.source_number(r['source_id'])}]"] for r in records]
    notes = [f"* the headline; [n]: the sources, listed by {keep(f'asgm sources {p.id}')}"] if len(records) > 1 else []
    return Table(f"{records[0]['label']}, {p.name}", [Column("Year"), Column("Value", right=True), Column("Unit", joins=True),
                                                       Column("Basis", wrap=True), Column("Src")],
                 rows, notes, row_notes=[sentences(r.get("unusable") and f"Not used in any arithmetic: {r['unusable']}",
                                                   r["note"]) for r in records])


def sentences(*texts: str | None) -> str:
    """Free texts as sentences, in order: each begun with a capital and ended with a full stop."""
    out = []
    for text in texts:
        text = (text or "").strip()
        if text:
            text = text[0].upper() + text[1:]
            out.append(text if text[-1] in ".!?\"”)" else text + ".")
    return " ".join(out)


STATED_SHARE = "asgm_share_of_national_gold"
STATED_ROWS = 4  # stated shares in the share block: the headline and the latest others
#: caveat code -> its mark in the sheet (ASCII, so that every terminal shows it)
CAVEAT_MARKS = {"fallback": "f", "years_differ": "y", "undated_input": "u", "part_year": "p", "bases_differ": "b",
                "scope_unstated": "s", "outside_domain": "!"}


def caveat_marks(s: Stat) -> str:
    """' [u y f]': a statistic's caveats as marks after its label; '' without any."""
    return code_marks(s.caveats)


def code_marks(codes: Sequence[str]) -> str:
    """' [u y f]': caveat codes (a statistic's, a record's) as marks; '' without any."""
    return f" [{' '.join(CAVEAT_MARKS[c] for c in codes)}]" if codes else ""


def caveat_legend(stats: Sequence[Stat]) -> list[str]:
    """One note line explaining the marks that these statistics carry."""
    return codes_legend([c for s in stats for c in s.caveats])


def codes_legend(codes: Sequence[str]) -> list[str]:
    """One note line explaining the marks of these caveat codes."""
    used = [c for c in CAVEAT_MARKS if c in codes]
    return ["Caveats: " + "; ".join(f"[{CAVEAT_MARKS[c]}] {CAVEATS[c]}" for c in used) + "."] if used else []


def stat_value(s: Stat, marks: Marks) -> str:
    """The value cell: the number, or 'error' for a result outside its domain (never printed as a value)."""
    return "error" if s.outside_domain else fmt_value(s.value, s.qualifier, marks, s.low, s.high)


def error_notes(stats: Sequence[Stat], marks: Marks, src: Any) -> list[str]:
    """A note per impossible result, naming its inputs and their sources."""
    out = []
    for s in stats:
        if s.outside_domain:
            said = ", ".join(f"{named(i.id)} {_input_text(i, marks).replace(GLUE, ' ')}"
                             + (f" [{src(i.source)}]" if i.source else "") for i in s.inputs)
            out.append(f"{s.label}: its inputs give an impossible result (outside the statistic's range), an error "
                       f"in the data: {said}; see asgm check.")
    return out


def share_block(p: Profile, stats: list[Stat], marks: Marks, src: Any, year: int | None = None) -> Table | None:
    """The ASGM share: stated shares first (with year and source), then the derived ones (with year,
    formula and caveat marks), so that a reader can tell which to quote."""
    stated = [f for f in p.observations(STATED_SHARE) if year is None or f.year == year]
    head = p.figure(STATED_SHARE) if year is None else None
    stated.sort(key=lambda f: (f is not head, f.year is None, -(f.year or 0)))
    derived = [s for s in stats if s.id in SHARES]
    if not stated and not derived:
        return None
    rows = [["stated", fmt_value(f.value, f.qualifier, marks, f.low, f.high) + " %", f.period or _year(f.year, marks),
             f"[{src(f.source)}]"] for f in stated[:STATED_ROWS]]  # a part-year share says which months
    rows += [["derived" + caveat_marks(s), stat_value(s, marks) + (" %" if not s.outside_domain else ""),
              _year(s.year, marks), numeric_formula(s, marks)] for s in derived]
    notes = []
    if len(stated) > STATED_ROWS:
        notes.append(f"{len(stated) - STATED_ROWS} more stated: {keep(f'asgm series {p.id}')} {STATED_SHARE}.")
    notes.append("Quote a stated share, with its source; a derived one is not sourced." if stated
                 else "The share is derived, not sourced: no source on file states one.")
    notes += error_notes(derived, marks, src) + caveat_legend(derived)
    return Table("ASGM share of national gold production", [Column(""), Column("Value", right=True), Column("Year"),
                                                             Column("Source or formula", wrap=True)], rows, notes,
                 row_notes=[sentences(f.basis_note) for f in stated[:STATED_ROWS]]  # what a stated share counts
                 + [sentences(s.label if s.id != SHARE else None, s.note) for s in derived])  # which share it is


def _input_text(i: Any, marks: Marks) -> str:
    """One input as the formula uses it: gold in tonnes; a qualifier before its number, in brackets."""
    if i.unit in TONNES_PER:  # gold and mercury alike, so that '145 t ÷ 38.7 t' reads as one unit
        per = TONNES_PER[i.unit]
        low, high = (i.low * per, i.high * per) if i.value is None else (None, None)
        value = fmt_value(None if i.value is None else round_sig(i.value * per), i.qualifier, marks,
                          None if low is None else round_sig(low), None if high is None else round_sig(high))
        unit = "t"
    else:
        value, unit = fmt_value(i.value, i.qualifier, marks, i.low, i.high), i.unit
    text = keep(f"{value} {unit}") + (f"{GLUE}({i.year})" if i.year is not None else "")
    return f"({text})" if i.qualifier else text


def numeric_formula(s: Stat, marks: Marks) -> str:
    """The formula with its numbers in place of its ids: '= 38.7 t ÷ 99.7 t (2023) × 100'."""
    import re

    by_id = {i.id: _input_text(i, marks) for i in s.inputs}
    formula = re.sub(r"\s*\((?:[A-Za-z/, ]+) converted to t\)$", "", s.formula)  # the tonnes are shown
    ids = sorted(by_id, key=len, reverse=True)
    pattern = "|".join(re.escape(i) + (r"(?:\[\d+\])?" if i == PRODUCTION_ID else "") for i in ids)
    out = re.sub(pattern, lambda m: by_id[m.group(0).split("[")[0]], formula) if ids else formula
    return "=" + GLUE + out.replace(" g/t", GLUE + "g/t").replace(" g/troy", GLUE + "g/troy")


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
            if c == "value" and "outside_domain" in (r.get("caveats") or ()):
                row.append("error")  # an impossible result is never printed as a value
            elif c == "value":
                row.append(fmt_value(v, r.get("qualifier"), marks, r.get("low"), r.get("high")))
            elif c == "inputs" and isinstance(v, list):
                row.append("; ".join(f"{i['id']} {marks.qualifier(i['qualifier']) or '='} "
                                     + keep(f"{fmt_value(i['value'], None, marks, i['low'], i['high'])} {i['unit']}")
                                     for i in v))
            elif isinstance(v, list):
                row.append(", ".join(marks.unknown if x is None else str(x) for x in v) or marks.unknown)
            elif v is None:
                row.append(marks.unknown)
            elif isinstance(v, bool):
                row.append("yes" if v else "")
            else:
                row.append(fmt_number(v) if isinstance(v, (int, float)) and c != "year" else str(v))
        rows.append(row)
    return Table(title, cols, rows)


def check_tables(records: Sequence[Record], names: dict[str, str], marks: Marks) -> list[Block]:
    """``asgm check`` for people: a table per country titled with its counts, the countries with
    errors first, and in each its findings errors first."""
    from asgm_cli.check import SEVERITIES, summary

    order = {s: n for n, s in enumerate(SEVERITIES)}
    groups: dict[str, list[Record]] = {}
    for r in records:
        groups.setdefault(r["country"], []).append(r)
    ranked = sorted(groups.items(), key=lambda g: min(order[r["severity"]] for r in g[1]))  # stable: file order
    blocks: list[Block] = []
    for country, found in ranked:
        found = sorted(found, key=lambda r: order[r["severity"]])
        rows = [[r["severity"], ", ".join(r["ids"]) or marks.unknown,
                 ", ".join(marks.unknown if y is None else str(y) for y in r["years"]) or marks.unknown, r["message"]]
                for r in found]
        title = f"{names.get(country, country)}: {summary([r['severity'] for r in found])}"
        blocks.append(Table(title, [Column("Severity"), Column("Ids", wrap=True), Column("Years", wrap=True),
                                    Column("Message", wrap=True)], rows))
    return blocks


def bars_for(records: Sequence[Record], label_key: str, marks: Marks) -> list[Bar]:
    """Bars scaled to the largest value (or range end) among the records that have one; the records
    are in one unit (``units.in_unit``), and a value given in another says so ('1.9 Moz as given')."""
    def ends(r: Record) -> tuple[float, float]:
        return (r["value"],) * 2 if r["value"] is not None else (r["low"], r["high"])

    top = max((ends(r)[1] for r in records), default=0) or 1
    out = []
    for r in records:
        low, high = ends(r)
        said = [str(r["year"])] if r.get("year") is not None else []
        said += [as_given(r, marks)] if as_given(r, marks) else []
        out.append(Bar(str(r[label_key]), low / top, high / top,
                       f"{fmt_value(r['value'], r['qualifier'], marks, r['low'], r['high'])} {r['unit']}"
                       + (f" ({'; '.join(said)})" if said else "") + code_marks(r.get("caveats") or ())))
    return out


def as_given(r: Record, marks: Marks) -> str:
    """'1.9 Moz as given' when a record's value was converted from the source's unit, else ''."""
    from asgm_cli.units import same_scale

    if r.get("given_unit") is None or same_scale(r["given_unit"], r["unit"]):
        return ""
    value = fmt_value(r["given_value"], r["qualifier"], marks, r["given_low"], r["given_high"])
    return keep(f"{value} {r['given_unit']}") + " " + keep("as given")


SHARE_IDS = ("target_share_of_annual_emissions", "informal_price_share")  # the ASGM share has its own block


def share_chart(p: Profile, stats: list[Stat], marks: Marks) -> Chart:
    """Bars on a 0-100 % scale for the figures and statistics where a share is the point; an
    impossible statistic or a marked fallback is not drawn."""
    bars = []
    for sid in SHARE_IDS:
        item: Any = p.figure(sid) or next((s for s in stats if s.id == sid), None)
        if item is None or item.unit != "%" or isinstance(item, Stat) and (
                item.outside_domain or "fallback" in item.caveats):
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
    ends = [(f, f.tonnes if gold else tuple(v for v in (f.value, f.low, f.high) if v is not None)) for f in found]
    top = max((max(e) for _, e in ends), default=0) or 1
    per_year: dict[int | None, int] = {}
    for f in found:
        per_year[f.year] = per_year.get(f.year, 0) + 1
    bars = []
    drawn: list[Figure] = []  # the ASGM output drawn inside some year's bar
    for f, e in ends:
        low, high = min(e), max(e)
        text = (f"{gold_cell(f, marks)} t" if gold else fmt_value(f.value, f.qualifier, marks, f.low, f.high) + f" {f.unit}")
        if gold and f.unit not in ("t", "t/yr"):
            text += f" (= {fmt_value(f.value, f.qualifier, marks, f.low, f.high)} {f.unit})"
        label = str(f.year) + (f" [{p.source_number(f.source)}]" if per_year[f.year] > 1 else "")
        inner = low if fid != PRODUCTION_ID else 0.0  # in production, the solid part is the ASGM output
        if fid == PRODUCTION_ID:
            asgm = drawn_inside(p, f)
            if asgm is not None:
                inner = min(asgm.tonnes)
                text += f", ASGM {gold_cell(asgm, marks)} t"
                drawn.append(asgm)
        bars.append(Bar(label, inner / top, high / top, text))
    solid, light = ("█", "░") if marks.unicode else ("#", "-")
    notes = []
    if fid == PRODUCTION_ID:
        notes.append(f"{solid} ASGM output of the same year; {light} national production (the rest of it)."
                     if drawn else f"{light} national production; no ASGM output on file for these years"
                     " that a total includes.")
        apart = sorted({a.year for a in p.observations("asgm_gold_output") if a.year is not None
                        and not any(a is d for d in drawn)})
        if apart:
            notes.append(f"ASGM output of {', '.join(map(str, apart))} is drawn in no bar: no total of its year "
                         "can include it (industrial only, of another part of the year, or smaller).")
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


def rank_title(label: str, records: Sequence[Record]) -> str:
    """'Gold produced by ASGM (t/yr)': what is ranked, in the unit it is ranked in."""
    units = [r["unit"] for r in records if r.get("unit")]
    return f"{label} ({units[0]})" if units else label


def rank_chart(records: Sequence[Record], indicator: str, marks: Marks, label: str | None = None,
               year: int | None = None) -> Chart:
    """``asgm rank`` on a terminal: a bar per ranked country; the others named in notes, with the
    value they have where it is not ranked (a range, an undated one under ``--year``, an unusable one)."""
    from asgm_cli.compare import UNRANKED

    known = [{**r, "label": f"{r['position']}. {r['name']}"} for r in records if r["position"] is not None]
    notes = []
    for status, lead in UNRANKED.items():
        rows = [r for r in records if r["position"] is None and r["status"] == status]
        if not rows:
            continue
        named = []
        for r in rows:
            value = fmt_value(r["value"], r["qualifier"], marks, r["low"], r["high"])
            shown = keep(f"{value} {r['unit']}") if value != marks.unknown else ""
            given = as_given(r, marks)
            note = r.get("note") or ""
            if status == "range":  # 'Its range spans positions 1 to 2.' -> '(its range spans positions 1 to 2)'
                shown, note = f"{shown} ({note[:1].lower()}{note[1:].rstrip('.')})", ""
            why = [x for x in (shown + (f" ({given})" if given else ""), note) if x]
            named.append(r["name"] + (f" {'; '.join(why)}" if why and status != "unknown" else ""))
        notes.append(f"{lead.format(year=year)}: {', '.join(named)}")
    notes += codes_legend([c for r in known for c in r["caveats"]])
    return Chart(rank_title(label or indicator, known), bars_for(known, "label", marks), notes)


#: how a compare cell says why its value is not compared (``compare.choose`` and its statuses)
CELL_STATUS = {"undated": "no year", "unusable": "unusable", "unit_differs": ""}


def compare_cell(r: Record, marks: Marks) -> str:
    """A value in the row's unit, its year, and the value as given where it was converted:
    '59.1 (2024)' over '1.9 Moz as given'; a status where the value is not compared."""
    if r["status"] == "outside_domain":
        return "error" + keep(code_marks(r["caveats"]))
    text = fmt_value(r["value"], r["qualifier"], marks, r["low"], r["high"])
    if r["value"] is None and r["low"] is None:
        return text
    if r["status"] == "unit_differs":
        text += f"{GLUE}{r['unit']}"
    said = [str(r["year"])] if r["year"] is not None else []
    said += [CELL_STATUS[r["status"]]] if CELL_STATUS.get(r["status"]) else []
    if said:
        text += f" ({', '.join(said)})"
    given = as_given(r, marks)
    marks_text = keep(code_marks(r["caveats"]))  # ' [f u]' wraps whole, after its value
    return text + (" " + marks_text[1:] if marks_text else "") + (f"\n{given}" if given else "")


def _words(text: str) -> int:
    """The longest piece of ``text`` that wrapping cannot break."""
    return max((len(w) for w in text.replace("\n", " ").split(" ")), default=0)


def compare_tables(records: Sequence[Record], countries: Sequence[tuple[str, str]], marks: Marks,
                   width: int) -> list[Table]:
    """Indicators as rows, countries as columns, side by side. Where the countries do not fit the
    width, they are folded into groups that do, as even in size as fits, each table repeating the
    indicator column; a cell wraps down to its longest word, the indicator to 20 columns."""
    from asgm_cli.layout import GAP, MIN_COLUMN

    rows: dict[str, str] = {}
    cells: dict[tuple[str, str], str] = {}
    for r in records:
        rows.setdefault(r["indicator"], f"{r['label']} ({r['unit']})" if r["unit"] else r["label"])
        cells[(r["indicator"], r["country"])] = marks.text(compare_cell(r, marks))
    floor = {cid: max([len(marks.text(name))] + [_words(cells[(i, cid)]) for i in rows]) for cid, name in countries}
    natural = {cid: max([len(marks.text(name))] + [len(x) for i in rows for x in cells[(i, cid)].split("\n")])
               for cid, name in countries}
    label_floor = max([min(MIN_COLUMN, max((len(v) for v in rows.values()), default=0))]
                      + [_words(v) for v in rows.values()])

    def fits(group: Sequence[tuple[str, str]]) -> bool:
        return label_floor + sum(floor[cid] + GAP for cid, _ in group) <= width

    n = len(countries)
    groups = [list(countries[k:k + 1]) for k in range(n)]  # one a table, when not even two fit
    for count in range(1, n + 1):  # the fewest tables, of sizes that differ by one at most
        size, extra = divmod(n, count)
        bounds = [k * size + min(k, extra) for k in range(count + 1)]
        split = [list(countries[bounds[k]:bounds[k + 1]]) for k in range(count)]
        if all(fits(g) for g in split):
            groups = split
            break
    legend = (f"{marks.unknown} unknown (no sourced figure) {marks.dot} {marks.qualifier('at_most')} at most, "
              f"{marks.qualifier('at_least')} at least, ~ roughly {marks.dot} (year) when the source gives one "
              f"{marks.dot} values in the row's unit; the source's own below, \"as given\", where it differs "
              f"{marks.dot} statistics are derived, not sourced")
    statuses = {r["status"] for r in records}
    if "undated" in statuses:
        legend += f" {marks.dot} (no year): the value has no year; it is shown, not compared with that year's"
    if "unusable" in statuses:
        legend += f" {marks.dot} unusable: marked so in the data, with its reason (asgm figures)"
    if "outside_domain" in statuses:
        legend += f" {marks.dot} error: the statistic's inputs give an impossible result (asgm stats COUNTRY names them)"
    tables = []
    for n_, group in enumerate(groups, 1):
        title = "Comparison" + (f" ({n_} of {len(groups)})" if len(groups) > 1 else "")
        # Where the cells fit unwrapped, the indicator column wraps instead: a value reads best on one line.
        whole = label_floor + sum(natural[cid] + GAP for cid, _ in group) <= width
        tables.append(Table(
            title, [Column("Indicator", wrap=True)] + [
                Column(name, right=True, wrap=True, floor=natural[cid] if whole else floor[cid]) for cid, name in group],
            [[label] + [cells[(iid, cid)] for cid, _ in group] for iid, label in rows.items()],
            [legend] + codes_legend([c for r in records for c in r["caveats"]]) if n_ == len(groups) else []))
    return tables
