"""The cache's limits at their edges, and its entries byte by byte (added from scripts/mutation)."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from asgm_cli import cache

NAME = "n" * 40


def entry(payload: bytes, name: str = NAME) -> bytes:
    """A well-formed entry around ``payload`` (its checksum correct)."""
    return cache.MAGIC + cache._checksum(name, payload) + b"\n" + payload


def test_an_entry_byte_by_byte() -> None:
    blob = cache.encode_entry(NAME, {"a": "é"})
    assert blob == entry('{"key":"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn","data":{"a":"é"}}'.encode())
    assert blob is not None and blob.startswith(b"asgm-cache 3\n")
    assert len(cache._checksum(NAME, b"x")) == 32
    assert len(cache.key(b"x", None)) == 40


@pytest.mark.parametrize(("payload", "decoded"), [
    (b'{"key":"' + NAME.encode() + b'","data":{"a":1}}', {"a": 1}),
    (b'[1]', None),
    (b'{"key":"' + NAME.encode() + b'","data":{"a":1},"x":1}', None),
    (b'{"key":"other","data":{"a":1}}', None),
    (b'{"key":"' + NAME.encode() + b'","data":[1]}', None),
    (b'{"key":"' + NAME.encode() + b'"}', None),
    (b'', None),
    (b'\xff', None),
])
def test_decode_entry_shapes(payload: bytes, decoded: Any) -> None:
    assert cache.decode_entry(NAME, entry(payload)) == decoded


def test_decode_entry_header() -> None:
    good = entry(b'{"key":"' + NAME.encode() + b'","data":{}}')
    assert cache.decode_entry(NAME, good) == {}
    assert cache.decode_entry(NAME, good.replace(b"asgm-cache 3", b"asgm-cache 2")) is None
    head = len(cache.MAGIC) + 33
    assert cache.decode_entry(NAME, good[:head - 1] + b" " + good[head:]) is None
    assert cache.decode_entry(NAME, good[:head - 1]) is None


def test_encode_entry_at_the_size_limit() -> None:
    base = len(cache.encode_entry(NAME, {"a": ""}) or b"")
    fits = cache.encode_entry(NAME, {"a": "x" * (cache.MAX_ENTRY - base)})
    assert fits is not None and len(fits) == cache.MAX_ENTRY == 4 * 1024 * 1024
    assert cache.encode_entry(NAME, {"a": "x" * (cache.MAX_ENTRY - base + 1)}) is None


def test_read_entry_at_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_bytes(b"x" * cache.MAX_ENTRY)
    assert cache._read_entry(str(path)) == b"x" * cache.MAX_ENTRY
    path.write_bytes(b"x" * (cache.MAX_ENTRY + 1))
    assert cache._read_entry(str(path)) is None
    path.write_bytes(b"")
    assert cache._read_entry(str(path)) == b""
    assert cache._read_entry(str(tmp_path)) is None
    assert cache._read_entry(str(tmp_path / "missing")) is None


def test_read_entry_of_a_file_that_grew_after_fstat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "e.json"
    path.write_bytes(b"x" * (cache.MAX_ENTRY + 1))
    real = os.fstat

    def small(fd: int) -> os.stat_result:
        st = real(fd)
        return os.stat_result((stat.S_IFREG | 0o600,) + tuple(st)[1:6] + (10,) + tuple(st)[7:])

    monkeypatch.setattr(cache.os, "fstat", small)
    assert cache._read_entry(str(path)) is None
    path.write_bytes(b"y" * 100000)
    assert cache._read_entry(str(path)) == b"y" * 100000


def test_read_entry_closes_what_it_opens(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_bytes(b"x")
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(5):
        assert cache._read_entry(str(path)) == b"x"
        assert cache._read_entry(str(tmp_path)) is None
    assert len(os.listdir("/proc/self/fd")) == before


def test_where_the_cache_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASGM_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    for xdg in ("relative", "/", ""):
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        assert cache.directory() is None  # not made without create
        assert not (tmp_path / "home" / ".cache").exists()
    assert cache.directory(create=True) == str(tmp_path / "home" / ".cache" / "asgm")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    (tmp_path / "xdg").mkdir()
    assert cache.directory() is None
    assert cache.directory(create=True) == str(tmp_path / "xdg" / "asgm")
    for explicit in ("relative/dir", "/", "//", ""):
        monkeypatch.setenv("ASGM_CACHE_DIR", explicit)
        assert cache.directory(create=True) is None
    monkeypatch.setenv("ASGM_CACHE_DIR", str(tmp_path / "own"))
    assert cache.directory() is None
    assert cache.directory(create=True) == str(tmp_path / "own")
    assert stat.S_IMODE(os.stat(tmp_path / "own").st_mode) == 0o700
    os.chmod(tmp_path / "own", 0o755)  # others may read and enter, not write: still ours
    assert cache.directory() == str(tmp_path / "own")
    os.chmod(tmp_path / "own", 0o711)
    assert cache.directory() == str(tmp_path / "own")
    os.chmod(tmp_path / "own", 0o702)
    assert cache.directory() is None


def test_sweep_at_the_hour(tmp_path: Path) -> None:
    now = time.time()
    for name, age in ((".entry-a.tmp", 3600), (".entry-b.tmp", 3601), ("c.json", 9000), ("notes.tmp", 9000)):
        (tmp_path / name).write_bytes(b"")
        os.utime(tmp_path / name, (now - age, now - age))
    cache._sweep(str(tmp_path), now)
    # only its own temporary files: notes.tmp is not asgm's, however old
    assert sorted(p.name for p in tmp_path.iterdir()) == [".entry-a.tmp", "c.json", "notes.tmp"]


def test_put_writes_nothing_it_cannot_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASGM_CACHE_DIR", str(tmp_path / "c"))
    cache.put(b"raw", "x", {"t": (1, 2)})
    assert os.listdir(tmp_path / "c") == []

    def failing(a: str, b: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", failing)
    cache.put(b"raw", "x", {"t": 1})
    assert os.listdir(tmp_path / "c") == []  # the temporary file is removed
    monkeypatch.undo()
    monkeypatch.setenv("ASGM_CACHE_DIR", str(tmp_path / "c"))
    cache.put(b"raw", "x", {"t": 1})
    assert os.listdir(tmp_path / "c") == [cache.key(b"raw", "x") + ".json"]
    assert cache.get(b"raw", "x") == {"t": 1}
    assert cache.get(b"raw", "y") is None


def test_read_entry_refuses_fifos_and_symbolic_links(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.json")
    assert cache._read_entry(str(tmp_path / "fifo.json")) is None
    (tmp_path / "real.json").write_bytes(b"x")
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    assert cache._read_entry(str(tmp_path / "link.json")) is None
    assert cache._read_entry(str(tmp_path / "real.json")) == b"x"


def test_entry_data_must_be_a_mapping() -> None:
    assert cache.decode_entry(NAME, entry(b'{"key":"' + NAME.encode() + b'","data":"abc"}')) is None


def test_a_relative_xdg_cache_home_is_ignored_even_when_creating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASGM_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    for xdg in ("relative", "/"):
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        assert cache.directory(create=True) == str(tmp_path / ".cache" / "asgm")
    assert not (tmp_path / "relative").exists()
