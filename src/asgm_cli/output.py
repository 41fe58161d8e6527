"""Machine formats (JSON, JSONL, CSV, TSV, Markdown), written with the standard library.

Machine output is always UTF-8, whatever the locale, so that files written by ``>`` read the
same everywhere; it never passes through Rich.
"""

from __future__ import annotations

import sys
from typing import Any, Iterable, Sequence

from asgm_cli.errors import UsageFailed, shorten

FORMATS = ("table", "json", "jsonl", "csv", "tsv", "markdown")


def write_bytes(text: str) -> None:
    """Write to stdout as UTF-8 bytes (through the text layer if there is no buffer)."""
    out = sys.stdout
    out.flush()
    buf = getattr(out, "buffer", None)
    if buf is None:
        out.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))
        out.flush()
        return
    buf.write(text.encode("utf-8", "backslashreplace"))  # a non-UTF-8 file name becomes \udcff, a JSON escape
    buf.flush()


def pick_fields(available: Sequence[str], wanted: str | None) -> tuple[str, ...]:
    """Parse ``--fields a,b``; an unknown name is a usage error listing the valid ones."""
    if not wanted:
        return tuple(available)
    names = tuple(n.strip() for n in wanted.split(",") if n.strip())
    bad = [n for n in names if n not in available]
    if bad or not names:
        raise UsageFailed(f"unknown field '{shorten(bad[0] if bad else wanted)}'; valid fields: {', '.join(available)}")
    return names


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(_input_text(v) if isinstance(v, dict) else str(v) for v in value)
    return str(value)


def _input_text(i: dict[str, Any]) -> str:
    year = f" ({i['year']})" if i.get("year") is not None else ""
    value = i["value"] if i.get("value") is not None else f"{i.get('low')}-{i.get('high')}"
    return f"{i['id']}={value} {i['unit']}{year}"


def markdown_text(text: str) -> str:
    """Text for a Markdown document: the characters its renderers read as HTML become entities,
    so a profile's words can never become a tag or a script on a page."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def dumps_json(data: Any, indent: int | None = 2) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False) + "\n"


def format_records(records: Iterable[dict[str, Any]], fields: Sequence[str], fmt: str) -> str:
    """Render records in a machine format with exactly ``fields``, in that order."""
    rows = [{k: r.get(k) for k in fields} for r in records]
    if fmt == "json":
        return dumps_json(rows)
    if fmt == "jsonl":
        return "".join(dumps_json(r, indent=None) for r in rows)
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(fields)
        writer.writerows([_cell(r[k]) for k in fields] for r in rows)
        return buf.getvalue()
    if fmt == "tsv":
        def clean(v: Any) -> str:
            return _cell(v).replace("\t", " ").replace("\r", " ").replace("\n", " ")

        lines = ["\t".join(fields)] + ["\t".join(clean(r[k]) for k in fields) for r in rows]
        return "\n".join(lines) + "\n"
    if fmt == "markdown":
        def md(v: Any) -> str:
            if isinstance(v, list):  # for people: an unknown in a list is a dash, not 'None'
                v = ["—" if x is None else x for x in v]
            return markdown_text(_cell(v)).replace("|", "\\|").replace("\n", " ")

        lines = ["| " + " | ".join(fields) + " |", "|" + "|".join("---" for _ in fields) + "|"]
        lines += ["| " + " | ".join(md(r[k]) for k in fields) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    raise UsageFailed(f"unknown format '{fmt}'; valid formats: {', '.join(FORMATS)}")
