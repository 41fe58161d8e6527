"""A cache of profiles that passed validation, so that a repeat run skips YAML and the schema.

Entries live in ``$ASGM_CACHE_DIR`` (default ``$XDG_CACHE_HOME/asgm`` or ``~/.cache/asgm``) and
are keyed by the file's absolute path, size, modification time, inode and asgm's version; any
change to the file makes its entry stale. A cache that cannot be read or written is ignored.
Set ``ASGM_CACHE_DIR`` to an empty string to turn caching off.
"""

from __future__ import annotations

import marshal
import os
import zlib
from typing import Any

from asgm_cli import __version__

_FORMAT = 2


def _dir() -> str | None:
    explicit = os.environ.get("ASGM_CACHE_DIR")
    if explicit is not None:
        return explicit or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "asgm")


def _key(path: str, expected_id: str | None) -> tuple[Any, ...] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (_FORMAT, __version__, os.path.abspath(path), expected_id, st.st_size, st.st_mtime_ns, st.st_ino)


def _entry_path(directory: str, key: tuple[Any, ...]) -> str:
    return os.path.join(directory, f"{zlib.crc32(repr(key[2:4]).encode()):08x}.marshal")


def get(path: str, expected_id: str | None) -> Any | None:
    """The validated data of ``path``, or None when there is no fresh entry."""
    directory, key = _dir(), _key(path, expected_id)
    if directory is None or key is None:
        return None
    try:
        with open(_entry_path(directory, key), "rb") as fh:
            stored_key, data = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data if stored_key == key else None


def put(path: str, expected_id: str | None, data: Any) -> None:
    """Store validated data; written to a temporary file, then renamed into place."""
    directory, key = _dir(), _key(path, expected_id)
    if directory is None or key is None:
        return
    target = _entry_path(directory, key)
    tmp = f"{target}.{os.getpid()}.tmp"
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        with open(tmp, "wb") as fh:
            marshal.dump((key, data), fh)
        os.replace(tmp, target)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
