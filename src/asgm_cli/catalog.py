"""Where profiles live, how a country argument finds one, and loading a profile file.

A lookup by id opens exactly one file (``ID.yaml``); only a name or ISO-code lookup reads the
top-level lines of the other files, and nothing is parsed that was not asked for.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any

from asgm_cli.frozen import frozen
from asgm_cli.errors import DataError, LookupFailed, UsageFailed, shorten, shorten_path
from asgm_cli.model import Profile

ENV_PATH = "ASGM_DATA_PATH"
# A top-level scalar: double-quoted, single-quoted ('' is a quote) or plain ("Côte d'Ivoire" is all three).
_HEADER = (r"""^(name|native_name|iso2|iso3):[ \t]*(?:"([^"\r\n]*)"|'((?:[^'\r\n]|'')*)'|([^#\r\n]*?))"""
           r"[ \t]*(?:#.*)?$")


def bundled_dir() -> Path:
    """The profiles shipped with asgm: inside the wheel, or data/ at the repository root."""
    pkg = Path(__file__).resolve().parent
    inside = pkg / "data"
    return inside if inside.is_dir() else pkg.parent.parent / "data"


def data_dirs(extra: list[str] | None = None) -> list[Path]:
    """Directories to search, highest precedence first: --data-dir, ASGM_DATA_PATH, bundled."""
    if any(not d for d in extra or ()):  # Path("") is the working directory: a stray ./peru.yaml would win
        raise UsageFailed("a data directory cannot be an empty name (it would mean the working directory)")
    dirs = [Path(d) for d in extra or ()]
    dirs += [Path(d) for d in os.environ.get(ENV_PATH, "").split(os.pathsep) if d]
    for d in dirs:
        try:
            st = os.stat(d)
        except (FileNotFoundError, NotADirectoryError):
            raise LookupFailed(f"{shorten_path(str(d))}: data directory does not exist") from None
        except OSError as e:  # a name too long, a loop of links, a parent we may not search
            raise LookupFailed(_unreadable(d, e)) from None
        if not stat.S_ISDIR(st.st_mode):
            raise LookupFailed(f"{shorten_path(str(d))}: data directory does not exist")
    return dirs + [bundled_dir()]


def _unreadable(d: Path, e: OSError) -> str:
    return f"cannot read data directory {shorten_path(str(d))} ({e.strerror or e})"


@frozen
class Entry:
    """A profile file found on the data path (not yet parsed)."""

    id: str
    path: Path
    origin: str  # "bundled" or the directory it came from


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Perú' -> 'peru'."""
    if text.isascii():  # nothing to decompose: spares an id lookup the unicodedata import
        return text.casefold().strip()
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


class Catalog:
    """The profiles on a data path."""

    def __init__(self, extra_dirs: list[str] | None = None) -> None:
        self.dirs = data_dirs(extra_dirs)
        self._bundled = self.dirs[-1]

    def _entry(self, path: Path) -> Entry:
        origin = "bundled" if path.parent == self._bundled else str(path.parent)
        return Entry(path.stem, path, origin)

    def entries(self) -> list[Entry]:
        """Every profile, one per id (the first directory wins), sorted by id."""
        found: dict[str, Entry] = {}
        for d in self.dirs:
            try:
                names = sorted(n for n in os.listdir(d) if n.endswith(".yaml") and not n.startswith("."))
            except OSError as e:
                raise LookupFailed(_unreadable(d, e)) from None
            for n in names:
                found.setdefault(n[:-5], self._entry(d / n))
        return [found[k] for k in sorted(found)]

    def by_id(self, pid: str) -> Entry | None:
        """The file for an id, opening nothing else."""
        for d in self.dirs:
            path = d / f"{pid}.yaml"
            try:
                found = stat.S_ISREG(os.stat(path).st_mode)
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError as e:
                if e.errno == errno.ELOOP:  # the file's own problem: loading it reports it
                    return self._entry(path)
                raise LookupFailed(_unreadable(d, e)) from None
            if found:
                return self._entry(path)
        return None

    def find(self, query: str) -> Entry:
        """A country by id, name (any case, with or without accents) or ISO code."""
        if not query.strip() or len(query) > 100 or any(c in query for c in "/\\\0") or ".." in query:
            cut = query if len(query) <= 40 else query[:37] + "..."
            raise LookupFailed(f"'{cut.replace(chr(0), '')}' is not a country name, id or ISO code")
        key = fold(query)
        # "Côte d'Ivoire", "cote-d-ivoire" and "ivory coast" all name the file cote_d_ivoire.yaml
        candidate = re.sub(r"[\s'’-]+", "_", key)
        candidate = ALIASES.get(candidate, candidate)
        if re.fullmatch(r"[a-z][a-z0-9_-]{0,63}", candidate):
            entry = self.by_id(candidate)
            if entry is not None:
                return entry
        names: dict[str, Entry] = {}
        shown: dict[str, str] = {}  # folded id or name -> how to print it in a suggestion
        for entry in self.entries():
            names.setdefault(entry.id, entry)
            shown.setdefault(entry.id, entry.id)
            for field, value in header_fields(entry.path):
                names.setdefault(fold(value), entry)
                if field in ("name", "native_name"):
                    shown.setdefault(fold(value), value)
        if key in names:
            return names[key]
        raise unknown_country(query, suggest(key, list(shown)), len(self.entries()))

    def load(self, entry: Entry) -> Profile:
        return load_profile(entry.path, expected_id=entry.id)


