"""The profile schema as JSON Schema (draft 2020-12), generated from the one in ``schema.py``.

What JSON Schema cannot say (one observation per id, year and source; one preferred observation
per id; units that convert within one id; source references; the id matching the file name) is
left to ``asgm validate``.
"""

from __future__ import annotations

import datetime
from typing import Any

from asgm_cli.schema import EARLIEST_YEAR, PROFILE, Field, Obj
from asgm_cli.vocab import UNITS, convertible


def _kind(f: Field) -> dict[str, Any]:
    kind = f.kind
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "number":
        return {"type": "number", "minimum": 0}
    if kind == "count":
        return {"type": "integer", "minimum": 1}
    if kind == "year":
        return {"type": "integer", "minimum": EARLIEST_YEAR, "maximum": datetime.date.today().year + 1}
    if kind == "choice":
        return {"enum": list(f.choices)}
    if kind == "url":
        return {"type": "string", "pattern": r"^https?://\S+$"}
    if kind == "date":
        return {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    out: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": r"\S"}
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
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:asgm:profile-schema",
        "title": "asgm country profile",
        **_obj(PROFILE),
        "$defs": defs,
    }
