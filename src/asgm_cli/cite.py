"""Sources as citations for reference managers (Zotero, LaTeX, Word): BibTeX, CSL-JSON and RIS.

Each source of each profile is one entry, keyed ``COUNTRY:SOURCE`` (``peru:planetgold-peru``):
the key depends only on the profile and the source's own id, so it is the same in every run and
for any selection of countries, and a LaTeX document's ``\\cite`` keeps working as data grow. A
source cited by two profiles is one entry in each. A date a source does not give (its publication
date, or the month or day of it) is left out, never filled in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from asgm_cli.model import Profile, Source

FORMATS = ("bibtex", "csl-json", "ris")

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# What TeX reads as a command: each becomes a command that prints the character itself.
_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
        "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def key(p: Profile, s: Source) -> str:
    """The entry's key: the profile's id and the source's, both [a-z0-9_-], so valid everywhere."""
    return f"{p.id}:{s.id}"


def _entries(profiles: Iterable[Profile]) -> list[tuple[str, Source]]:
    return [(key(p, s), s) for p in profiles for s in p.sources]


def _parts(date: str | None) -> list[int]:
    """'2019-03' -> [2019, 3]; None -> []."""
    return [int(x) for x in date.split("-")] if date else []


def _line(text: str) -> str:
    """One line: a field in these formats cannot hold a line break."""
    return " ".join(text.split())


def tex(text: str) -> str:
    """Text as a BibTeX field value: TeX's special characters escaped, braces balanced."""
    return "".join(_TEX.get(ch, ch) for ch in _line(text))


def _tex_url(url: str) -> str:
    """A URL for BibTeX's url field, which is read verbatim: only braces would unbalance it."""
    return url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def bibtex(profiles: Iterable[Profile]) -> str:
    """Every source as a BibTeX ``@misc`` entry (title in double braces, so that styles keep its case)."""
    out = []
    for k, s in _entries(profiles):
        date = _parts(s.published)
        fields = [("title", "{" + tex(s.title) + "}"), ("publisher", tex(s.publisher)),
                  ("howpublished", tex(s.publisher))]  # plain BibTeX styles print howpublished, not publisher
        if date:
            fields.append(("year", str(date[0])))
        body = [f"  {name} = {{{value}}}," for name, value in fields]
        if len(date) > 1:
            body.append(f"  month = {_MONTHS[date[1] - 1]},")  # the standard macro: styles print the name
        if date:
            body.append(f"  date = {{{s.published}}},")  # biblatex's field, as precise as the source is
        body += [f"  url = {{{_tex_url(s.url)}}},", f"  urldate = {{{s.accessed}}},",
                 f"  note = {{Accessed {s.accessed}}},"]
        out.append(f"@misc{{{k},\n" + "\n".join(body) + "\n}\n")
    return "\n".join(out)


def csl_items(profiles: Iterable[Profile]) -> list[dict[str, Any]]:
    """Every source as a CSL-JSON item (the format of Zotero, Pandoc and citeproc)."""
    items = []
    for k, s in _entries(profiles):
        item: dict[str, Any] = {"id": k, "type": "webpage", "title": _line(s.title), "publisher": _line(s.publisher),
                                "URL": s.url}
        if s.published:
            item["issued"] = {"date-parts": [_parts(s.published)]}
        item["accessed"] = {"date-parts": [_parts(s.accessed)]}
        items.append(item)
    return items


def csl_json(profiles: Iterable[Profile]) -> str:
    """The CSL-JSON items as one JSON array, as the other JSON outputs are written."""
    from asgm_cli.output import dumps_json

    return dumps_json(csl_items(profiles))


def ris(profiles: Iterable[Profile]) -> str:
    """Every source as an RIS record (type ELEC, a web page), lines ending in CR LF as RIS has them."""
    out = []
    for k, s in _entries(profiles):
        lines = [("TY", "ELEC"), ("ID", k), ("TI", _line(s.title)), ("PB", _line(s.publisher))]
        date = _parts(s.published)
        if date:
            lines.append(("PY", str(date[0])))
        if len(date) > 1:  # RIS dates are YYYY/MM/DD/, a part left empty where it is not known
            lines.append(("DA", "/".join(f"{x:02d}" for x in date) + "/" * (4 - len(date))))
        lines += [("UR", s.url), ("Y2", s.accessed.replace("-", "/")), ("ER", "")]
        out.append("".join(f"{tag}  - {value}\r\n" for tag, value in lines) + "\r\n")
    return "".join(out)


def check_format(fmt: str) -> None:
    """A usage error unless ``fmt`` is one of ``FORMATS``."""
    if fmt not in FORMATS:
        from asgm_cli.errors import UsageFailed, shorten

        raise UsageFailed(f"unknown citation format '{shorten(fmt)}'; choose {', '.join(FORMATS)}")


def cite(profiles: Iterable[Profile], fmt: str = "bibtex") -> str:
    """The sources of ``profiles`` in ``fmt`` (one of ``FORMATS``)."""
    check_format(fmt)
    writers = {"bibtex": bibtex, "csl-json": csl_json, "ris": ris}
    return writers[fmt](list(profiles))
