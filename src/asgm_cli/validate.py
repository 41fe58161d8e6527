"""``asgm validate``: every problem in every file, as text lines or JSON."""

from __future__ import annotations

import os
from dataclasses import dataclass

from asgm_cli.errors import DataError


@dataclass
class Report:
    file: str
    problems: list[DataError]


def _check(file: str) -> Report:
    """One file's report. The id must match the file name, as it must for loading."""
    from asgm_cli.catalog import check_file

    stem, ext = os.path.splitext(os.path.basename(file))
    _, problems = check_file(file, stem)
    if ext != ".yaml" and not os.path.isdir(file):
        problems.append(DataError(file, None, None, "", f"profiles are found only as ID.yaml; rename it to {stem}.yaml"))
    return Report(file, problems)


def check_paths(paths: list[str]) -> list[Report]:
    """A report per file; a directory (not itself named *.yaml) stands for its *.yaml files, sorted."""
    reports = []
    for p in paths:
        if not os.path.isdir(p) or p.endswith(".yaml"):
            reports.append(_check(p))
            continue
        try:
            names = sorted(n for n in os.listdir(p) if n.endswith(".yaml") and not n.startswith("."))
        except OSError:
            names = []
        if not names:
            reports.append(Report(p, [DataError(p, None, None, "", "no profile files (*.yaml) in this directory")]))
        reports += [_check(os.path.join(p, n)) for n in names]
    return reports


def report_text(reports: list[Report]) -> str:
    lines = []
    for r in reports:
        lines += [e.message for e in r.problems] if r.problems else [f"{r.file}: valid"]
    return "".join(line.replace("\n", " ") + "\n" for line in lines)


def report_json(reports: list[Report]) -> str:
    from asgm_cli.output import dumps_json

    return dumps_json([{
        "file": r.file, "valid": not r.problems,
        "problems": [{"line": e.line, "column": e.column, "field": e.field or None, "message": e.detail}
                     for e in r.problems],
    } for r in reports])
