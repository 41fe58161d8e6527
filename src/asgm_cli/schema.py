"""The profile schema, declared once, and the validator that checks a parsed document against it.

Each ``Obj`` lists its ``Field``s; the validator reports every problem with the path of the
field (``figures[2].value``) so that the caller can attach the file, line and column.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from typing import Any, TypeGuard

from asgm_cli.vocab import BASES, COMMUNITY_UNITS, PERIOD_RE, QUALIFIERS, SCOPES, UNITS, convertible

ID_RE = r"[a-z][a-z0-9_-]{0,63}"
EARLIEST_YEAR = 1800
MAX_NUMBER = 1e15  # above any count, mass or sum of money a profile states; keeps every product finite
MAX_PER_ID = 200  # observations of one figure id in a profile (the largest bundled series has 17)
MAX_SUGGESTIONS = 20  # unknown source ids given a "did you mean": each costs a fuzzy match
# An http(s) URL with nothing a renderer or a terminal could read as the end of it or as markup
URL_RE = r"https?://[^\s\"'<>\\`\x00-\x1f\x7f-\x9f]+"
# C0 and C1 control characters (escape sequences, bell, ...); a newline is allowed in free text
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its kind and constraints."""

    name: str
    kind: str  # str | text | id | year | number | count | bool | url | date | published | choice | list | names
    required: bool = True  # the key must be present
    nullable: bool = False  # null is an allowed value
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    items: Obj | None = None  # for kind == "list"
    doc: str = ""


@dataclass(frozen=True)
class Obj:
    """A mapping with a fixed set of keys."""

    name: str
    fields: tuple[Field, ...]
    doc: str = ""

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


def _ref(name: str = "source") -> Field:
    return Field(name, "id", pattern=ID_RE, doc="id of an entry in `sources`")


SOURCE = Obj("source", (
    Field("id", "id", pattern=ID_RE),
    Field("title", "str"),
    Field("publisher", "str"),
    Field("url", "url"),
    Field("published", "published", required=False, nullable=True,
          doc="when the source was published: YYYY, YYYY-MM or YYYY-MM-DD, as far as it says; absent when it does not"),
    Field("accessed", "date", doc="YYYY-MM-DD"),
), "A publication that figures cite.")

FIGURE = Obj("figure", (
    Field("id", "id", pattern=ID_RE, doc="the indicator; one id may appear once per (year, source)"),
    Field("label", "str", required=False, doc="what the number is; optional for a shared indicator (its label is used)"),
    Field("value", "number", required=False, nullable=True, doc="the number; null or absent for a range"),
    Field("low", "number", required=False, nullable=True, doc="lower end of a range (with high, instead of value)"),
    Field("high", "number", required=False, nullable=True, doc="upper end of a range (with low, instead of value)"),
    Field("unit", "choice", choices=tuple(UNITS)),
    Field("qualifier", "choice", nullable=True, choices=tuple(QUALIFIERS),
          doc="null when the source states the number plainly"),
    Field("year", "year", nullable=True, doc="null when the source gives none"),
    Field("basis", "choice", required=False, nullable=True, choices=tuple(BASES),
          doc="what kind of number it is (production, exports, declarations, ...); null when not stated"),
    Field("basis_note", "str", required=False, nullable=True,
          doc="what the number counts, in words, for people (e.g. 'deliveries to Fidelity Gold Refinery')"),
    Field("preferred", "bool", required=False, doc="true for the observation the fact sheet leads with"),
    Field("scope", "choice", required=False, nullable=True, choices=tuple(SCOPES),
          doc="which mining it covers: all_sectors, industrial, small_scale or partial (with area)"),
    Field("area", "str", required=False, nullable=True,
          doc="the part of the country or of the sites a partial scope covers (e.g. 'Andean regions')"),
    Field("period", "str", required=False, nullable=True, pattern=PERIOD_RE,
          doc="YYYY-MM/YYYY-MM inside year, for an observation of part of the year"),
    Field("unusable", "text", required=False, nullable=True,
          doc="why the number must not be used in any arithmetic (it is still shown, with this reason)"),
    _ref(),
    Field("quote", "str", doc="the source's words the number comes from"),
    Field("acknowledged", "text", required=False, nullable=True,
          doc="why a number that asgm check calls impossible is kept as its source states it"),
    Field("note", "text", required=False, nullable=True),
), "An observation: one figure, for one year, from one source.")

