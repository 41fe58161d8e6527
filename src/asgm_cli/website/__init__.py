"""``asgm site DIR``: every profile as a static website that works offline.

Pages are built from the records the commands print (``figure_records``, ``stat_records``,
``source_records``, ``rank_records``, ``check`` findings, the programme document), so every number
on a page is one that ``asgm figures``/``asgm stats``/``asgm rank`` gives. Templates (Jinja2,
autoescaped) and the style sheet ship in this package. No page loads anything from outside the
site, and there is no script: everything reads without JavaScript.

The build is a function of the profiles alone (no timestamps, no paths, a fixed order), so the
same data gives byte-identical files. Everything is built in memory first; then the files are
written to a temporary directory beside DIR, which replaces DIR in one rename.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from asgm_cli import __version__
from asgm_cli.errors import TEMPORARY, AsgmError, UsageFailed, discard_temporary, shorten_path, signals_held

#: the file that marks a directory as a site asgm wrote (a rebuild may replace it without --force)
MARKER = ".asgm-site"
MARKER_TEXT = "asgm site: this directory is replaced as a whole by the next `asgm site` run\n"
#: the figures the index shows for each country
INDEX_IDS = ("asgm_gold_output", "asgm_share_of_national_gold", "asgm_miners", "asgm_mercury_emissions")
QUALIFIER_WORDS = {"approximately": "approximately", "at_most": "at most", "at_least": "at least",
                   "approximately_at_most": "roughly at most", "approximately_at_least": "roughly at least"}

Files = dict[str, bytes]


# ----------------------------------------------------------------------------- values as HTML


def _markup(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)


def _esc(text: Any) -> str:
    from markupsafe import escape

    return str(escape(text))


def _number(v: Any) -> str:
    """A number as a ``<data>`` element: its machine value and its display ('1,000,000')."""
    from asgm_cli.blocks import fmt_number

    return f'<data value="{_esc(v)}">{_esc(fmt_number(v))}</data>'


def value_html(r: dict[str, Any]) -> Any:
    """A record's value with its qualifier mark ('≤ 250,000'), a range ('40,000–60,000') or '—'."""
    from asgm_cli.blocks import Marks

    if "outside_domain" in (r.get("caveats") or ()):
        return _markup('<span class="unknown" title="no value: outside the formula\'s domain">—</span>')
    if r.get("value") is not None:
        shown = _number(r["value"])
    elif r.get("low") is not None and r.get("high") is not None:
        shown = f"{_number(r['low'])}–{_number(r['high'])}"
    else:
        return _markup('<span class="unknown" title="unknown: no source on file">—</span>')
    q = r.get("qualifier")
    if q:
        mark = Marks(True).qualifier(q)
        shown = f'<abbr title="{_esc(QUALIFIER_WORDS.get(q, q))}">{_esc(mark)}</abbr>\u00a0{shown}'
    return _markup(f'<span class="value">{shown}</span>')


def year_html(y: Any, stated: Any = None) -> Any:
    """A year, or '—' (with the year its source was published, when known: 'stated 2021')."""
    if y is not None:
        return str(y)
    said = f' <span class="stated">stated {_esc(stated)}</span>' if stated is not None else ""
    return _markup(f'<span class="unknown" title="no year given">—</span>{said}')


def caveat_text(codes: Any) -> list[str]:
    """What a statistic's caveat codes mean, in the words ``asgm show`` uses."""
    from asgm_cli.stats import CAVEATS

    return [CAVEATS.get(c, c) for c in codes or ()]


# ------------------------------------------------------------------------------------- charts


def _bars(rows: list[tuple[tuple[float, ...], float, str]]) -> list[dict[str, Any]]:
    """Bars scaled to the largest end, in percent: (ends, solid part, text) -> {high, solid, text}.
    The bar is drawn light up to its high end and dark up to the solid part."""
    top = max((max(ends) for ends, _, _ in rows if ends), default=0) or 1
    return [{"text": text, "high": round(max(ends) / top * 100, 2), "solid": round(min(solid, max(ends)) / top * 100, 2)}
            for ends, solid, text in rows]


