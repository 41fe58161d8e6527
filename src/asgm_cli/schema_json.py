"""The profile schema as JSON Schema (draft 2020-12), generated from the one in ``schema.py``.

It says every rule of ``asgm validate`` that JSON Schema can. What it cannot say is left to
``asgm validate`` (docs/profiles.md lists it, and tests/test_schema_agrees.py keeps the list honest):
low not above high; source references; one observation per id, year and source; one preferred
observation per id; unique ids in sources, targets, strategies and challenges; units that
convert within one id; the id matching the file name; NaN (every comparison with NaN is false,
so no keyword rejects it); a published day that does not exist or lies ahead; and what the
reader refuses before there is a document (duplicate keys, aliases, tags, size, encoding, YAML
1.1 numbers such as 0755).
"""

from __future__ import annotations

import datetime
from typing import Any

from asgm_cli.schema import EARLIEST_YEAR, MAX_NUMBER, PROFILE, PUBLISHED_RE, URL_RE, Field, Obj
from asgm_cli.vocab import UNITS, convertible


#: C0 and C1 control characters; free text may hold a newline
CONTROL = "[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f]"
CONTROL_LINE = "[\\u0000-\\u001f\\u007f-\\u009f]"


def _kind(f: Field) -> dict[str, Any]:
    kind = f.kind
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "number":
        # A YAML .inf reaches a validator as a float infinity, which "type": "number" accepts; it is
        # above this maximum, so the maximum also says "finite".
        return {"type": "number", "minimum": 0, "maximum": MAX_NUMBER}
    if kind == "count":
        return {"type": "integer", "minimum": 1, "maximum": MAX_NUMBER}
    if kind == "year":
        return {"type": "integer", "minimum": EARLIEST_YEAR, "maximum": datetime.date.today().year + 1}
    if kind == "choice":
        return {"enum": list(f.choices)}
    if kind == "url":
        return {"type": "string", "pattern": f"^{URL_RE}$"}
    if kind == "date":
        return {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    if kind == "published":  # a day that does not exist (2023-02-30) or lies ahead: only asgm validate
        return {"type": "string", "pattern": f"^{PUBLISHED_RE}$"}
    out: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": r"\S",
                           "not": {"pattern": CONTROL if kind == "text" else CONTROL_LINE}}
    if f.pattern:
        out["pattern"] = f"^{f.pattern}$"
    if kind != "text":
        out["maxLength"] = 500
    return out


def _field(f: Field) -> dict[str, Any]:
    if f.kind == "list":
        assert f.items is not None
        out: dict[str, Any] = {"type": "array", "items": {"$ref": f"#/$defs/{f.items.name}"}}
    else:
        out = _kind(f)
    if f.nullable:
        if "enum" in out:
            out["enum"] = out["enum"] + [None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    if f.doc:
        out["description"] = f.doc
    return out


def _obj(obj: Obj) -> dict[str, Any]:
    return {
        "type": "object",
        "description": obj.doc,
        "properties": {f.name: _field(f) for f in obj.fields},
        "required": [f.name for f in obj.fields if f.required],
        "additionalProperties": False,
    }


def _figure_rules() -> list[dict[str, Any]]:
    """A value or a low-high range; percentages up to 100; ranks whole from 1; shared units."""
    from asgm_cli.indicators import INDICATORS

    number = {"type": "number"}
    null = {"type": "null"}
    rules: list[dict[str, Any]] = [{"anyOf": [
        {"required": ["value"], "properties": {"value": number, "low": null, "high": null}},
        {"required": ["low", "high"], "properties": {"value": null, "low": number, "high": number}},
    ]}]
    percent = {"anyOf": [{"type": "number", "maximum": 100}, null]}
    rank = {"anyOf": [{"type": "integer", "minimum": 1}, null]}
    for unit, bound in (("%", percent), ("rank", rank)):
        rules.append({"if": {"properties": {"unit": {"const": unit}}, "required": ["unit"]},
                      "then": {"properties": {"value": bound, "low": bound, "high": bound}}})
    for ind in INDICATORS.values():
        units = [u for u in UNITS if convertible(u, ind.unit)]
        rules.append({"if": {"properties": {"id": {"const": ind.id}}, "required": ["id"]},
                      "then": {"properties": {"unit": {"enum": units}}}})
    shared = sorted(INDICATORS)
    rules.append({"if": {"properties": {"id": {"not": {"enum": shared}}}, "required": ["id"]},
                  "then": {"required": ["label"]}})
    rules.append({"if": {"properties": {"scope": {"const": "partial"}}, "required": ["scope"]},
                  "then": {"required": ["area"], "properties": {"area": {"type": "string"}}}})
    return rules


def _target_rules() -> list[dict[str, Any]]:
    """At least one goal; a number of communities or of mercury with its unit, and a unit with its number."""
    present = {"not": {"type": "null"}}

    def given(name: str) -> dict[str, Any]:
        return {"required": [name], "properties": {name: present}}

    goals = ("communities", "mercury_reduction", "beneficiaries", "mercury_free_percent")
    rules: list[dict[str, Any]] = [{"anyOf": [given(g) for g in goals]}]
    for number, unit in (("communities", "community_unit"), ("mercury_reduction", "mercury_unit")):
        rules.append({"if": given(number), "then": given(unit)})
        rules.append({"if": given(unit), "then": given(number)})
    return rules


def profile_schema() -> dict[str, Any]:
    """The whole schema, with a definition per kind of entry."""
    defs: dict[str, Any] = {}

    def collect(obj: Obj) -> None:
        for f in obj.fields:
            if f.items is not None and f.items.name not in defs:
                defs[f.items.name] = _obj(f.items)
                collect(f.items)

    collect(PROFILE)
    defs["figure"]["allOf"] = _figure_rules()
    defs["target"]["allOf"] = _target_rules()
    defs["target"]["properties"]["mercury_free_percent"]["anyOf"][0]["maximum"] = 100
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:asgm:profile-schema",
        "title": "asgm country profile",
        **_obj(PROFILE),
        "$defs": defs,
    }
