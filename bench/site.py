"""``asgm site`` build time and size: the bundled profiles, and N generated ones (copies of Peru).

Run after installing (``pip install -e .``):  python bench/site.py [--sizes 100,500,1000] [--runs 3]

Each run builds the whole site into a fresh temporary directory (``asgm site``, a child process, so
start-up is included); the median of ``--runs`` runs is reported, with the time per profile beyond
the bundled ones, which is constant when the cost grows linearly. Generated profiles are added to
the 18 bundled ones with ``--data-dir``, as bench/startup.py writes them.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import ASGM, write_profiles  # noqa: E402  (the same generated profiles as the scale benchmark)


def build(extra: list[str], runs: int) -> tuple[float, dict[str, int]]:
    """Median seconds of ``asgm site`` and the sizes of the last build (total, pages, Peru, index)."""
    times = []
    sizes: dict[str, int] = {}
    for _ in range(runs):
        out = Path(tempfile.mkdtemp(prefix="asgm-site-bench-")) / "s"
        try:
            start = time.perf_counter()
            done = subprocess.run([ASGM, "site", str(out), *extra], stderr=subprocess.PIPE, text=True)
            if done.returncode != 0:
                raise SystemExit(f"bench: asgm site exited {done.returncode}: {done.stderr.strip()}")
            times.append(time.perf_counter() - start)
            files = [p for p in out.rglob("*") if p.is_file()]
            sizes = {"files": len(files), "total": sum(p.stat().st_size for p in files),
                     "pages": sum(1 for p in files if p.suffix == ".html"),
                     "peru": (out / "countries" / "peru.html").stat().st_size,
                     "index": (out / "index.html").stat().st_size}
        finally:
            shutil.rmtree(out.parent, ignore_errors=True)
    return statistics.median(times), sizes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,500,1000", help="generated profile counts (default 100,500,1000)")
    ap.add_argument("--runs", type=int, default=3, help="runs per size (default 3)")
    args = ap.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())  # other work on the machine slows every row
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average at the start {load}\n")
    print("| profiles | build s | s per generated profile | files | pages | total MB | index KB | Peru's page KB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    base, sizes = build([], args.runs)
    print(f"| 18 (bundled) | {base:.2f} | — | {sizes['files']} | {sizes['pages']} | {sizes['total'] / 1e6:.1f} | "
          f"{sizes['index'] / 1e3:.0f} | {sizes['peru'] / 1e3:.0f} |")
    for n in [int(x) for x in args.sizes.split(",") if x]:
        data = Path(tempfile.mkdtemp(prefix="asgm-site-data-"))
        try:
            write_profiles(data, n)
            t, sizes = build(["--data-dir", str(data)], args.runs)
        finally:
            shutil.rmtree(data, ignore_errors=True)
        print(f"| {18 + n:,} (18 + {n:,} generated) | {t:.2f} | {(t - base) / n * 1000:.1f} ms | {sizes['files']:,} | "
              f"{sizes['pages']:,} | {sizes['total'] / 1e6:.1f} | {sizes['index'] / 1e3:.0f} | {sizes['peru'] / 1e3:.0f} |")


if __name__ == "__main__":
    main()
