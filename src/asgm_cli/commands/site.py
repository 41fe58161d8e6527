"""``asgm site DIR``: every fact sheet as a static website that works offline."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from asgm_cli.cli import command
from asgm_cli.commands.options import DataDirOpt


@command(epilog="\b\nExamples:\n  asgm site public\n  asgm site public --base-url https://example.org/asgm/")
def site(
    directory: Annotated[str, typer.Argument(help="Directory to write the site to; replaced as a whole.",
                                             metavar="DIR", show_default=False)],
    base_url: Annotated[Optional[str], typer.Option(
        "--base-url", help="Where the site will be published (http or https): adds canonical links and "
        "sitemap.xml. Links between pages stay relative.", metavar="URL", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace DIR even when it holds files and is not a "
                                                        "site asgm wrote (everything in it is removed).")] = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Every profile as a static website, for a folder or any host.

    A page per country and per indicator, the checks, the programme and downloads. It works from a
    folder (file://) or any static host.
    """
    from asgm_cli.website import site as write_site

    files = write_site(directory, data_dir, base_url, force)
    pages = sum(name.endswith(".html") for name in files)
    size = sum(len(data) for data in files.values())
    try:
        sys.stderr.write(f"asgm: wrote {directory}/index.html: {pages} pages, {len(files)} files, "
                         f"{size / 1e6:.1f} MB\n")
    except (OSError, ValueError):
        pass