def _ends(r: dict[str, Any]) -> tuple[float, ...]:
    """A record's value or range ends in a common unit (gold masses in tonnes), for bar lengths only."""
    from asgm_cli.vocab import TONNES_PER

    per = TONNES_PER.get(r["unit"], 1.0)
    return tuple(v * per for v in ((r["value"],) if r["value"] is not None else (r["low"], r["high"]))
                 if v is not None)


def _plain_value(r: dict[str, Any]) -> str:
    """A record's value as text, for chart labels and text alternatives ('≤ 250,000 people (2019)')."""
    from asgm_cli.blocks import GLUE, Marks, fmt_value

    text = fmt_value(r["value"], r["qualifier"], Marks(True), r["low"], r["high"]).replace(GLUE, "\u00a0")
    year = f" ({r['year']})" if r.get("year") is not None else ""
    return f"{text} {r['unit']}{year}"


def _unranked_text(r: dict[str, Any]) -> str:
    """What a country not ranked has: its value and why ('~ 50–100 t/yr (its range spans positions 1 to 2)')."""
    if r["status"] == "unknown":
        return ""
    note = r.get("note") or ""
    if r["status"] == "range":
        return f"{_plain_value(r)} ({note[:1].lower()}{note[1:].rstrip('.')})"
    return f"{_plain_value(r)}: {note}" if note else _plain_value(r)


def production_chart(p: Any, figures: list[dict[str, Any]], numbers: dict[str, int]) -> list[dict[str, Any]]:
    """National production by year (dated observations), bar lengths in tonnes; inside a bar, the
    ASGM output of its year that the total can include (``stats.drawn_inside``, as the terminal's
    chart draws it). Labels give each value as its source does, and the source's number
    (``numbers``: source id -> number). ``figures`` are ``figure_records(p)``, one per observation."""
    from asgm_cli.lookup import PRODUCTION_ID
    from asgm_cli.stats import drawn_inside

    observed = [f for fid in p.ids() for f in p.observations(fid)]  # figure_records' order
    record = {id(f): r for f, r in zip(observed, figures)}
    rows = []
    for f in p.observations(PRODUCTION_ID):
        if f.year is None:
            continue
        r, found = record[id(f)], drawn_inside(p, f)
        inner = record[id(found)] if found is not None else None
        text = f"{r['year']}: {_plain_value({**r, 'year': None})} [{numbers[r['source_id']]}]"
        if inner is not None:
            text += f"; ASGM {_plain_value({**inner, 'year': None})} [{numbers[inner['source_id']]}]"
        rows.append((_ends(r), max(_ends(inner)) if inner else 0.0, text))
    return _bars(rows)


# -------------------------------------------------------------------------------------- pages


def _environment(base_url: str | None) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True,  # every string from a profile is text, never markup
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(value=value_html, year=year_html, caveats=caveat_text, version=__version__,
                       base_url=base_url, citations=_citations() is not None)
    env.filters["number"] = lambda v: _markup(_number(v))
    return env


def _citations() -> Any:
    """``asgm_cli.cite.cite(profiles, fmt)`` when this asgm has ``asgm cite``, else None: the
    BibTeX and CSL-JSON downloads are offered only where the command that makes them exists."""
    import importlib

    try:
        return importlib.import_module("asgm_cli.cite").cite
    except ImportError:
        return None


def _years(p: Any, fid: str, by_stat: dict[str, list[int]]) -> str:
    from asgm_cli.coverage import years_on_file

    if fid in by_stat:
        ys = by_stat[fid]
        return (str(ys[0]) if len(ys) == 1 else f"{ys[0]}–{ys[-1]}") if ys else ""
    return years_on_file(p, fid)


