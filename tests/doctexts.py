"""The documentation files and what they show: read by tests/test_docs.py and scripts/readme-examples alike."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: a ```console block; each `$ ` line in it is a command, the lines up to the next one its output
CONSOLE = re.compile(r"```console\n(.*?)```", re.S)
#: a file shown in full: a fenced block after `<!-- file: PATH -->`, written before the examples run
SHOWN_FILE = re.compile(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```", re.S)


def doc_paths() -> list[Path]:
    """README.md, CONTRIBUTING.md and every docs/*.md, in the order their examples run."""
    return [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]


def doc_texts() -> dict[str, str]:
    """Each documentation file's text, by its path relative to the repository."""
    return {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in doc_paths()}


def commands(block: str) -> list[tuple[str, str]]:
    """(command, expected output) for every `$ ` line of one console block's text."""
    out = []
    for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
        command, _, expected = chunk.partition("\n")
        out.append((command, expected))
    return out


def shown_files(texts: dict[str, str]) -> list[tuple[str, str]]:
    """(path, text) of every file the documentation shows in full."""
    return [f for text in texts.values() for f in SHOWN_FILE.findall(text)]
