"""Read a profile file safely: bounded bytes, strict YAML, and a position for every value.

PyYAML follows YAML 1.1, which turns ``NO`` into ``False``, ``0755`` into 493 and bare dates
into ``datetime.date``. Here every plain scalar is resolved by our own, smaller rules (null,
``true``/``false``, decimal integers, decimal floats, otherwise a string); explicit tags,
anchors/aliases, duplicate keys, oversize files and deep nesting are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from asgm_cli.errors import DataError
from asgm_cli.readfile import read_bytes

MAX_DEPTH = 32  # levels of nested mappings and lists
MAX_DIGITS = 30  # characters of a plain number: more is no measurement, and 310 digits overflow a float

Path_ = tuple[object, ...]  # ("figures", 2, "value")

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {".nan": float("nan"), ".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf")}
_IMPLICIT = "asgm:implicit"


@dataclass
class Document:
    """Parsed YAML plus the 1-based (line, column) of every value and every mapping key."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, key: bool = False) -> tuple[int | None, int | None]:
        """The closest known position of ``path`` (walking up to a parent if needed)."""
        table = self.key_marks if key else self.marks
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.marks:
                return self.marks[p]
            p = p[:-1]
        return self.marks.get((), (None, None))


def format_path(path: Path_) -> str:
    """``("figures", 2, "value")`` -> ``figures[2].value``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def decode(path: str, raw: bytes) -> str:
    """UTF-8 (a byte-order mark is accepted); UTF-16, NUL bytes and bad sequences are refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(path, 1, 1, "", "file is UTF-16; save it as UTF-8")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise DataError(path, line, nul - raw.rfind(b"\n", 0, nul), "", "NUL byte in file (binary data?)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = e.start - raw.rfind(b"\n", 0, e.start)
        raise DataError(path, line, col, "", f"invalid UTF-8 (byte 0x{raw[e.start]:02x})") from None


def _loader_class() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

    class StrictLoader(base):  # type: ignore[misc, valid-type]
        """Marks every untagged node, so that any explicit tag stands out."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return _IMPLICIT

    return StrictLoader


def _scalar(value: str, plain: bool) -> Any:
    if not plain:
        return value
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    special = _SPECIAL_FLOATS.get(value.lower())
    if special is not None:
        return special
    return value


def parse(path: str, text: str) -> Document:
    """Parse one YAML document into plain data with positions."""
    import yaml

    doc = Document(path, None)
    loader = _loader_class()(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = e.problem or e.context or "invalid YAML"
        raise DataError(path, line, col, "", f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as e:
        raise DataError(path, None, None, "", f"YAML error: {e}") from None
    except RecursionError:
        raise DataError(path, None, None, "", f"nesting is deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()
    if root is None:
        raise DataError(path, None, None, "", "the file holds no YAML document (empty, or only comments)")
    seen: set[int] = set()

    def walk(node: Any, at: Path_, depth: int) -> Any:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        doc.marks[at] = (line, col)
        where = format_path(at)
        if id(node) in seen:
            raise DataError(path, line, col, where, "anchors and aliases (*name) are not allowed")
        seen.add(id(node))
        if node.tag != _IMPLICIT:
            raise DataError(path, line, col, where, f"tags are not allowed (found '{node.tag}')")
        if depth > MAX_DEPTH:
            raise DataError(path, line, col, where, f"nesting is deeper than {MAX_DEPTH} levels")
        if isinstance(node, yaml.ScalarNode):
            plain = node.style in (None, "")
            if plain and len(node.value) > MAX_DIGITS and (_INT.match(node.value) or _FLOAT.match(node.value)):
                raise DataError(path, line, col, where, f"a number of {len(node.value)} characters; the limit is {MAX_DIGITS}")
            return _scalar(node.value, plain)
        if isinstance(node, yaml.SequenceNode):
            return [walk(item, at + (i,), depth + 1) for i, item in enumerate(node.value)]
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _IMPLICIT:
                kl, kc = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                raise DataError(path, kl, kc, where, "mapping keys must be plain strings")
            key = key_node.value
            kl, kc = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key == "<<":
                raise DataError(path, kl, kc, where, "merge keys (<<) are not allowed")
            if key in out:
                first = doc.key_marks[at + (key,)][0]
                raise DataError(path, kl, kc, format_path(at + (key,)), f"duplicate key (first defined on line {first})")
            doc.key_marks[at + (key,)] = (kl, kc)
            out[key] = walk(value_node, at + (key,), depth + 1)
        return out

    try:
        doc.data = walk(root, (), 0)
    except RecursionError:
        raise DataError(path, None, None, "", f"nesting is deeper than {MAX_DEPTH} levels") from None
    return doc


def load(path: str) -> Document:
    """Read, decode and parse a profile file."""
    return parse(path, decode(path, read_bytes(path)))
