"""The ``asgm`` command line: thin commands over the catalog, the statistics and the renderers.

Only typer and small modules load at start-up; yaml, rich and the renderers are imported
inside the commands that need them, and only the command that runs is built (its parameters
turned into click options): ``asgm get`` does not pay for the other commands' options.

The commands live in the ``commands`` package, a module per subject: ``commands.country`` (one
country), ``commands.countries`` (several), ``commands.files`` (profile files); ``commands.options``
holds what they share.
To add a command, write a function in one of them with the ``@command(...)`` decorator, as the
others are: its name is the command's name (``@command("name")`` to choose another), its
docstring the help, its parameters the options, and add its name to ``COMMANDS``. A command
parses its options and calls the library (``api``, ``records``, ``stats``...), as a notebook
would. ``asgm --help``, completion and the tests find it through ``COMMANDS``; its module is
imported, and the command built, only when it runs or when help lists it. Import what it needs
inside the function, not at the top of the module (ruff's TID253 rule keeps that so).
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import MutableMapping
from typing import Annotated, Any, Callable, Iterator

import typer
from typer._click.core import Context
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from asgm_cli import __version__
from asgm_cli.errors import AsgmError, ExitCode, strip_control


class _LazyCommands(MutableMapping):  # type: ignore[type-arg]
    """name -> click command, each built from its registered Typer function the first time it is
    looked up. Building one takes typer a millisecond or two (it inspects every parameter), so
    building all of them on every run cost more than the rest of ``asgm get``."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}
        self._removed: set[str] = set()  # deleted names stay deleted, though COMMANDS still lists them

    def __getitem__(self, name: str) -> Any:
        if name in self._removed:
            raise KeyError(name)
        if name not in self._built:
            from typer.main import get_command_from_info

            if name not in _REGISTRY and name in COMMANDS:
                importlib.import_module(f"asgm_cli.{COMMANDS[name]}")  # it registers its commands
            info = _REGISTRY[name]  # KeyError for an unknown name, as a dict would
            built = get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=None)
            built.context_class = _Context  # its help is wrapped by asgm's formatter too
            self._built[name] = built
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._removed.discard(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._built.pop(name, None)
        _REGISTRY.pop(name, None)
        self._removed.add(name)

    def __iter__(self) -> Iterator[str]:
        return iter([n for n in dict.fromkeys([*COMMANDS, *_REGISTRY, *self._built]) if n not in self._removed])

    def __len__(self) -> int:
        return len((set(COMMANDS) | set(_REGISTRY) | set(self._built)) - self._removed)


#: every command, name -> the module that defines it, in the order help lists them. A run imports
#: only the module of the command it runs; tests/test_startup.py keeps this table equal to
#: what the modules register.
COMMANDS = {
    "show": "commands.country", "figures": "commands.country", "series": "commands.country", "stats": "commands.country",
    "strategies": "commands.country", "get": "commands.country", "sources": "commands.country",
    "list": "commands.countries", "indicators": "commands.countries", "compare": "commands.countries",
    "rank": "commands.countries", "check": "commands.countries",
    "coverage": "commands.countries", "programme": "commands.countries", "datapackage": "commands.countries",
    "cite": "commands.countries", "site": "commands.site",
    "validate": "commands.files", "schema": "commands.files", "template": "commands.files",
}

#: the commands whose modules are imported, name -> its Typer CommandInfo
_REGISTRY: dict[str, Any] = {}


class _Context(Context):
    """A click context whose help never breaks a word and fits the terminal (helpfmt.py)."""

    def make_formatter(self) -> Any:
        from asgm_cli.helpfmt import Formatter  # only help and usage errors format text

        return Formatter(width=self.terminal_width)


class _Group(TyperGroup):
    """The command group: commands built on demand; a usage error's echo of a long argument is shortened."""

    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands()

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names only: listing must not build every command

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        argv = args[1] if len(args) > 1 else kwargs.get("args", [])
        if any(a == "--install-completion" or a.startswith("--install-completion=") for a in argv):
            _usable_home()
        try:
            return super().make_context(*args, **kwargs)
        except ClickException as e:
            raise _shortened(e) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ClickException as e:
            raise _shortened(e) from None


def _usable_home() -> None:
    """Completion is installed into files under HOME: refuse a HOME that is empty, relative, / or
    not a directory (``HOME= asgm --install-completion`` as root would write /.bashrc)."""
    import os

    home = os.path.expanduser("~")
    if not os.path.isabs(home) or not home.strip("/") or not os.path.isdir(home):
        _report(AsgmError(f"cannot install completion: HOME ({home!r}) is not a home directory"))
        raise typer.Exit(ExitCode.DATA)


def _shortened(e: Any) -> Any:
    """The usage error ``e``, whose message now quotes at most 40 characters of any value."""
    import re

    from asgm_cli.errors import shorten

    original = e.format_message

    def format_message() -> str:
        text = re.sub(r"'([^']{41,})'", lambda m: f"'{shorten(m.group(1))}'", original())
        return re.sub(r"[^\s']{81,}", lambda m: shorten(m.group(0), 80), text)

    e.format_message = format_message
    show = e.show

    def show_with_prefix(file: Any = None) -> None:
        """Click's message, with asgm's one error prefix instead of click's ``Error:``."""
        import io

        buffer = io.StringIO()
        show(buffer)
        text = buffer.getvalue()
        text = "asgm: error: " + text[7:] if text.startswith("Error: ") else text.replace("\nError: ", "\nasgm: error: ", 1)
        (file or sys.stderr).write(text)

    e.show = show_with_prefix
    return e


app = typer.Typer(
    cls=_Group,
    name="asgm",
    help="ASGM country fact sheets: sourced figures, derived statistics, JSON/CSV for scripts.",
    epilog="\b\nExamples:\n  asgm show peru\n  asgm indicators gold\n  asgm figures peru --json\n"
           "  asgm stats peru --gold-price 2000\n\nasgm COMMAND --help shows a command's options and examples.",
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)



MAX_MESSAGE = 1000  # characters: every echoed argument is shortened where it is quoted; this is the backstop


def _report(e: AsgmError) -> None:
    # One line whatever the data held: splitlines() also breaks at \r, \x1c-\x1e, \x85 and \u2028.
    message = strip_control(" ".join(e.message.replace("\0", "").splitlines())  # a file name may hold ESC
                            + (f" ({e.hint})" if e.hint else ""))
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 3] + "..."
    try:
        sys.stderr.write(f"asgm: error: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def command(name: str | None = None, **kwargs: Any) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command (built only when it runs or help lists it) whose expected failures
    become one stderr line and an exit code. ``kwargs`` are ``app.command``'s (``epilog``, ...)."""
    from typer.models import CommandInfo

    def deco(fn: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(fn)
        def wrapper(*a: Any, **k: Any) -> None:
            entry = sys.modules.get("asgm_cli.entry")  # not imported here: in-process runs never hold it
            if entry is not None:
                entry.free_collector()  # collect what the command makes
            try:
                fn(*a, **k)
            except AsgmError as e:
                _report(e)
                raise typer.Exit(int(e.code)) from None

        cmd = name or fn.__name__.lower().replace("_", "-")  # as typer names a function's command
        # The docstring's first line is the summary `asgm --help` lists: given whole, click never cuts it.
        kwargs.setdefault("short_help", (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else None)
        _REGISTRY[cmd] = CommandInfo(name=cmd, callback=wrapper, **kwargs)
        return wrapper

    return deco


def _version(value: bool) -> None:
    if value:
        print(f"asgm {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", help="Print the version and exit.", is_eager=True,
                                          callback=_version)] = False,
) -> None:
    """ASGM country fact sheets on the command line.

    Every figure carries its unit, year, qualifier and source; every derived number shows its
    formula and inputs. Data goes to stdout, messages to stderr.

    \b
    Examples:
      asgm show peru
      asgm figures peru --json
      asgm stats peru --gold-price 2000
    """



# ---------------------------------------------------------------------------------- entry point


def main() -> None:
    """The error funnel around the Typer app (the ``asgm`` command starts in entry.py)."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        # A closed pipe (`asgm figures --json | head -1`) ends us quietly, as it does cat or grep.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if sys.stdout is None:
        sys.stderr.write("asgm: error: standard output is closed\n")
        sys.exit(ExitCode.DATA)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    try:
        app(prog_name="asgm")
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
    except OSError as e:
        _report(AsgmError(f"cannot write output: {e.strerror or e}"))
        sys.exit(ExitCode.DATA)
