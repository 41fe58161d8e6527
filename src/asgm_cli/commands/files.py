"""Commands about profile files: validate them, their JSON Schema, a template for a new one."""

from __future__ import annotations

import sys
from typing import Annotated, List

import typer

from asgm_cli.cli import command
from asgm_cli.commands.options import JsonOnlyOpt
from asgm_cli.errors import AsgmError, strip_control


@command(epilog="\b\nExamples:\n  asgm validate mydata/tanzania.yaml\n  asgm validate mydata/ --json | jq '.[] | select(.valid | not)'")
def validate(
    paths: Annotated[List[str], typer.Argument(help="Profile files, or directories of them (*.yaml).",
                                               metavar="FILE...", show_default=False)],
    json_: JsonOnlyOpt = False,
) -> None:
    """Check profile files and report every problem.

    Each problem is one line: file:line:column: field: message.

    Exit 0 when every file is valid, 1 otherwise. Problems go to stdout (they are this command's
    output); a one-line summary goes to stderr.
    """
    from asgm_cli.validate import check_paths, report_json, report_text

    reports = check_paths(paths)
    if json_:
        from asgm_cli.output import write_bytes

        write_bytes(report_json(reports))
    else:
        sys.stdout.write(strip_control(report_text(reports)))  # a file name may hold a terminal escape
    bad = [r for r in reports if r.problems]
    if bad:
        count = sum(len(r.problems) for r in bad)
        raise AsgmError(f"{count} problem{'s' * (count != 1)} in {len(bad)} of {len(reports)} "
                        f"file{'s' * (len(reports) != 1)}")

@command(epilog="\b\nExample:\n  asgm schema > asgm-profile.schema.json")
def schema() -> None:
    """The JSON Schema of a profile file, for editors.

    Draft 2020-12, for editors that validate YAML as you type.
    """
    from asgm_cli.output import dumps_json, write_bytes
    from asgm_cli.schema_json import profile_schema

    write_bytes(dumps_json(profile_schema()))


@command(epilog="\b\nExample:\n  asgm template Tanzania > mydata/tanzania.yaml")
def template(
    country: Annotated[str, typer.Argument(help="The new country's name, e.g. Tanzania.", metavar="COUNTRY",
                                           show_default=False)],
) -> None:
    """A commented skeleton profile for a new country.

    Written to stdout.
    """
    from asgm_cli.output import write_bytes
    from asgm_cli.template import skeleton

    write_bytes(skeleton(country))
