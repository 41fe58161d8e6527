"""The bundled data: every number stands in its own quote; no words about how the data was gathered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

DATA_FILES = sorted((ROOT / "data").rglob("*.yaml"))
#: words that describe how the data was gathered: they must reach neither users nor shipped files
PROCESS_WORDS = ("shared/sources", "asgm-facts", "section 1.", "section 2.", "section 3.", "copy of the page",
                 "readable part", "sources read", "[weak]", "facts file", "archived page")

_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORDS: dict[str, float] = {w: n for n, w in enumerate(_SMALL)}
for _t, _w in enumerate(_TENS, 2):
    WORDS[_w] = _t * 10
    WORDS.update({f"{_w}-{_SMALL[n]}": _t * 10 + n for n in range(1, 10)})
WORDS.update({w: n for n, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)})
WORDS.update({"half": 50, "a third": 100 / 3, "one third": 100 / 3, "a quarter": 25, "one quarter": 25,
              "hundred": 100, "dozen": 12, "a million": 1e6,
              # French and Spanish, as the sources write them
              "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
              "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4,
              "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
              "mitad": 50,
              # Dutch (Suriname)
              "vijf": 5})
SCALES = {"million": 1e6, "millions": 1e6, "millones": 1e6, "millón": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
          "bn": 1e9, "thousand": 1e3, "mil": 1e3, "milliard": 1e9, "milliards": 1e9}
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:[,. \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?:-|\s*)([A-Za-zóé]+)?")


def readings(quote: str) -> set[float]:
    """Every number a quote can be read as: digits with either separator convention, scaled by
    a following 'million' or 'thousand', and number words."""
    out: set[float] = set()
    low = quote.lower()
    for word, value in WORDS.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?!\w)(\s+([a-zóé]+))?", low):
            out.add(value)
            if m.group(2) in SCALES:
                out.add(value * SCALES[m.group(2)])
    # a table cell may put a stray space before the thousands separator ("15 ,000")
    for m in NUMBER.finditer(re.sub(r"(?<=\d) (?=[,.]\d{3}(?!\d))", "", quote)):
        after = (m.group(2) or "").lower()
        # a space may separate thousands ("10 000") or two numbers ("43,832,830 202,668,755")
        for raw in {re.sub(r"[ \u00a0\u202f]", "", m.group(1)), *re.split(r"[ \u00a0\u202f]", m.group(1))}:
            found = set()
            for thousands, decimal in ((",", "."), (".", ",")):
                try:
                    found.add(float(raw.replace(thousands, "").replace(decimal, ".")))
                except ValueError:
                    pass
            out |= found | ({v * SCALES[after] for v in found} if after in SCALES else set())
    # Spanish in words and digits: "2 millones 207 mil" (2,207,000), "87 mil 771" (87,771)
    for m in re.finditer(r"(\d+) mill(?:ones|ón) (\d+) mil\b", low):
        out.add(int(m.group(1)) * 1e6 + int(m.group(2)) * 1e3)
    for m in re.finditer(r"(\d+) mil (\d{3})\b", low):
        out.add(int(m.group(1)) * 1e3 + int(m.group(2)))
    for m in re.finditer(r"(\d+(?:[.,]\d+)?)\s*[-–]\s*\d+(?:[.,]\d+)?\s*([A-Za-zóé]+)", quote):  # "10-16 million"
        if m.group(2).lower() in SCALES:
            out.add(float(m.group(1).replace(",", ".")) * SCALES[m.group(2).lower()])
    return out


def stands_in(value: float, quote: str) -> bool:
    """The value is one of the quote's numbers, or that number rounded (a third -> 33.3)."""
    for r in readings(quote):
        if abs(value - r) <= 1e-9 * max(1.0, abs(value)):
            return True
        if r and abs(value - r) / abs(r) < 0.0051 and len(repr(value)) < len(repr(r)):
            return True
    return False