TARGET = Obj("target", (
    Field("id", "id", pattern=ID_RE),
    Field("label", "str"),
    Field("communities", "count", required=False, nullable=True, doc="communities, municipalities or sites reached"),
    Field("community_unit", "choice", required=False, nullable=True, choices=COMMUNITY_UNITS),
    Field("mercury_reduction", "number", required=False, nullable=True,
          doc="mercury use (or release) to be cut over the project"),
    Field("mercury_unit", "choice", required=False, nullable=True, choices=("t",)),
    Field("beneficiaries", "count", required=False, nullable=True, doc="people the project aims to reach"),
    Field("mercury_free_percent", "number", required=False, nullable=True,
          doc="share of mining to be mercury-free, in %"),
    Field("by_year", "year", required=False, nullable=True, doc="the year the target is set for"),
    Field("years", "count", required=False, nullable=True, doc="the project's length in years"),
    Field("qualifier", "choice", required=False, nullable=True, choices=tuple(QUALIFIERS)),
    _ref(),
    Field("quote", "str"),
    Field("note", "text", required=False, nullable=True),
), "A project target: at least one of communities, mercury_reduction, beneficiaries or mercury_free_percent.")

ITEM = Obj("item", (
    Field("id", "id", pattern=ID_RE),
    Field("title", "str"),
    Field("description", "text"),
    Field("source", "id", required=False, nullable=True, pattern=ID_RE, doc="id of the source it is based on"),
), "A strategy or a challenge, in our own words.")

PROFILE = Obj("profile", (
    Field("id", "id", pattern=ID_RE, doc="lower-case id; the file is named ID.yaml"),
    Field("name", "str"),
    Field("native_name", "str", required=False, nullable=True),
    Field("iso2", "str", pattern=r"[A-Z]{2}", doc="ISO 3166-1 alpha-2"),
    Field("iso3", "str", pattern=r"[A-Z]{3}", doc="ISO 3166-1 alpha-3"),
    Field("region", "str"),
    Field("summary", "text"),
    Field("figures", "list", items=FIGURE),
    Field("targets", "list", required=False, items=TARGET),
    Field("approach", "text", required=False, nullable=True),
    Field("strategies", "list", required=False, items=ITEM),
    Field("challenges", "list", required=False, items=ITEM),
    Field("sources", "list", items=SOURCE),
), "A country profile.")