def build(data_dirs: list[str] | None = None, base_url: str | None = None) -> Files:
    """Every file of the site, path -> bytes. Every profile is loaded and checked first: a bad one
    raises before anything is written."""
    from asgm_cli.catalog import Catalog
    from asgm_cli.check import check_profile, finding_records
    from asgm_cli.compare import UNRANKED, default_ids, measure, rank_records, source_records
    from asgm_cli.datapackage import build as package_files
    from asgm_cli.indicators import INDICATORS
    from asgm_cli.output import dumps_json, format_records
    from asgm_cli.programme import load_programme, programme_document
    from asgm_cli.records import FIGURE_FIELDS, STAT_FIELDS, figure_records, profile_document, stat_records
    from asgm_cli.render import code_marks, codes_legend, share_chart
    from asgm_cli.blocks import GLUE, Marks
    from asgm_cli.stats import derive_all_years

    cat = Catalog(data_dirs)
    profiles = [cat.load(e) for e in cat.entries()]
    measured = measure(profiles, None, None)
    env = _environment(base_url)
    marks = Marks(True)
    files: Files = {}

    def page(path: str, template: str, **context: Any) -> None:
        depth = path.count("/")
        root = "../" * depth
        html = env.get_template(template).render(root=root, path=path, **context)
        files[path] = html.replace(GLUE, "\u00a0").encode("utf-8")  # the renderers' unbreakable space

    findings = finding_records([f for p in profiles for f in check_profile(p)])
    by_country: dict[str, list[dict[str, Any]]] = {p.id: [] for p in profiles}
    for f in findings:
        by_country[f["country"]].append(f)  # grouped once: the build stays linear in the profiles
    indicator_ids = default_ids(measured)
    labels = {iid: INDICATORS[iid].label if iid in INDICATORS else next(
        s.label for _, stats in measured for s in stats if s.id == iid) for iid in indicator_ids}
    by_stat: dict[str, dict[str, list[int]]] = {}
    stat_by: dict[str, dict[str, dict[str, Any]]] = {}  # country -> statistic id -> its record
    headlines: dict[str, dict[str, Any]] = {}
    for p, stats in measured:
        figures = figure_records(p)
        stat_rows = stat_records(p, stats)
        yearly = stat_records(p, derive_all_years(p))
        by_stat[p.id] = {s["id"]: sorted({r["year"] for r in yearly if r["id"] == s["id"]}) for s in stat_rows}
        stat_by[p.id] = {s["id"]: s for s in stat_rows}
        headlines[p.id] = {r["id"]: r for r in figures if r["headline"]}
        sources = source_records(p)
        numbers = {s["id"]: s["number"] for s in sources}
        # the ASGM share as stated (headline) and as derived, which the sheet gives a block of its own
        ends = [(r, _ends(r)) for r in (headlines[p.id].get("asgm_share_of_national_gold"),
                                        stat_by[p.id].get("asgm_share_of_national_output"))
                if r is not None and r["unit"] == "%" and "outside_domain" not in (r.get("caveats") or ())]
        shares = [{"label": f"{r['label']} ({'derived' if 'formula' in r else 'stated'})", "text": _plain_value(r),
                   "low": min(min(e), 100), "high": min(max(e), 100)} for r, e in ends if e]
        shares += [{"label": b.label, "text": b.text, "low": round(b.low * 100, 2),
                    "high": round(b.high * 100, 2)} for b in share_chart(p, stats, marks).bars]
        document = profile_document(p, stats)
        page(f"countries/{p.id}.html", "country.html", p=p, figures=figures,
             key=[r for r in figures if r["kind"] == "figure" and r["headline"]],
             production=[r for r in figures if r["kind"] == "production"],
             chart=production_chart(p, figures, numbers), stats=stat_rows, shares=shares, targets=document["targets"],
             sources=sources, numbers=numbers, labels=labels,
             findings=by_country[p.id],
             indicators=[i for i in indicator_ids if i in headlines[p.id] or i in by_stat[p.id]])
        files[f"data/{p.id}.json"] = dumps_json(document).encode("utf-8")
        files[f"data/{p.id}.csv"] = format_records(figures, FIGURE_FIELDS, "csv").encode("utf-8")
        files[f"data/{p.id}-statistics.csv"] = format_records(stat_rows, STAT_FIELDS, "csv").encode("utf-8")

    names = {p.id: p for p in profiles}
    for iid, label in labels.items():
        # a statistic's caveats travel with it; one outside its formula's domain is never drawn
        ranked = [{**r, "caveats": list(r.get("caveats") or stat_by[r["country"]].get(iid, {}).get("caveats") or ())}
                  for r in rank_records(measured, iid)]
        known = [r for r in ranked if r["position"] is not None and "outside_domain" not in r["caveats"] and _ends(r)]
        # a bar carries its caveat marks, as the terminal's does: a fallback is never drawn as a same-year value
        bars = _bars([(_ends(r), min(_ends(r)), f"{r['position']}. {r['name']}: {_plain_value(r)}{code_marks(r['caveats'])}")
                      for r in known])
        notes = codes_legend([c for r in known for c in r["caveats"]])
        if len({r["year"] for r in known}) > 1:
            notes.append("The years differ: each value is its country's latest (or preferred) observation, with "
                         "its year.")
        if len({r["unit"] for r in known}) > 1:
            notes.append("Units differ: each value keeps the unit its source uses; gold is ordered and drawn in "
                         "tonnes.")
        if any(r.get("given_unit") and r.get("given_value", r["value"]) != r["value"] for r in known):
            notes.append(f"Values are converted to {known[0]['unit']}; where a source used another unit, its own "
                         "value is given below the converted one.")
        if iid not in INDICATORS:
            notes.append("A derived statistic: computed from each country's figures, not sourced.")
        # the countries not ranked, by why: each with its value where it has one, as the terminal says it
        unranked = [(lead.format(year="the year").replace("asgm stats COUNTRY", "the country's page"),
                     [{**r, "text": _unranked_text(r)} for r in ranked if r["position"] is None and r["status"] == status])
                    for status, lead in UNRANKED.items()]
        page(f"indicators/{iid}.html", "indicator.html", iid=iid, label=label, ranked=ranked, chart=bars,
             unranked=[(lead, rows) for lead, rows in unranked if rows],
             notes=notes, definition=INDICATORS[iid].definition if iid in INDICATORS else None,
             years={r["country"]: _years(names[r["country"]], iid, by_stat[r["country"]]) for r in ranked},
             chartable=bool(known) and known[0]["unit"] != "rank")

    prog = programme_document(load_programme(), profiles)
    accessed = [s.accessed for p in profiles for s in p.sources] + [s["accessed"] for s in prog["sources"]]
    as_of = max(accessed) if accessed else None
    page("index.html", "index.html", profiles=profiles, headlines=headlines, index_ids=INDEX_IDS,
         labels={i: INDICATORS[i].label for i in INDEX_IDS}, indicators=labels, as_of=as_of,
         programme=prog["programme"], findings=by_country)
    page("check.html", "check.html", findings=findings, names={p.id: p.name for p in profiles})
    page("programme.html", "programme.html", doc=prog, names={p.id: p.name for p in profiles})

    cite = _citations()
    if cite is not None:  # the sources for reference managers, as `asgm cite` prints them
        for p in profiles:
            files[f"data/{p.id}.bib"] = cite([p], "bibtex").encode("utf-8")
            files[f"data/{p.id}.csl.json"] = cite([p], "csl-json").encode("utf-8")
        files["data/sources.bib"] = cite(profiles, "bibtex").encode("utf-8")
        files["data/sources.csl.json"] = cite(profiles, "csl-json").encode("utf-8")
    package, _ = package_files(data_dirs)
    for name, text in package.items():
        files[f"data/package/{name}"] = text.encode("utf-8")
    files["site.css"] = (Path(__file__).parent / "site.css").read_bytes()
    if base_url:
        pages = sorted(p for p in files if p.endswith(".html"))
        urls = "".join(f"  <url><loc>{_esc(base_url + p)}</loc></url>\n" for p in pages)
        files["sitemap.xml"] = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                                f"{urls}</urlset>\n").encode("utf-8")
    files[MARKER] = MARKER_TEXT.encode("utf-8")
    return dict(sorted(files.items()))


