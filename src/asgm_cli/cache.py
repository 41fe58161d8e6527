"""A cache of profiles that passed validation, so that a repeat run skips YAML and the schema.

An entry is content-addressed: its name is a hash of the profile file's bytes, asgm's version,
the cache format and the id the file must carry. The caller reads the file once and hands the
same bytes to ``get`` and, on a miss, to the parser, so no edit, rename or race can make an
entry stale: changed bytes are a different name.

Nothing in the cache directory is trusted. An entry is opened without following symbolic links
and without blocking, must be a regular file of at most ``MAX_ENTRY`` bytes, and carries a
checksum of its key and payload that is verified before the payload is decoded; a bad entry is
ignored and rewritten. The payload is JSON, and only a dict with str keys is accepted.

Where: ``$ASGM_CACHE_DIR`` (an empty value turns the cache off; a relative one is ignored),
else ``$XDG_CACHE_HOME/asgm``, else ``$HOME/.cache/asgm``. Without a usable home the cache is
off. A directory that is a symbolic link, that another user owns, or that group or others can
write, is not used. Any
failure to read or write the cache is silent: it only costs a parse.
"""

from __future__ import annotations

import os
import stat
import time
from typing import Any

from asgm_cli import __version__

try:  # _blake2 imports in 0.2 ms; hashlib loads OpenSSL (about 3 ms) on every start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

FORMAT = 3
MAGIC = b"asgm-cache %d\n" % FORMAT
MAX_ENTRY = 4 << 20  # bytes; a profile's entry is a few KB, and a file is at most 1 MiB of YAML
STALE_TMP = 3600  # seconds after which a temporary file is taken for a killed run's leftover
TMP_PREFIX, TMP_SUFFIX = ".entry-", ".tmp"  # the sweep removes only names it could have made itself
_DIGEST = 32  # hex characters of the checksum (16 bytes)


def directory(create: bool = False) -> str | None:
    """The cache directory, or None when caching is off or the directory is not safe to use."""
    explicit = os.environ.get("ASGM_CACHE_DIR")
    if explicit is not None:
        if not os.path.isabs(explicit) or not explicit.strip("/"):
            return None  # empty: off; relative: it would follow the working directory
        base, path = None, explicit
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if os.path.isabs(xdg) and xdg.strip("/"):
            base = xdg
        else:
            home = os.environ.get("HOME", "")
            # HOME= or HOME=/ would put the cache at /.cache: that is no one's cache directory
            if not os.path.isabs(home) or not home.strip("/"):
                return None
            base = os.path.join(home, ".cache")
        path = os.path.join(base, "asgm")
    try:
        st = os.lstat(path)  # a symbolic link is refused, not followed: it could point at anyone's files
    except FileNotFoundError:
        if not create:
            return None
        try:
            if base is not None and not os.path.isdir(base):
                os.mkdir(base, 0o700)  # only ever inside an existing home or XDG parent
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
        try:
            st = os.lstat(path)
        except OSError:
            return None
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
        return None  # another user could plant or swap entries there
    return path


def key(raw: bytes, expected_id: str | None) -> str:
    """The entry name for a file's bytes: any change to them, asgm or the format is a new name."""
    h = blake2b(digest_size=20)
    h.update(f"{FORMAT}\0{__version__}\0{expected_id}\0".encode("utf-8", "surrogatepass"))
    h.update(raw)
    return h.hexdigest()


def _checksum(name: str, payload: bytes) -> bytes:
    return blake2b(name.encode("ascii") + b"\0" + payload, digest_size=_DIGEST // 2).hexdigest().encode("ascii")


def _read_entry(path: str) -> bytes | None:
    """The bytes of a regular file of at most MAX_ENTRY bytes; None for anything else."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY:
            return None
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, MAX_ENTRY + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_ENTRY:  # the file grew after fstat
                return None
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def decode_entry(name: str, blob: bytes) -> dict[str, Any] | None:
    """The profile data of a verified entry, or None when anything about it is off."""
    head = len(MAGIC) + _DIGEST + 1
    if len(blob) < head or not blob.startswith(MAGIC) or blob[head - 1:head] != b"\n":
        return None
    payload = blob[head:]
    if blob[len(MAGIC):head - 1] != _checksum(name, payload):
        return None
    import json

    try:
        doc = json.loads(payload.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(doc, dict) or set(doc) != {"key", "data"} or doc["key"] != name:
        return None
    data = doc["data"]
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        return None
    return data


def encode_entry(name: str, data: dict[str, Any]) -> bytes | None:
    """An entry for ``data``, or None when JSON cannot carry it exactly or it is too large."""
    import json

    try:
        text = json.dumps({"key": name, "data": data}, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        payload = text.encode("utf-8")
        if json.loads(text)["data"] != data:  # a type JSON would change (tuple, date...) is not cached
            return None
    except (TypeError, ValueError, RecursionError):
        return None
    blob = MAGIC + _checksum(name, payload) + b"\n" + payload
    return blob if len(blob) <= MAX_ENTRY else None


def get(raw: bytes, expected_id: str | None) -> dict[str, Any] | None:
    """The validated data of a file whose bytes are ``raw``, or None on a miss."""
    where = directory()
    if where is None:
        return None
    name = key(raw, expected_id)
    blob = _read_entry(os.path.join(where, name + ".json"))
    return None if blob is None else decode_entry(name, blob)


def _sweep(where: str, now: float) -> None:
    """Remove temporary files that killed runs left behind (older than STALE_TMP seconds): only
    asgm's own (``.entry-*.tmp``), since the directory may be one the user also keeps files in."""
    try:
        names = [n for n in os.listdir(where) if n.startswith(TMP_PREFIX) and n.endswith(TMP_SUFFIX)]
    except OSError:
        return
    for n in names:
        p = os.path.join(where, n)
        try:
            if now - os.lstat(p).st_mtime > STALE_TMP:
                os.unlink(p)
        except OSError:
            pass


def put(raw: bytes, expected_id: str | None, data: dict[str, Any]) -> None:
    """Store validated data under the key of ``raw``: a new temporary file, renamed into place."""
    where = directory(create=True)
    if where is None:
        return
    name = key(raw, expected_id)
    blob = encode_entry(name, data)
    if blob is None:
        return
    import tempfile

    from asgm_cli.errors import TEMPORARY, discard_temporary, signals_held

    _sweep(where, time.time())
    tmp = None
    try:
        with signals_held():  # an interrupt between creating and recording the name would leak it
            fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=TMP_SUFFIX, dir=where)
            TEMPORARY.add(tmp)
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, os.path.join(where, name + ".json"))  # replaces a planted symlink, never follows it
        TEMPORARY.discard(tmp)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            discard_temporary(tmp)
