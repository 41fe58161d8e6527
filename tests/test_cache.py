"""The profile cache never serves a stale, corrupt or hostile entry (issue #16).

Each test reproduces one way the old cache (keyed by path, size, mtime and inode; marshal; a
predictable temporary name) served wrong data, hung, crashed or wrote through a symlink.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from asgm_cli import cache, yamlsafe
from conftest import MINIMAL, run, write_profile

ASGM = str(Path(sys.executable).parent / "asgm")
GET = ("get", "testland", "asgm_gold_output", "--data-dir")


def cache_dir() -> Path:
    return Path(os.environ["ASGM_CACHE_DIR"])


def only_entry() -> Path:
    """The one entry the test's runs have written."""
    files = [p for p in cache_dir().iterdir() if not p.name.endswith(".tmp")]
    assert len(files) == 1, files
    return files[0]


def get(data_dir: Path) -> tuple[int, str, str]:
    r = run(*GET, str(data_dir))
    return r.exit_code, r.stdout, r.stderr


def test_edit_with_the_same_size_and_mtime_is_seen(tmp_path) -> None:
    path = write_profile(tmp_path, MINIMAL)
    assert get(tmp_path) == (0, "10\n", "")
    before = path.stat()
    for new, expected in (("value: 99", (0, "99\n", "")),
                          ("value: ab", (1, "", f"asgm: error: {path}:10:12: figures[0].value: expected a number, "
                                                "got 'ab'\n"))):
        path.write_text(MINIMAL.replace("value: 10", new), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as touch -d, rsync or tar would
        assert (path.stat().st_size, path.stat().st_mtime_ns, path.stat().st_ino) == (
            before.st_size, before.st_mtime_ns, before.st_ino)
        assert get(tmp_path) == expected


def test_a_rename_during_a_read_never_poisons_the_cache(tmp_path, monkeypatch) -> None:
    path = write_profile(tmp_path, MINIMAL)
    newer = tmp_path / "next.tmp"
    newer.write_text(MINIMAL.replace("value: 10", "value: 12"), encoding="utf-8")
    parse = yamlsafe.parse

    def rename_then_parse(file: str, text: str) -> yamlsafe.Document:
        # The old bytes are read; the new version lands before the result is stored.
        os.replace(newer, path)
        monkeypatch.setattr(yamlsafe, "parse", parse)
        return parse(file, text)

    monkeypatch.setattr(yamlsafe, "parse", rename_then_parse)
    assert get(tmp_path) == (0, "10\n", "")  # what was read when the run started
    assert not newer.exists()
    assert get(tmp_path) == (0, "12\n", "")
    assert get(tmp_path) == (0, "12\n", "")


def test_200_bit_flips_never_give_a_wrong_number(tmp_path) -> None:
    write_profile(tmp_path, MINIMAL)
    args = ("figures", "testland", "--json", "--data-dir", str(tmp_path))
    uncached = run(*args, env={"ASGM_CACHE_DIR": ""})
    assert (uncached.exit_code, uncached.stderr) == (0, "")
    assert '"value": 10,' in uncached.stdout
    assert run(*args).stdout == uncached.stdout
    entry = only_entry()
    good = entry.read_bytes()
    rng = random.Random(16)
    for _ in range(200):
        bit = rng.randrange(len(good) * 8)
        flipped = bytearray(good)
        flipped[bit // 8] ^= 1 << (bit % 8)
        entry.write_bytes(bytes(flipped))
        result = run(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (0, uncached.stdout, ""), bit
        assert entry.read_bytes() == good, bit  # ignored, then rewritten


LIMITS = ("import resource, subprocess, sys; "
          "resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20)); "
          "sys.exit(subprocess.run(sys.argv[1:], timeout=10).returncode)")


def plant(entry: Path, kind: str) -> None:
    if kind == "marshal-tuple-2**31":
        entry.write_bytes(b"(" + (2**31 - 1).to_bytes(4, "little"))
    elif kind == "json-nesting":
        entry.write_bytes(b"asgm-cache 3\n" + b"0" * 32 + b"\n" + b"[" * ((4 << 20) - 64))
    elif kind == "oversize":
        entry.write_bytes(b"[" * (64 << 20))
    elif kind == "sparse-1TiB":
        with open(entry, "wb") as fh:
            fh.truncate(1 << 40)
    elif kind == "random":
        entry.write_bytes(random.Random(7).randbytes(1 << 20))


@pytest.mark.parametrize("kind", ["marshal-tuple-2**31", "json-nesting", "oversize", "sparse-1TiB", "random"])
def test_bomb_entries_stay_within_memory_and_time(tmp_path, kind: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    write_profile(data, MINIMAL)
    assert get(data) == (0, "10\n", "")
    entry = only_entry()
    plant(entry, kind)
    start = time.monotonic()
    p = subprocess.run([sys.executable, "-c", LIMITS, ASGM, *GET, str(data)], capture_output=True, text=True,
                       timeout=30, env={**os.environ, "ASGM_CACHE_DIR": str(cache_dir())})
    assert time.monotonic() - start < 10
    assert (p.returncode, p.stdout, p.stderr) == (0, "10\n", "")
    assert entry.stat().st_size < 4096  # rewritten as a real entry


def test_symlinks_at_entry_and_temporary_names_are_not_followed(tmp_path, tmp_path_factory) -> None:
    write_profile(tmp_path, MINIMAL)
    assert get(tmp_path) == (0, "10\n", "")
    entry = only_entry()
    victim = tmp_path_factory.mktemp("elsewhere") / "precious.txt"
    victim.write_bytes(b"keep me\n")
    entry.unlink()
    entry.symlink_to(victim)
    planted = [Path(f"{entry}.{os.getpid()}.tmp")]  # the old, predictable temporary name
    planted += [cache_dir() / f".entry-{n}.tmp" for n in ("x", "tmp", "0")]
    for p in planted:
        p.symlink_to(victim)
    assert get(tmp_path) == (0, "10\n", "")
    assert victim.read_bytes() == b"keep me\n"
    assert entry.is_file() and not entry.is_symlink()
    assert get(tmp_path) == (0, "10\n", "")  # and the rewritten entry serves
    assert all(p.is_symlink() for p in planted)  # fresh leftovers are not ours to judge yet


def test_a_fifo_at_an_entry_name_does_not_hang(tmp_path) -> None:
    write_profile(tmp_path, MINIMAL)
    assert get(tmp_path) == (0, "10\n", "")
    entry = only_entry()
    entry.unlink()
    os.mkfifo(entry)
    try:
        p = subprocess.run([ASGM, *GET, str(tmp_path)], capture_output=True, text=True, timeout=10,
                           env={**os.environ, "ASGM_CACHE_DIR": str(cache_dir())})
    except subprocess.TimeoutExpired:
        pytest.fail("asgm hung on a FIFO in the cache directory")
    assert (p.returncode, p.stdout, p.stderr) == (0, "10\n", "")
    assert entry.is_file()


@pytest.mark.parametrize("home", ["", "/", "//", "relative/home"])
def test_no_usable_home_means_no_cache_and_nothing_created(monkeypatch, home: str) -> None:
    monkeypatch.delenv("ASGM_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", home)
    made: list[str] = []

    def refuse(path, *args, **kwargs):  # never let a faulty cache create /.cache on the test machine
        made.append(str(path))
        raise PermissionError(13, "refused by the test", str(path))

    monkeypatch.setattr(os, "mkdir", refuse)
    monkeypatch.setattr(os, "makedirs", refuse)
    result = run("get", "peru", "asgm_gold_output")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "38.7\n", "")
    assert made == []
    assert cache.directory(create=True) is None


def test_empty_asgm_cache_dir_turns_the_cache_off(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ASGM_CACHE_DIR", "")
    assert cache.directory(create=True) is None
    write_profile(tmp_path, MINIMAL)
    assert get(tmp_path) == (0, "10\n", "")


def test_the_default_directory_is_made_0700_inside_home(tmp_path, monkeypatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.delenv("ASGM_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    old = os.umask(0)  # the 0700 must come from asgm, not from the umask
    try:
        assert run("get", "peru", "asgm_gold_output").stdout == "38.7\n"
    finally:
        os.umask(old)
    where = home / ".cache" / "asgm"
    assert (where.stat().st_mode & 0o777, (home / ".cache").stat().st_mode & 0o777) == (0o700, 0o700)
    assert [p.suffix for p in where.iterdir()] == [".json"]


def test_a_directory_others_can_write_is_not_used(tmp_path, monkeypatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("ASGM_CACHE_DIR", str(shared))
    write_profile(tmp_path, MINIMAL)
    assert get(tmp_path) == (0, "10\n", "")
    assert list(shared.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a directory to another user needs root")
def test_a_directory_another_user_owns_is_not_used(tmp_path, monkeypatch) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 65534, 65534)
    monkeypatch.setenv("ASGM_CACHE_DIR", str(theirs))
    write_profile(tmp_path, MINIMAL)
    assert get(tmp_path) == (0, "10\n", "")
    assert list(theirs.iterdir()) == []


def test_stale_temporary_files_are_removed_when_an_entry_is_written(tmp_path) -> None:
    stale, fresh = cache_dir() / ".entry-killed.tmp", cache_dir() / ".entry-running.tmp"
    for p in (stale, fresh):
        p.write_bytes(b"partial")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    write_profile(tmp_path, MINIMAL)
    assert get(tmp_path) == (0, "10\n", "")
    assert sorted(p.name for p in cache_dir().iterdir() if p.suffix == ".tmp") == [".entry-running.tmp"]


def test_an_entry_under_another_name_is_refused(tmp_path) -> None:
    """A verified entry copied to another key's name is not served: the checksum covers the name."""
    write_profile(tmp_path, MINIMAL)
    assert get(tmp_path) == (0, "10\n", "")
    ten = only_entry()
    other = tmp_path / "testland.yaml"
    other.write_text(MINIMAL.replace("value: 10", "value: 11"), encoding="utf-8")
    assert get(tmp_path) == (0, "11\n", "")
    eleven = next(p for p in cache_dir().iterdir() if p != ten)
    eleven.write_bytes(ten.read_bytes())
    assert get(tmp_path) == (0, "11\n", "")


def test_entry_round_trip_and_shape_checks() -> None:
    data = {"id": "x", "n": [1, 2.5, None, True, {"k": "Perú"}]}
    name = cache.key(b"bytes", "x")
    blob = cache.encode_entry(name, data)
    assert blob is not None and blob.startswith(cache.MAGIC)
    assert cache.decode_entry(name, blob) == data
    assert cache.decode_entry(cache.key(b"other", "x"), blob) is None
    assert cache.encode_entry(name, {"when": (1, 2)}) is None  # a tuple would come back a list
    assert cache.encode_entry(name, {"x": float("nan")}) is None
    assert cache.key(b"bytes", "x") != cache.key(b"bytes", "y") != cache.key(b"bytes!", "x")