def numbers(path: Path) -> list[tuple[str, float, str]]:
    """(where, number, quote) for every number of a file's figures and targets."""
    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    groups = [("figures", doc.get("figures") or [])]
    groups += [(f"phases[{k}].figures", ph.get("figures") or []) for k, ph in enumerate(doc.get("phases") or [])]
    groups += [("targets", doc.get("targets") or [])]
    out = []
    keys = ("value", "low", "high", "communities", "mercury_reduction", "beneficiaries", "mercury_free_percent", "years")
    for section, items in groups:
        for i, item in enumerate(items):
            for key in keys:
                v = item.get(key)
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    out.append((f"{path.name}: {section}[{i}].{key} ({item.get('id')})", float(v), item.get("quote", "")))
    return out


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.stem for p in DATA_FILES])
def test_every_number_is_in_its_own_quote(path: Path) -> None:
    missing = [f"{where} = {v:g} not in {quote!r}" for where, v, quote in numbers(path) if not stands_in(v, quote)]
    assert missing == []


#: words that make a quantity a yearly rate ("kg/year", "every year", "par an", "al año"), and
#: phrases that only date one ("a year ago", "year-on-year")
PER_YEAR = re.compile(r"per year|a year|/year|annually|every year|each year|per annum|yearly|/a\b|par an\b|"
                      r"chaque année|annuellement|al año|por año|anual|per jaar|per tahun", re.I)
NOT_A_RATE = re.compile(r"a year (?:ago|earlier|before|later)|year-on-year", re.I)
MASSES = ("t", "kg", "oz", "Moz")


def yearly_rates_stored_as_masses(path: Path) -> list[str]:
    """Undated figures in a plain mass unit whose quote states a yearly rate (they need t/yr or kg/yr)."""
    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = list(doc.get("figures") or [])
    for phase in doc.get("phases") or []:
        items += phase.get("figures") or []
    return [f"{path.name}: {f['id']} {f.get('value')} {f['unit']}" for f in items
            if f.get("unit") in MASSES and f.get("year") is None
            and PER_YEAR.search(NOT_A_RATE.sub("", f.get("quote", "")))]


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.stem for p in DATA_FILES])
def test_a_yearly_rate_has_a_unit_per_year(path: Path) -> None:
    assert yearly_rates_stored_as_masses(path) == []


@pytest.mark.parametrize(("unit", "year", "quote", "flagged"), [
    ("kg", None, "Gold produced (kg/year): 1,800", True),
    ("kg/yr", None, "Gold produced (kg/year): 1,800", False),
    ("kg", None, "Every year, as much as 558 kilograms", True),
    ("kg", 2024, "Every year, as much as 558 kilograms", False),
    ("kg", None, "3,051 kilos of gold were legally exported a year before", False),
    ("t", None, "se producen al año en promedio 55 toneladas", True),
])
def test_what_counts_as_a_yearly_rate(tmp_path: Path, unit: str, year: int | None, quote: str, flagged: bool) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(f"figures:\n  - id: x\n    value: 1\n    unit: {unit}\n    year: {year if year else 'null'}\n"
                    f"    quote: \"{quote}\"\n", encoding="utf-8")
    assert bool(yearly_rates_stored_as_masses(path)) is flagged


