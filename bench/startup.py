"""Start-up and scale benchmark for asgm.

Run after installing (``pip install -e .``):  python bench/startup.py [--runs 20] [--scale 1,100,1000,10000]

Part 1 runs each command interleaved (A B C ... A B C ...), reports the median wall time over
``--runs`` runs, the ratio to the floor (a one-command Typer app on the same interpreter and
typer) and the peak resident memory of the child process. ``show`` on a terminal runs under a
pseudo-terminal (``script -qec``) and is compared with the second floor, the floor app that also
imports Rich and prints a 30-row table, run the same way. asgm holds the garbage collector while
it imports (entry.py); both floors are run a second time with the collector held the same way,
and every ratio is given against those too (like for like). The targets of issue #14 (and #13 for
``check``) are checked at the end, against both.

Bytecode: by default asgm's .pyc files are written first (a warm-up run without
PYTHONDONTWRITEBYTECODE), as they are after any ordinary install. ``--no-pyc`` removes them and
sets PYTHONDONTWRITEBYTECODE=1 for every run, so that each run compiles asgm's modules again
(site-packages keep the .pyc files pip wrote, for the floor and asgm alike). The mode is printed.
Part 2 generates N copies of a profile in a temporary data directory and times single-country
and whole-dataset commands against it.
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

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
ASGM = str(BIN / "asgm")
PY = sys.executable


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one child, output to a pipe that is read to the end."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    while proc.stdout.read(65536):
        pass
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(argv)} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss


def measure(cases: dict[str, tuple[list[str], dict[str, str]]],
            runs: int) -> tuple[dict[str, tuple[float, int]], dict[tuple[str, str], float]]:
    """Median time and peak RSS of each case, and for every pair of cases the median of the
    ratios of their times within each round (a slow moment of the machine hits both)."""
    times: dict[str, list[float]] = {k: [] for k in cases}
    rss: dict[str, list[int]] = {k: [] for k in cases}
    for name, (argv, env) in cases.items():  # warm-up: page cache, profile cache
        run_once(argv, env)
    for _ in range(runs):
        for name, (argv, env) in cases.items():
            t, m = run_once(argv, env)
            times[name].append(t)
            rss[name].append(m)
    ratios = {(a, b): statistics.median(x / y for x, y in zip(times[a], times[b])) for a in cases for b in cases}
    return {k: (statistics.median(times[k]), max(rss[k])) for k in cases}, ratios


FLOOR, FLOOR2 = "typer floor (1-command app)", "floor 2: typer + Rich, 30-row table (on a terminal)"
#: the floors again with the garbage collector held while they import, as asgm's entry.py holds it
FLOOR_GC, FLOOR2_GC = "floor, GC held", "floor 2, GC held (on a terminal)"
LIKE = {FLOOR: FLOOR_GC, FLOOR2: FLOOR2_GC}
GET, FIGURES, PIPE, TTY = ("asgm get peru asgm_gold_output", "asgm figures peru --json", "asgm show peru (to a pipe)",
                           "asgm show peru (on a terminal)")
CHECK = "asgm check (every bundled profile)"
#: (command, what it is compared with, the largest ratio asked)
TARGETS = ((GET, FLOOR, 1.15), (FIGURES, FLOOR, 1.15), (PIPE, FLOOR, 1.3), (TTY, FLOOR2, 1.3), (CHECK, FIGURES, 1.5))


def gc_held(script: Path) -> list[str]:
    """``python script`` with the garbage collector off from the first line, as asgm's entry.py has it."""
    return [PY, "-c", f"import gc; gc.disable(); p = {str(script)!r}; "
            "exec(compile(open(p).read(), p, 'exec'), {'__name__': '__main__'})"]


def on_a_terminal(argv: list[str]) -> list[str]:
    """``argv`` run under a pseudo-terminal (util-linux script), its output read from a pipe."""
    import shlex

    return ["script", "-qec", shlex.join(argv), "/dev/null"]


def pyc_mode(no_pyc: bool, env: dict[str, str]) -> str:
    """Set up the bytecode mode (see the module's docstring) and say which it is."""
    import asgm_cli

    cache = Path(asgm_cli.__file__).parent / "__pycache__"
    if no_pyc:
        shutil.rmtree(cache, ignore_errors=True)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        return "no .pyc: PYTHONDONTWRITEBYTECODE=1 and asgm's __pycache__ removed; every run compiles asgm"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for argv in ([ASGM, "show", "peru"], [ASGM, "check"], [ASGM, "--help"]):  # write every module's .pyc
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return ".pyc files written (as after an ordinary install)"