# ------------------------------------------------------------------------------------ writing


def check_base_url(url: str | None) -> str | None:
    """An http(s) URL ending in '/', else a usage error."""
    if url is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in url for c in " \"'<>\\\n\t"):
        raise UsageFailed(f"--base-url must be an http or https URL, got '{shorten_path(url, 60)}'")
    return url if url.endswith("/") else url + "/"


def is_site(directory: str) -> bool:
    """Whether ``directory`` is a site asgm wrote: it holds the marker, a regular file (not a link)."""
    import stat

    try:
        st = os.lstat(os.path.join(directory, MARKER))
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode)


def write(directory: str, files: Files, force: bool = False) -> None:
    """Replace ``directory`` with a new one holding ``files``, in one rename.

    The files go into a temporary directory beside ``directory`` first; an interrupted or failed run
    leaves ``directory`` as it was. A directory that holds anything and is not a site asgm wrote is
    refused unless ``force``. ``directory`` itself may not be a symbolic link, and nothing in the old
    directory is followed or opened: it is renamed away and removed (``shutil.rmtree`` removes links,
    never what they point to).
    """
    import shutil

    shown = shorten_path(directory)
    path = os.path.abspath(directory)
    try:
        if os.path.islink(directory):
            raise AsgmError(f"cannot write {shown}: it is a symbolic link; give the directory it points to")
        exists = os.path.lexists(path)
        if exists and not os.path.isdir(path):
            raise AsgmError(f"cannot write {shown}: not a directory")
        if exists and not force and os.listdir(path) and not is_site(path):
            raise AsgmError(f"{shown} is not empty and not a site asgm wrote; use --force to replace it and "
                            "everything in it")
        if path in (os.path.abspath(os.sep), os.path.abspath(os.path.expanduser("~"))) or \
                os.path.abspath(os.getcwd()).startswith(path.rstrip(os.sep) + os.sep) or os.getcwd() == path:
            raise AsgmError(f"cannot write {shown}: it is the root, your home or the current directory "
                            "(or holds it); give a directory of its own")
        parent = os.path.dirname(path)
        os.makedirs(parent, exist_ok=True)
    except OSError as e:
        raise AsgmError(f"cannot write {shown}: {e.strerror or e}") from None
    except ValueError:
        raise AsgmError(f"cannot write {shown}: invalid file name") from None
    tmp = old = None
    try:
        with signals_held():  # the temporary directory's name must be known to the clean-up
            tmp = tempfile.mkdtemp(prefix=".asgm-site-", dir=parent)
            TEMPORARY.add(tmp)
        for name, data in files.items():
            target = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "xb") as fh:
                fh.write(data)
        for root, dirs, names in os.walk(tmp):  # mkdtemp's 0700 is for building, not for serving
            os.chmod(root, 0o755 & ~_umask())
            for n in names:
                os.chmod(os.path.join(root, n), 0o644 & ~_umask())
        with signals_held():  # both renames, or neither: DIR is never missing when a signal lands
            if os.path.lexists(path):
                old = tempfile.mkdtemp(prefix=".asgm-old-", dir=parent)
                os.replace(path, old)
                TEMPORARY.add(old)
            os.replace(tmp, path)
            TEMPORARY.discard(tmp)
            tmp = None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
            TEMPORARY.discard(old)
            old = None
    except OSError as e:
        raise AsgmError(f"cannot write {shown}: {e.strerror or e}") from None
    finally:
        for leftover in (tmp, old):
            if leftover is not None:
                discard_temporary(leftover)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def site(directory: str, data_dirs: list[str] | None = None, base_url: str | None = None,
         force: bool = False) -> Files:
    """Build the site from every profile on the data path and write it to ``directory``."""
    files = build(data_dirs, check_base_url(base_url))
    write(directory, files, force)
    return files