@pytest.mark.parametrize(("value", "quote", "found"), [
    (250000, "As many as 250,000 artisanal and small-scale miners", True),
    (1000000, "1 million people's livelihoods", True),
    (4.13, "from 4.13 million ounces", True),
    (4.8, "4,8 millones de onzas", True),
    (1000, "1.000 mineros", True),
    (33.3, "A third of these individuals are women", True),
    (25, "roughly one quarter of Peru’s gold exports", True),
    (5, "the five-year project", True),
    (13, "thirteen out of the sixteen regions", True),
    (38.8, "38.7 tonnes", False),
    (10, "100 tonnes", False),
    (15, "the 2015 figures", False),
    (10000000, "an estimated 10-16 million miners", True),
    (202668755, "GEFTF 43,832,830 202,668,755", True),
    (10000, "10 000 mineurs", True),
    (15000, "- female / 15 ,000 / Data year", True),
    (17000000, "launching a $17-million project", True),
    (5, "over een periode van vijf jaar", True),
    (50, "La mitad del oro explotado formalmente", True),
    (2207000, "al año 2 millones 207 mil onzas de oro", True),
    (87771, "de los cuales 87 mil 771 se encuentran inscritos", True),
    (2207, "al año 2 millones 207 mil onzas de oro", False),
    (15000, "15 , 000", False),
])
def test_reading_a_quote(value: float, quote: str, found: bool) -> None:
    assert stands_in(value, quote) is found


@pytest.mark.parametrize("path", DATA_FILES + [ROOT / "README.md", ROOT / "CONTRIBUTING.md"] + sorted((ROOT / "docs").glob("*.md"))
                         + sorted((ROOT / "src").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_words_about_how_the_data_was_gathered(path: Path) -> None:
    text = path.read_text(encoding="utf-8").lower()
    if path.name == "test_data.py":
        return
    assert [w for w in PROCESS_WORDS if w in text] == []


def test_every_profile_names_its_sources_in_its_header() -> None:
    for path in DATA_FILES:
        header = path.read_text(encoding="utf-8").split("\nid:", 1)[0]
        assert header.startswith("#") and "http" in header, path.name


def test_the_documented_coverage_table_is_current() -> None:
    from conftest import run

    table = run("coverage", "--format", "markdown").stdout
    sources = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    kept = sources.split("<!-- coverage -->\n", 1)[1].split("<!-- /coverage -->", 1)[0]
    assert kept == table, "the coverage table of docs/sources.md is out of date: asgm coverage --format markdown"


def test_the_readme_table_of_dated_shares_is_current() -> None:
    from conftest import run

    table = run("coverage", "--fields", "name,dated_asgm_share", "--format", "markdown").stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    kept = readme.split("<!-- dated-share -->\n", 1)[1].split("<!-- /dated-share -->", 1)[0]
    assert kept == table, "the README's table of dated shares is out of date: asgm coverage --fields ..."
    assert sum(1 for line in table.splitlines()[2:] if not line.endswith("|  |")) == 12


def test_coverage_records() -> None:
    from conftest import run_json

    rows = {r["country"]: r for r in run_json("coverage", "--json")}
    assert (rows["peru"]["national_gold_production"], rows["peru"]["asgm_gold_output"], rows["peru"]["targets"]) == (
        "2005–2023", "2014–2019, no year", 1)
    assert rows["sierra_leone"]["asgm_gold_output"] == ""
    assert len(rows) == 18
    # a share of national gold for a stated year: sourced, or derived from same-year inputs within 0-100 %
    assert {c: r["dated_asgm_share"] for c, r in rows.items() if r["dated_asgm_share"]} == {
        "burkina_faso": "2024 (derived)", "colombia": "2017 (stated)", "cote_d_ivoire": "2024 (stated); 2022 (derived)",
        "ecuador": "2018 (stated)", "ghana": "2018, 2019, 2023, 2024 (stated); 2020, 2022 (derived)",
        "guyana": "2016, 2019 (stated)", "indonesia": "2019 (derived)", "mongolia": "2017 (derived)",
        "peru": "2019 (stated); 2014, 2016 (derived)",
        "philippines": "2018 (derived)", "suriname": "2019 (stated)",
        "zimbabwe": "2020, 2021, 2024, 2025 (stated); 2018, 2022 (derived)"}
    # Bolivia's 2021 pair is above 100 % and Zimbabwe's January-September 70 % is part of a year: neither counts
    assert rows["bolivia"]["dated_asgm_share"] == ""


COUNTRIES = [p.stem for p in DATA_FILES if p.parent.name == "data"]


def misfiled_inputs(country: str) -> list[str]:
    """Inputs of a country's derived statistics that no ASGM statistic may use: exports, all-sector
    mercury, or an observation marked unusable."""
    from conftest import run_json

    figures = run_json("figures", country, "--json")
    bad = []
    for stat in run_json("stats", country, "--all-years", "--json") + run_json("stats", country, "--json"):
        for i in stat["inputs"]:
            same = [f for f in figures if f["id"] == i["id"] and f["year"] == i["year"]
                    and (f["value"], f["low"], f["high"]) == (i["value"], i["low"], i["high"])]
            for f in same:
                if f["basis"] == "exports" or f["unusable"] or (f["id"].startswith("asgm_") and f["scope"] == "all_sectors"):
                    bad.append(f"{country}: {stat['id']} ({stat['year']}) uses {f['id']}={f['value']} "
                               f"({f['basis']}, {f['scope']}, unusable: {f['unusable']})")
    return bad


@pytest.mark.parametrize("country", COUNTRIES)
def test_no_asgm_statistic_uses_exports_national_mercury_or_unusable_figures(country: str) -> None:
    assert misfiled_inputs(country) == []


def test_exports_and_national_mercury_have_ids_of_their_own() -> None:
    """Ghana's small-scale exports and the national, all-sector mercury figures are filed under ids
    that say what they count (they once were ASGM output and ASGM mercury)."""
    from conftest import run_json

    ghana = run_json("figures", "ghana", "--json")
    assert {(f["year"], f["value"]) for f in ghana if f["id"] == "asgm_gold_exports" and f["unit"] == "oz"} == {
        (2012, 98001), (2022, 655656)}
    assert not [f for f in ghana if f["id"] == "asgm_gold_output" and f["basis"] == "exports"]
    assert [(f["low"], f["high"]) for f in run_json("figures", "colombia", "--json") if f["id"] == "national_mercury_releases"] == [
        (150, 300)]
    assert [f["value"] for f in run_json("figures", "ecuador", "--json") if f["id"] == "national_mercury_emissions"] == [50]
    assert [f["value"] for f in run_json("figures", "suriname", "--json") if f["id"] == "national_mercury_use"] == [50]
    for country in COUNTRIES:
        assert not [f for f in run_json("figures", country, "--json")
                    if f["id"].startswith("asgm_") and f["basis"] == "exports" and f["id"] != "asgm_gold_exports"], country


YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-3]\d)(?!\d)")


