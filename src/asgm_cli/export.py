"""``asgm show --export``: the fact sheet as SVG, HTML, Markdown or text, written atomically."""

from __future__ import annotations

import os
import tempfile
from typing import Any, Sequence

from asgm_cli.errors import AsgmError, UsageFailed

EXTENSIONS = {".svg": "svg", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "txt"}
EXPORT_WIDTH = 100  # columns of the exported page, whatever the terminal


def export_format(target: str, explicit: str | None) -> str:
    """The format from --export-format, else from the file's extension (``-`` means Markdown)."""
    if explicit:
        return explicit
    if target == "-":
        return "md"
    ext = os.path.splitext(target)[1].lower()
    if ext not in EXTENSIONS:
        raise UsageFailed(f"cannot tell the export format of '{target}'; use a name ending in "
                          f"{', '.join(sorted(set(EXTENSIONS)))} or --export-format")
    return EXTENSIONS[ext]


def render(blocks: Sequence[Any], fmt: str, title: str) -> str:
    """The exported document; SVG and HTML keep the terminal's colours (Rich's recording console)."""
    from asgm_cli.render import Marks, markdown, plain, rich_print
    from asgm_cli.term import Env

    marks = Marks(True)
    if fmt == "md":
        return markdown(blocks, marks)
    if fmt == "txt":
        return plain(blocks, EXPORT_WIDTH, marks)
    env = Env(stdout_tty=True, stdout_color=True, unicode=True, width=EXPORT_WIDTH)
    console = rich_print(blocks, env, marks, record=True)
    if fmt == "svg":
        return console.export_svg(title=title, unique_id="asgm")
    return console.export_html(inline_styles=True)


def _mode(target: str) -> int:
    """The existing file's permissions, else what the umask allows (mkstemp's 0600 is too narrow)."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(target: str, text: str) -> None:
    """Write to a temporary file beside ``target``, then rename it into place.

    An interrupted or failed write leaves no partial file, and an existing file stays as it was.
    """
    data = text.encode("utf-8")
    if os.path.lexists(target) and not os.path.isfile(target):
        raise AsgmError(f"cannot write {target}: not a regular file")
    directory = os.path.dirname(os.path.abspath(target))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".asgm-", suffix=".tmp", dir=directory)
        os.fchmod(fd, _mode(target))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        tmp = None
    except OSError as e:
        raise AsgmError(f"cannot write {target}: {e.strerror or e}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
