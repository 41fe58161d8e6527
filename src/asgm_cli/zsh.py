"""zsh completion that keeps apostrophes in help text ("a country's", not "a countrys").

Typer's zsh completion prints ``_arguments '*: :(("strategies":"...country''s..."))'``, which
the completion function runs with ``eval``. Inside zsh's single quotes ``''`` is a quote only
with the RC_QUOTES option, off by default: there it ends the quoted word and starts the next,
and the apostrophe is lost. ``'\\''`` (end the quote, an escaped apostrophe, quote again) works
in every zsh. Typer registers its own zsh class again each time the app is built, so the fix
replaces the method on that class rather than registering a subclass.
"""

from __future__ import annotations

from typing import Any


def _escape(text: str) -> str:
    """Text for a "..." field of the _arguments spec inside eval's single-quoted word."""
    return (text.replace('"', '""').replace("'", "'\\''").replace("$", "\\$").replace("`", "\\`")
            .replace(":", r"\\:"))


def format_completion(self: Any, item: Any) -> str:
    """One completion candidate, and its help if it has one."""
    from typer._completion_classes import _sanitize_help_text

    if item.help:
        return f'"{_escape(item.value)}":"{_escape(_sanitize_help_text(item.help))}"'
    return f'"{_escape(item.value)}"'


def patch() -> None:
    """Make Typer's zsh completion class quote apostrophes as zsh reads them."""
    from typer._completion_classes import ZshComplete

    ZshComplete.format_completion = format_completion  # type: ignore[method-assign]