def mixed_dating(path: Path) -> list[str]:
    """Numbers taken from one quote that names no year, some dated and some not: the year came from
    somewhere other than the words, or was left off some of them (the Philippines' UNIDO sentence)."""
    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    years: dict[tuple[str, str], set[bool]] = {}
    for f in doc.get("figures") or []:
        if not YEAR.search(f.get("quote", "")):
            years.setdefault((f["source"], f["quote"]), set()).add(f.get("year") is None)
    return [f"{path.name}: {source}: {quote[:60]}" for (source, quote), kinds in years.items() if len(kinds) > 1]


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.stem for p in DATA_FILES])
def test_numbers_of_one_undated_quote_are_dated_alike(path: Path) -> None:
    assert mixed_dating(path) == []


def test_mixed_dating_is_found(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    base = ("figures:\n  - id: a\n    year: {a}\n    source: s\n    quote: \"{q}\"\n"
            "  - id: b\n    year: {b}\n    source: s\n    quote: \"{q}\"\n")
    path.write_text(base.format(a=2019, b="null", q="70 per cent, with 500,000 miners"), encoding="utf-8")
    assert len(mixed_dating(path)) == 1
    path.write_text(base.format(a="null", b="null", q="70 per cent, with 500,000 miners"), encoding="utf-8")
    assert mixed_dating(path) == []
    path.write_text(base.format(a=2019, b="null", q="in 2019, 70 per cent, with 500,000 miners"), encoding="utf-8")
    assert mixed_dating(path) == []


@pytest.mark.parametrize(("profile", "claim"), [
    ("sierra_leone", "since ratifying the National Action Plan"),  # the plan is dated April 2020
    ("cote_d_ivoire", "October 2019"),  # only the April 2019 cabinet approval is on record
    ("programme/planetgold", "adds fifteen more"),  # Ecuador, one of the fifteen, already had a project
    ("programme/planetgold", "Ecuador, a first-phase country"),  # the first phase's list of eight leaves it out
    ("sierra_leone", "ratified the Minamata Convention"),  # EcoGreen News: it deposited an instrument of accession
    ("kenya", "Kenya National Bureau of Statistics production figure"),  # the blog names KNBS for the average only
    ("kenya", "citing the KNBS Economic Survey"),  # the article names the Economic Survey, not its publisher
    ("zimbabwe", "between January and October 2021"),  # ZAM says "last year" and is not dated on file
    ("peru", "(citing Our World in Data)"),  # its 80 t of unaccounted gold are the Peruvian Institute of Economics'
])
def test_summaries_make_no_claim_their_sources_do_not(profile: str, claim: str) -> None:
    assert claim not in " ".join((ROOT / "data" / f"{profile}.yaml").read_text(encoding="utf-8").split())


@pytest.mark.parametrize("claim", [
    "Fidelity Gold Refinery, the sole buyer",  # no source on file says it
    "which put mercury use at up to 558 kg",  # the 558 kg is IMPACT's, not the Agence Ivoirienne de Presse's
    "2021-2022 is the Kenya National Bureau of Statistics' Economic Survey",  # that article names neither
    "a national survey counted 9.5 t for 2017",  # the period of the 9.5 t is not stated
    "2019 is the Kenya National Bureau of Statistics' figure",  # the blog names KNBS for the five-year average only
    "Bolivia Económica citing the Ministry of the Environment.",  # it cites the International Mercury Observatory too
])
def test_the_source_notes_make_no_claim_the_profiles_do_not(claim: str) -> None:
    notes = " ".join((ROOT / "docs" / "sources.md").read_text(encoding="utf-8").split())
    assert "- **Zimbabwe**: national totals are deliveries to Fidelity Gold Refinery" in notes  # the notes are here
    assert claim not in notes


def test_an_unusable_national_total_is_shown_with_its_reason() -> None:
    from conftest import run

    out = " ".join(run("show", "sierra_leone", "--format", "text", env={"COLUMNS": "100"}).stdout.split())
    assert ("Not used in any arithmetic. The article gives ounces, a unit that cannot be right" in out)
    assert "2019 * 0.12 120 kg" in out  # the headline is the usable observation, not the later unusable one


def test_a_year_that_is_not_in_the_words_is_not_given() -> None:
    """Bolivia's 1,406 gold cooperatives: the article speaks of "la presente gestión" after 2019 but
    names no year, so the count has none (it once had 2020)."""
    from conftest import run_json

    counts = [f for f in run_json("figures", "bolivia", "--json") if f["id"] == "gold_mining_cooperatives" and f["value"] == 1406]
    assert [f["year"] for f in counts] == [None]
    assert "actualmente" in counts[0]["quote"]


def test_a_date_in_a_summary_has_its_source_on_file() -> None:
    """Sierra Leone's 1 November 2016 (accession to the Minamata Convention) rests on EcoGreen News."""
    import yaml

    doc = yaml.safe_load((ROOT / "data" / "sierra_leone.yaml").read_text(encoding="utf-8"))
    assert "1 November 2016" in doc["summary"] and "instrument of accession" in doc["summary"]
    assert "http://ecogreennews.com/sierra-leone-ratifies-minamata-convention" in [s["url"] for s in doc["sources"]]
