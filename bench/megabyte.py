"""The 1 MiB benchmark: a valid profile grown to the size limit, against a normal one.

Run after installing (``pip install -e .``):  python bench/megabyte.py [--runs 5]

A profile may be up to 1 MiB (readfile.MAX_BYTES) and hold up to 200 observations of one id
(schema.MAX_PER_ID). This script writes one that fills both: 200 sources, each giving a stated
ASGM share, an ASGM output and a national total for a year (the shape that once made the check
cubic), then figure ids of 200 observations each, alternating between two values that disagree
(the shape that once made it quadratic), until the file is just under 1 MiB. It validates it, then
times ``validate``, ``check`` and ``show`` on it and on a copy of the bundled Peru profile, run
interleaved in the same rounds (startup.py's ``measure``), with the cache off so that every run
parses. It prints the median time, the peak memory and each ratio to the normal profile, and
fails when a ratio is above its target.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import ASGM, HERE, measure, run_once  # noqa: E402  (the bench's own helpers)

LIMIT = 1_048_576
PER_ID = 200
TARGET_TIME, TARGET_RSS = 15.0, 8.0  # at most this many times a normal profile's time and peak memory
PERU = HERE.parent / "data" / "peru.yaml"


def observation(fid: str, value: object, unit: str, year: int, source: str, label: str = "") -> str:
    named = f"    label: {label}\n" if label else ""
    return (f"  - id: {fid}\n{named}    value: {value}\n    unit: \"{unit}\"\n    qualifier: null\n"
            f"    year: {year}\n    source: {source}\n    quote: \"{value} {unit}\"\n")


def grown() -> str:
    """A valid profile just under LIMIT bytes."""
    head = ("id: grown\nname: Grown\niso2: GR\niso3: GRW\nregion: Nowhere\n"
            "summary: A profile grown to the size limit.\nfigures:\n")
    sources = "sources:\n" + "".join(f"  - id: s{i}\n    title: Source {i}\n    publisher: P\n"
                                     f"    url: https://example.org/{i}\n    accessed: \"2026-11-26\"\n"
                                     for i in range(PER_ID))
    figures = [observation("asgm_share_of_national_gold", 10 + i % 50, "%", 1990 + i % 35, f"s{i}")
               + observation("asgm_gold_output", 5 + i % 7, "t/yr", 1990 + i % 35, f"s{i}")
               + observation("national_gold_production", 100 + i, "t", 1990 + i % 35, f"s{i}") for i in range(PER_ID)]
    size = len(head) + len(sources) + sum(len(f) for f in figures)
    k = 0
    while True:
        block = "".join(observation(f"own_{k}", 10 if i % 2 else 100, "people", 1990 + i % 35, f"s{i}", f"Count {k}")
                        for i in range(PER_ID))
        if size + len(block.encode()) > LIMIT:
            break
        figures.append(block)
        size += len(block.encode())
        k += 1
    fill = "".join(observation(f"own_{k}", 10 if i % 2 else 100, "people", 1990 + i % 35, f"s{i}", f"Count {k}")
                   for i in range(PER_ID))
    for line in fill.split("  - id:")[1:]:  # the last id, as far as it fits
        obs = "  - id:" + line
        if size + len(obs.encode()) > LIMIT:
            break
        figures.append(obs)
        size += len(obs.encode())
    return head + "".join(figures) + sources


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="interleaved runs per command (default 5)")
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "ASGM_DATA_PATH"}
    env["ASGM_CACHE_DIR"] = ""  # off: every run reads, parses and validates the file
    with tempfile.TemporaryDirectory(prefix="asgm-mib-") as tmp:
        big, normal = Path(tmp, "big"), Path(tmp, "normal")
        big.mkdir()
        normal.mkdir()
        text = grown()
        (big / "grown.yaml").write_text(text, encoding="utf-8")
        (normal / "grown.yaml").write_text(PERU.read_text(encoding="utf-8")
                                           .replace("id: peru\n", "id: grown\n", 1), encoding="utf-8")
        run_once([ASGM, "validate", str(big / "grown.yaml")], env)  # exits non-zero (and stops) if invalid
        n = text.count("\n  - id: ") - PER_ID
        print(f"Grown profile: {len(text.encode()):,} bytes (limit {LIMIT:,}), {n:,} observations, {PER_ID} sources\n")
        cases = {}
        for name, d in (("normal", normal), ("1 MiB", big)):
            cases[f"validate ({name})"] = ([ASGM, "validate", str(d / "grown.yaml")], env)
            cases[f"check ({name})"] = ([ASGM, "check", "grown", "--data-dir", str(d), "--severity", "error"], env)
            cases[f"show ({name})"] = ([ASGM, "show", "grown", "--data-dir", str(d), "--format", "text"], env)
        results, ratios = measure(cases, args.runs)
    print(f"Median of {args.runs} interleaved runs; x normal: the median of the per-round ratios to the same command "
          "on a copy of the Peru profile.\n")
    print("| command | normal ms | 1 MiB ms | x normal | normal RSS MiB | 1 MiB RSS MiB | x normal RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    failed = []
    for command in ("validate", "check", "show"):
        a, b = f"{command} (normal)", f"{command} (1 MiB)"
        (ta, ma), (tb, mb) = results[a], results[b]
        r, m = ratios[(b, a)], mb / ma
        print(f"| `{command}` | {ta * 1000:.0f} | {tb * 1000:.0f} | {r:.1f} | {ma / 1024:.1f} | {mb / 1024:.1f} | {m:.1f} |")
        if r > TARGET_TIME or m > TARGET_RSS:
            failed.append(command)
    print(f"\nTargets: at most {TARGET_TIME:g} x the time and {TARGET_RSS:g} x the peak memory of a normal profile "
          f"(the file is {len(text.encode()) / PERU.stat().st_size:.0f} times the size of Peru's): "
          + ("met" if not failed else f"NOT met by {', '.join(failed)}"))
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