#: names people type for a country whose profile has another id (applied after folding,
#: with spaces, hyphens and apostrophes as underscores)
ALIASES = {"ivory_coast": "cote_d_ivoire", "republic_of_cote_d_ivoire": "cote_d_ivoire"}


def unknown_country(query: str, close: str, count: int) -> LookupFailed:
    """The error for a country no profile matches: the nearest names, a planetGOLD country that
    has no profile yet said so, and (for the command line) where the ones there are are listed."""
    where = f"asgm list shows the {count} with a profile"
    member = _programme_member(query)
    if member:
        return LookupFailed(f"{member[0]} is in planetGOLD's {member[1]} but has no profile here", hint=where)
    if close:
        return LookupFailed(f"unknown country '{shorten(query, 100)}'; did you mean {close}?", hint=where)
    return LookupFailed(f"'{shorten(query, 100)}' is not a planetGOLD country with a profile", hint=where)


def _programme_member(query: str) -> tuple[str, str] | None:
    """(country, phase) when a planetGOLD phase's countries include ``query`` (the programme file), or None."""
    from asgm_cli.errors import AsgmError

    try:
        from asgm_cli.programme import load_programme

        phases = load_programme().phases
    except (AsgmError, OSError):  # an error message must not fail for want of the programme file
        return None
    key = fold(query)
    return next(((c, ph.name) for ph in phases for c in ph.countries if fold(c) == key), None)


def header_fields(path: Path) -> list[tuple[str, str]]:
    """Top-level name/native_name/iso2/iso3 lines of a profile file, without parsing it."""
    from asgm_cli.readfile import read_bytes

    try:  # the one safe reader: a FIFO or a link to /dev/stdin named *.yaml must not hang a lookup
        text = read_bytes(str(path), head=65536).decode("utf-8", errors="replace").removeprefix("\ufeff")
    except DataError:
        return []
    out = []
    for m in re.finditer(_HEADER, text, re.M):  # compiled on first use: an id lookup never needs it
        double, single, plain = m.group(2, 3, 4)
        value = double if double is not None else single.replace("''", "'") if single is not None else plain
        if value:
            out.append((m.group(1), value))
    return out


def suggest(word: str, options: list[str], n: int = 3) -> str:
    """"'peru'" or "'peru' or 'perú'": the closest options, or '' when none is close."""
    import difflib

    close = list(dict.fromkeys(difflib.get_close_matches(word, options, n=n, cutoff=0.5)))
    return " or ".join(f"'{c}'" for c in close)


def check_file(file: str, expected_id: str | None) -> tuple[Any, list[DataError]]:
    """Read, parse and validate a profile file: its data and every problem, each with its position.

    A file that cannot be read or parsed has one problem and no data.
    """
    from asgm_cli import readfile

    try:
        raw = readfile.read_bytes(file)
    except DataError as e:
        return None, [e]
    return check_bytes(file, raw, expected_id)


def check_bytes(file: str, raw: bytes, expected_id: str | None) -> tuple[Any, list[DataError]]:
    """Parse and validate the bytes of a profile file already read (``file`` names it in messages)."""
    from asgm_cli import yamlsafe
    from asgm_cli.schema import validate

    try:
        doc = yamlsafe.parse(file, yamlsafe.decode(file, raw))
    except DataError as e:
        return None, [e]
    found = []
    for p in validate(doc.data, expected_id):
        line, col = doc.where(p.path, key=p.on_key)
        found.append(DataError(file, line, col, yamlsafe.format_path(p.path), p.message))
    found.sort(key=lambda e: (e.line or 0, e.column or 0))
    return doc.data, found


def load_profile(path: Path | str, expected_id: str | None = None) -> Profile:
    """Read, parse, validate and build one profile; the first problem raises ``DataError``.

    The file is read once: the cache key is a hash of these bytes, and on a miss the same bytes
    are parsed, so what is stored always matches the key it is stored under.
    """
    from asgm_cli import cache, readfile
    from asgm_cli.model import build_profile

    file = str(path)
    raw = readfile.read_bytes(file)
    data = cache.get(raw, expected_id)
    if data is None:
        data, problems = check_bytes(file, raw, expected_id)
        if problems:
            raise problems[0]
        if isinstance(data, dict):
            cache.put(raw, expected_id, data)
    return build_profile(data, file)