#: top-level keys of an older profile format, and what to write instead
RETIRED = {
    "production": "the 'production' section is no longer read: write each year as an entry of 'figures' "
                  "with id: national_gold_production (and year, value, unit, qualifier, source, quote)",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document, at a field path."""

    path: tuple[object, ...]
    message: str
    on_key: bool = False  # the position is the key's (unknown or duplicate field)


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    kinds: dict[type, str] = {list: "a list", dict: "a mapping"}
    return kinds.get(type(value), type(value).__name__)


def _closest(word: str, options: list[str]) -> str:
    import difflib

    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


def _check_value(f: Field, value: Any, at: tuple[object, ...], unit: Any, out: list[Problem]) -> None:
    kind = f.kind
    if kind == "names":
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            out.append(Problem(at, "expected a list of names"))
        return
    if kind == "bool":
        if not isinstance(value, bool):
            out.append(Problem(at, f"expected true or false, got {_type_name(value)}"))
        return
    if kind in ("number", "count", "year"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            out.append(Problem(at, f"expected a number, got {_type_name(value)}"))
            return
        if not math.isfinite(value):
            out.append(Problem(at, f"expected a finite number, got {value}"))
            return
        if abs(value) > MAX_NUMBER:
            out.append(Problem(at, f"{value:g} is too large; the limit is {MAX_NUMBER:g}"))
            return
        if kind == "year" and isinstance(value, float) and value.is_integer():  # 2023.0 would print as 2023.0
            out.append(Problem(at, f"expected a year written as a whole number ({int(value)}), got {value!r}"))
            return
        if value < 0:
            out.append(Problem(at, f"must not be negative, got {value:g}"))
        elif kind == "count" and (value != int(value) or value < 1):
            out.append(Problem(at, f"expected a whole number of at least 1, got {value:g}"))
        elif kind == "year":
            last = datetime.date.today().year + 1
            if value != int(value) or not EARLIEST_YEAR <= value <= last:
                out.append(Problem(at, f"expected a year from {EARLIEST_YEAR} to {last}, got {value:g}"))
        elif unit == "%" and value > 100:
            out.append(Problem(at, f"a percentage must be at most 100, got {value:g}"))
        elif unit == "rank" and (value != int(value) or value < 1):
            out.append(Problem(at, f"a rank is a whole number from 1, got {value:g}"))
        return
    if not isinstance(value, str):
        # `published: 2019` reads as a number; the date of a source is text, as `accessed` is
        hint = f'a date in quotes ("{value}")' if kind == "published" else "text"
        out.append(Problem(at, f"expected {hint}, got {_type_name(value)}"))
        return
    control = (_CONTROL if kind == "text" else _CONTROL_LINE).search(value)
    if control:
        where = "" if len(value) == 1 else f" at character {control.start() + 1}"
        out.append(Problem(at, f"control character U+{ord(control.group()):04X}{where} is not allowed"))
    elif not value.strip():
        out.append(Problem(at, "must not be empty"))
    elif kind == "choice" and value not in f.choices:
        allowed = ", ".join(f"'{c}'" for c in f.choices)
        out.append(Problem(at, f"'{value}' is not one of {allowed}{_closest(value, list(f.choices))}"))
    elif f.pattern and not re.fullmatch(f.pattern, value):
        out.append(Problem(at, f"'{value}' does not match the pattern {f.pattern}"))
    elif kind == "url" and not re.fullmatch(URL_RE, value):
        out.append(Problem(at, f"expected an http(s) URL, got {_type_name(value)}"))
    elif kind == "date":
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            out.append(Problem(at, f"expected a date YYYY-MM-DD, got {_type_name(value)}"))
    elif kind == "published" and not valid_published(value):
        out.append(Problem(at, f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {_type_name(value)}"))
    elif kind != "text" and len(value) > 500:
        out.append(Problem(at, f"is {len(value)} characters long; the limit is 500"))


PUBLISHED_RE = r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"


def valid_published(value: str) -> bool:
    """A year, a year and month, or a date that exists (2023-02-30 does not), from 1800 to today."""
    if not re.fullmatch(PUBLISHED_RE, value):
        return False
    parts = [int(x) for x in value.split("-")]
    try:
        day = datetime.date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError:
        return False
    return EARLIEST_YEAR <= day.year and day <= datetime.date.today()


def _check_obj(obj: Obj, data: Any, at: tuple[object, ...], out: list[Problem]) -> None:
    if not isinstance(data, dict):
        out.append(Problem(at, f"expected a mapping ({obj.doc.rstrip('.').lower() or obj.name}), got {_type_name(data)}"))
        return
    names = [f.name for f in obj.fields]
    misspelt = set()  # required fields that an unknown key probably meant: reported once, on the key
    for key in data:
        if obj is PROFILE and key in RETIRED:
            out.append(Problem(at + (key,), RETIRED[key], on_key=True))
        elif obj.field(key) is None:
            hint = _closest(key, names)
            out.append(Problem(at + (key,), f"unknown field{hint}", on_key=True))
            misspelt.add(hint.split("'")[1] if hint else None)
    for f in obj.fields:
        if f.name not in data:
            if f.required and f.name not in misspelt:
                out.append(Problem(at, f"missing required field '{f.name}'"))
            continue
        value = data[f.name]
        if value is None:
            if not f.nullable:
                out.append(Problem(at + (f.name,), "must not be null"))
            continue
        if f.kind == "list":
            if not isinstance(value, list):
                out.append(Problem(at + (f.name,), f"expected a list, got {_type_name(value)}"))
                continue
            assert f.items is not None
            for i, item in enumerate(value):
                _check_obj(f.items, item, at + (f.name, i), out)
            if f.name != "figures":  # a figure id repeats, once per (year, source): see _check_figures
                _check_unique(value, at + (f.name,), out)
        else:
            _check_value(f, value, at + (f.name,), data.get("unit"), out)


def _check_unique(items: list[Any], at: tuple[object, ...], out: list[Problem]) -> None:
    key = "id"
    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get(key), (str, int)):
            if item[key] in seen:
                out.append(Problem(at + (i, key), f"duplicate {key} '{item[key]}' (also {at[-1]}[{seen[item[key]]}])"))
            else:
                seen[item[key]] = i


def _check_refs(data: dict[str, Any], out: list[Problem]) -> None:
    listed = data.get("sources")
    sources = listed if isinstance(listed, list) else []
    known = [s["id"] for s in sources if isinstance(s, dict) and isinstance(s.get("id"), str)]
    ids = set(known)
    hints: dict[str, str] = {}  # each unknown id is matched once, and only the first MAX_SUGGESTIONS at all
    for section in ("figures", "targets", "strategies", "challenges"):
        items = data.get(section)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            ref = item.get("source") if isinstance(item, dict) else None
            if isinstance(ref, str) and ref not in ids:
                if ref not in hints:
                    hints[ref] = _closest(ref, known[:500]) if len(hints) < MAX_SUGGESTIONS else ""
                out.append(Problem((section, i, "source"), f"no source has the id '{ref}'{hints[ref]}"))


def _number(v: Any) -> TypeGuard[float]:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _check_figures(data: dict[str, Any], out: list[Problem]) -> None:
    """Rules across fields and observations: a value or a range, labels, units that convert,
    one observation per (id, year, source), at most one preferred observation per id."""
    from asgm_cli.indicators import INDICATORS

    items = data.get("figures")
    seen: dict[tuple[Any, ...], int] = {}
    first_unit: dict[str, tuple[str, int]] = {}
    preferred: dict[str, int] = {}
    count: dict[str, int] = {}
    for i, f in enumerate(items if isinstance(items, list) else ()):
        if not isinstance(f, dict):
            continue
        at = ("figures", i)
        fid = f.get("id") if isinstance(f.get("id"), str) else None
        if fid:
            count[fid] = count.get(fid, 0) + 1
            if count[fid] == MAX_PER_ID + 1:  # said once, at the first observation past the budget
                out.append(Problem(at + ("id",), f"more than {MAX_PER_ID} observations of '{fid}'; "
                                                 f"the limit is {MAX_PER_ID} per id in a profile"))
        value, low, high = f.get("value"), f.get("low"), f.get("high")
        if value is not None and (low is not None or high is not None):
            out.append(Problem(at + ("low" if low is not None else "high",),
                               "give either value or low and high, not both"))
        elif value is None and (low is None or high is None):
            missing = "value" if low is None and high is None else "high" if high is None else "low"
            out.append(Problem(at, f"missing required field '{missing}' (a figure has a value or a low-high range)"))
        elif value is None and _number(low) and _number(high) and low > high:
            out.append(Problem(at + ("low",), f"low ({low:g}) is above high ({high:g})"))
        shared = INDICATORS.get(fid) if fid else None
        if fid and not shared and "label" not in f:
            out.append(Problem(at, f"missing required field 'label' ('{fid}' is not a shared indicator)"))
        unit = f.get("unit")
        if fid and isinstance(unit, str) and unit in UNITS:
            if shared and not convertible(unit, shared.unit):
                out.append(Problem(at + ("unit",), f"the shared indicator '{shared.id}' is measured in "
                                                   f"'{shared.unit}', not '{unit}'"))
            elif fid in first_unit and not convertible(unit, first_unit[fid][0]):
                other, j = first_unit[fid]
                out.append(Problem(at + ("unit",), f"'{unit}' does not convert to '{other}', the unit of "
                                                   f"'{fid}' in figures[{j}]"))
            first_unit.setdefault(fid, (unit, i))
        year, source = f.get("year"), f.get("source")
        if fid and isinstance(source, str) and (year is None or _number(year)):
            key = (fid, year, source)
            if key in seen:
                when = "with no year" if year is None else f"for {year:g}"
                out.append(Problem(at + ("source",), f"a second '{fid}' {when} from '{source}' "
                                                     f"(also figures[{seen[key]}]); one source gives one value a year"))
            else:
                seen[key] = i
        _check_scope_period(f, at, out)
        if fid and f.get("preferred") is True:
            if fid in preferred:
                out.append(Problem(at + ("preferred",), f"a second preferred '{fid}' (also figures[{preferred[fid]}]); "
                                                        "mark one observation of an id preferred"))
            else:
                preferred[fid] = i


def _check_scope_period(f: dict[str, Any], at: tuple[object, ...], out: list[Problem]) -> None:
    """A partial scope names its area; a period lies inside the observation's year, in order."""
    if f.get("scope") == "partial" and not f.get("area"):
        out.append(Problem(at + ("scope",), "a partial scope needs 'area' (the part of the country or sites covered)"))
    period, year = f.get("period"), f.get("year")
    if not isinstance(period, str) or not re.fullmatch(PERIOD_RE, period):
        return  # absent, or reported by the field's own pattern
    start, end = period.split("/")
    if not _number(year):
        out.append(Problem(at + ("period",), "a period needs the year it lies in (year is null)"))
    elif {start[:4], end[:4]} != {str(int(year))}:
        out.append(Problem(at + ("period",), f"the period {period} is not inside the year {year:g}"))
    elif start > end:
        out.append(Problem(at + ("period",), f"the period {period} ends before it starts"))


def _check_targets(data: dict[str, Any], out: list[Problem]) -> None:
    """A target sets at least one goal, and each number has its unit."""
    items = data.get("targets")
    for i, t in enumerate(items if isinstance(items, list) else ()):
        if not isinstance(t, dict):
            continue
        at = ("targets", i)
        goals = ("communities", "mercury_reduction", "beneficiaries", "mercury_free_percent")
        if all(t.get(g) is None for g in goals):
            out.append(Problem(at, "a target needs at least one of " + ", ".join(goals)))
        for number, unit in (("communities", "community_unit"), ("mercury_reduction", "mercury_unit")):
            if (t.get(number) is None) != (t.get(unit) is None):
                present, absent = (number, unit) if t.get(number) is not None else (unit, number)
                out.append(Problem(at + (present,), f"{present} needs {absent}"))
        pct = t.get("mercury_free_percent")
        if _number(pct) and pct > 100:
            out.append(Problem(at + ("mercury_free_percent",), f"a percentage must be at most 100, got {pct:g}"))


def validate(data: Any, expected_id: str | None = None) -> list[Problem]:
    """Every problem with a parsed profile, in document order of the checks."""
    out: list[Problem] = []
    _check_obj(PROFILE, data, (), out)
    if isinstance(data, dict):
        _check_figures(data, out)
        _check_targets(data, out)
        _check_refs(data, out)
        pid = data.get("id")
        if expected_id is not None and isinstance(pid, str) and pid != expected_id:
            out.append(Problem(("id",), f"the id '{pid}' must match the file name '{expected_id}.yaml'"))
    return out