def startup(runs: int, no_pyc: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("ASGM_DATA_PATH", "FORCE_COLOR", "NO_COLOR")}
    env["COLUMNS"] = "100"  # the pseudo-terminal has no size of its own
    print(f"Bytecode: {pyc_mode(no_pyc, env)}\n")
    comp = {**env, "_ASGM_COMPLETE": "complete_bash", "COMP_WORDS": "asgm show pe", "COMP_CWORD": "2"}
    cases = {
        "python -c pass": ([PY, "-c", "pass"], env),
        FLOOR: ([PY, str(HERE / "floor_app.py")], env),
        FLOOR2: (on_a_terminal([PY, str(HERE / "floor_rich_app.py")]), env),
        FLOOR_GC: (gc_held(HERE / "floor_app.py"), env),
        FLOOR2_GC: (on_a_terminal(gc_held(HERE / "floor_rich_app.py")), env),
        FIGURES: ([ASGM, "figures", "peru", "--json"], env),
        GET: ([ASGM, "get", "peru", "asgm_gold_output"], env),
        PIPE: ([ASGM, "show", "peru"], env),
        # a terminal gets the pager for a sheet longer than the screen, which would wait for a key
        TTY: (on_a_terminal([ASGM, "show", "peru", "--no-pager"]), env),
        CHECK: ([ASGM, "check"], env),
        "asgm --help": ([ASGM, "--help"], env),
        "completion: asgm show pe<TAB>": ([ASGM], comp),
    }
    results, ratios = measure(cases, runs)
    floor_t, floor_m = results[FLOOR]
    print(f"## Start-up: median of {runs} interleaved runs\n")
    print("x floor: the median of the per-round ratios to the floor run in the same round "
          "(the terminal run: to floor 2). asgm holds the garbage collector while it imports "
          "(entry.py); \"x floor, GC held\" compares it with the floor run the same way.\n")
    print("| command | median ms | x floor | x floor, GC held | peak RSS MiB | x floor RSS |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (t, m) in results.items():
        base = FLOOR2 if name in (TTY, FLOOR2_GC) else FLOOR
        print(f"| `{name}` | {t * 1000:.1f} | {ratios[(name, base)]:.2f} | {ratios[(name, LIKE[base])]:.2f} "
              f"| {m / 1024:.1f} | {m / floor_m:.2f} |")
    print("\n| target | ratio | asked | met | ratio, floor with GC held | met |\n|---|---:|---:|---|---:|---|")
    for name, base, asked in TARGETS:
        r, like = ratios[(name, base)], ratios[(name, LIKE.get(base, base))]
        met = [("yes" if (x < asked if name == CHECK else x <= asked) else "no") for x in (r, like)]
        print(f"| `{name}` / `{base}` | {r:.2f} | {'<' if name == CHECK else '≤'} {asked} | {met[0]} "
              f"| {like:.2f} | {met[1]} |")
    print()


def write_profiles(directory: Path, n: int) -> None:
    source = (HERE.parent / "data" / "peru.yaml").read_text(encoding="utf-8")
    for i in range(n):
        pid = f"gen{i:05d}"
        text = source.replace("id: peru\n", f"id: {pid}\n", 1).replace("name: Peru\n", f"name: Generated {i}\n", 1)
        (directory / f"{pid}.yaml").write_text(text, encoding="utf-8")


def scale(sizes: list[int], runs: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ASGM_DATA_PATH"}
    print(f"## Scale: generated profiles in a temporary --data-dir, median of {runs} runs\n")
    print("ms/profile = (time with N profiles - time with 1) / (N - 1): the cost of each profile, without start-up.\n")
    print("| profiles | `show peru` ms | x (1 profile) | `list` ms | `list` ms/profile | `figures --json` ms "
          "| `figures` ms/profile |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    base: dict[str, float] = {}
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="asgm-bench-"))
        try:
            write_profiles(tmp, n)
            d = ["--data-dir", str(tmp)]
            cases = {
                "show": ([ASGM, "show", "peru", *d], env),
                "list": ([ASGM, "list", "--json", *d], env),
                "figures": ([ASGM, "figures", "--json", *d], env),
            }
            r, _ = measure(cases, runs)
            t = {k: v[0] for k, v in r.items()}
            base = base or t

            def per(k: str) -> str:
                return f"{(t[k] - base[k]) * 1000 / (n - 1):.2f}" if n > 1 else "—"

            print(f"| {n:,} | {t['show'] * 1000:.1f} | {t['show'] / base['show']:.2f} | {t['list'] * 1000:.0f} | "
                  f"{per('list')} | {t['figures'] * 1000:.0f} | {per('figures')} |")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20, help="runs per start-up command (default 20)")
    ap.add_argument("--scale", default="1,100,1000,10000", help="profile counts for the scale part ('' to skip)")
    ap.add_argument("--scale-runs", type=int, default=3, help="runs per scale command (default 3)")
    ap.add_argument("--no-pyc", action="store_true", help="compile asgm on every run (PYTHONDONTWRITEBYTECODE=1)")
    args = ap.parse_args()
    if not Path(ASGM).exists():
        raise SystemExit("bench: install asgm into this interpreter's environment first (pip install -e .)")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}\n")
    startup(args.runs, args.no_pyc)
    if args.scale:
        scale([int(x) for x in args.scale.split(",")], args.scale_runs)


if __name__ == "__main__":
    main()
