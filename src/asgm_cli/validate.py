"""``asgm validate``: every problem in every file, as text lines or JSON."""

from __future__ import annotations

import os
from dataclasses import dataclass

from asgm_cli.errors import DataError


@dataclass
class Report:
    file: str
    problems: list[DataError]


def _files(paths: list[str]) -> list[str]:
    """Files as given; a directory stands for the *.yaml files in it, sorted."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p) and not p.endswith(".yaml"):
            try:
                names = sorted(n for n in os.listdir(p) if n.endswith(".yaml") and not n.startswith("."))
            except OSError:
                names = []
            out += [os.path.join(p, n) for n in names] or [p]  # an empty directory is reported as a problem
        else:
            out.append(p)
    return out


def check_paths(paths: list[str]) -> list[Report]:
    """A report per file. The id must match the file name, as it must for loading."""
    from asgm_cli.catalog import check_file

    reports = []
    for file in _files(paths):
        name = os.path.basename(file)
        stem, ext = os.path.splitext(name)
        if os.path.isdir(file) and not file.endswith(".yaml"):
            reports.append(Report(file, [DataError(file, None, None, "", "no profile files (*.yaml) in this directory")]))
            continue
        _, problems = check_file(file, stem)
        if ext != ".yaml" and not os.path.isdir(file):
            problems.append(DataError(file, None, None, "", f"profiles are found only as ID.yaml; rename it to {stem}.yaml"))
        reports.append(Report(file, problems))
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
