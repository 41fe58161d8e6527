"""``asgm show --export``: the fact sheet as SVG, HTML, Markdown or text, written atomically."""

from __future__ import annotations

import os
import tempfile
from typing import Any, Sequence

from asgm_cli.errors import TEMPORARY, AsgmError, UsageFailed, discard_temporary, shorten_path, signals_held

EXTENSIONS = {".svg": "svg", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "txt"}
EXPORT_WIDTH = 100  # columns of the exported page, whatever the terminal


def export_format(target: str, explicit: str | None, force: bool = False) -> str:
    """The format from --export-format, else from the file's extension (``-`` means Markdown).

    A target that exists and is not a regular file (``/dev/full``) is refused first, exit 1:
    its name says nothing about the format, and it could never be replaced atomically.
    """
    if target == "-":
        return explicit or "md"
    _check_target(target, force)
    if explicit:
        return explicit
    ext = os.path.splitext(target)[1].lower()
    if ext not in EXTENSIONS:
        raise UsageFailed(f"cannot tell the export format of '{shorten_path(target)}'; use a name ending in "
                          f"{', '.join(sorted(set(EXTENSIONS)))} or --export-format")
    return EXTENSIONS[ext]


def render(blocks: Sequence[Any], fmt: str, title: str) -> str:
    """The exported document; SVG and HTML keep the terminal's colours (Rich's recording console)."""
    from asgm_cli.blocks import Marks
    from asgm_cli.layout import markdown, plain, rich_print
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


def _check_target(target: str, force: bool = False) -> None:
    """Refuse what the user would not expect replaced: not a regular file (always), a file we could
    not open for writing ourselves (0444), or one with other hard links (they would keep the old
    text); ``--force`` allows the last two."""
    try:
        exists = os.path.lexists(target)
    except ValueError:  # a NUL byte: no such file can exist; the write reports it
        return
    if exists and not os.path.isfile(target):
        raise AsgmError(f"cannot write {shorten_path(target)}: not a regular file")
    if not exists or force:
        return
    st = os.stat(target)
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):  # root may write anything: the mode says "keep"
        raise AsgmError(f"cannot write {shorten_path(target)}: it is write-protected; --force replaces it")
    if st.st_nlink > 1:
        raise AsgmError(f"cannot write {shorten_path(target)}: it has {st.st_nlink} hard links, which would keep the "
                        "old text; --force writes through all of them")


def _links(target: str) -> int:
    try:
        return os.stat(target).st_nlink
    except OSError:
        return 1


def _mode(target: str) -> int:
    """The existing file's permissions, else what the umask allows (mkstemp's 0600 is too narrow)."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(target: str, text: str, force: bool = False) -> None:
    """Write to a temporary file beside ``target``, then rename it into place.

    An interrupted or failed write leaves no partial file, and an existing file stays as it was:
    Ctrl-C and SIGTERM (see entry.py) raise, and the ``finally`` below removes the temporary file.
    A file with other hard links (allowed with ``force``) is written in place instead, so that
    every name of it shows the new text.
    """
    data = text.encode("utf-8")
    _check_target(target, force)
    if _links(target) > 1:
        try:
            with open(target, "r+b") as fh:
                fh.write(data)
                fh.truncate()
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as e:
            raise AsgmError(f"cannot write {shorten_path(target)}: {e.strerror or e}") from None
        return
    tmp = None
    try:
        directory = os.path.dirname(os.path.abspath(target))
        with signals_held():  # Ctrl-C or SIGTERM now would leave a file whose name we do not know yet
            fd, tmp = tempfile.mkstemp(prefix=".asgm-", suffix=".tmp", dir=directory)
            TEMPORARY.add(tmp)
        os.fchmod(fd, _mode(target))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        TEMPORARY.discard(tmp)
        tmp = None
    except (OSError, ValueError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else "invalid file name" if isinstance(e, ValueError) else e
        raise AsgmError(f"cannot write {shorten_path(target)}: {why}") from None
    finally:
        if tmp is not None:
            discard_temporary(tmp)
