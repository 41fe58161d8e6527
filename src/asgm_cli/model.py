"""Typed, immutable profile objects, built from a document that passed ``schema.validate``."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from asgm_cli.frozen import field_names, frozen
from asgm_cli.vocab import TONNES_PER


@frozen
class Source:
    id: str
    title: str
    publisher: str
    url: str
    accessed: str
    published: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD: as precise as the source says

    @property
    def published_year(self) -> int | None:
        """The year the source was published, when it is known."""
        return int(self.published[:4]) if self.published else None


@frozen
class Figure:
    """One observation: a figure for one year from one source, exactly as the source states it."""

    id: str
    label: str
    unit: str
    qualifier: str | None
    year: int | None
    source: str
    quote: str
    value: float | None = None  # None for a range
    low: float | None = None  # a range's ends; None for a single number
    high: float | None = None
    scope: str | None = None  # controlled: vocab.SCOPES
    note: str | None = None
    basis: str | None = None  # controlled: vocab.BASES
    preferred: bool = False
    acknowledged: str | None = None
    basis_note: str | None = None  # the basis in words, for people; code never reads it
    area: str | None = None  # which part a partial scope covers
    period: str | None = None  # "YYYY-MM/YYYY-MM" inside year, for part of a year
    unusable: str | None = None  # why the number must not enter any arithmetic

    @property
    def part_year(self) -> bool:
        """Whether the observation covers part of its year only."""
        return self.period is not None

    @property
    def tonnes(self) -> tuple[float, ...]:
        """The value, or the range's ends, in tonnes (gold masses only)."""
        per = TONNES_PER[self.unit]
        return tuple(v * per for v in ((self.value,) if self.value is not None else (self.low, self.high))
                     if v is not None)


@frozen
class Target:
    """A project target: communities reached, mercury use cut, people reached, a mercury-free share."""

    id: str
    label: str
    source: str
    quote: str
    communities: int | None = None
    community_unit: str | None = None
    mercury_reduction: float | None = None
    mercury_unit: str | None = None
    beneficiaries: int | None = None
    mercury_free_percent: float | None = None
    by_year: int | None = None
    years: int | None = None
    qualifier: str | None = None
    note: str | None = None


@frozen
class Item:
    """A strategy or a challenge."""

    id: str
    title: str
    description: str
    source: str | None = None


@frozen
class Profile:
    id: str
    name: str
    iso2: str
    iso3: str
    region: str
    summary: str
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]
    native_name: str | None = None
    targets: tuple[Target, ...] = ()
    approach: str | None = None
    strategies: tuple[Item, ...] = ()
    challenges: tuple[Item, ...] = ()
    path: str = ""

    def observations(self, fid: str) -> list[Figure]:
        """Every observation of an id, oldest first; undated ones last, in file order."""
        index = self.__dict__.get("_by_id")
        if index is None:  # grouped once: statistics and checks ask for ids many times over
            index = {}
            for f in sorted(self.figures, key=lambda f: (f.year is None, f.year or 0)):
                index.setdefault(f.id, []).append(f)
            object.__setattr__(self, "_by_id", index)  # a cache beside the fields, not one of them
        return list(index.get(fid, ()))

    def ids(self) -> list[str]:
        """Figure ids in the order they first appear."""
        return list(dict.fromkeys(f.id for f in self.figures))

    def figure(self, fid: str) -> Figure | None:
        """The headline observation: the preferred one, else the latest year, else the undated one
        said latest (its source's publication year), else the first undated one.

        None when the profile has no observation of ``fid`` (``ids()`` lists those it has);
        ``asgm_cli.figure(country, fid)`` raises instead, naming the nearest ids.
        """
        return headline(self.observations(fid), self.said)

    def said(self, f: Figure) -> int | None:
        """The year an observation was said: its source's publication year, when known."""
        src = self.source(f.source)
        return src.published_year if src else None

    def at(self, fid: str, year: int) -> Figure | None:
        """The observation of ``year`` (the preferred one among several), else the undated one, never
        another year's."""
        found = self.observations(fid)
        same = [f for f in found if f.year == year]
        if same:
            return next((f for f in same if f.preferred), same[0])
        return next((f for f in found if f.year is None and f.preferred),
                    next((f for f in found if f.year is None), None))

    def years(self) -> list[int]:
        """Every year that at least one observation has."""
        return sorted({f.year for f in self.figures if f.year is not None})

    def _numbers(self) -> dict[str, int]:
        index = self.__dict__.get("_numbered")
        if index is None:  # every figure cites a source: one lookup each stays constant-time
            index = {}
            for i, s in enumerate(self.sources, 1):
                index.setdefault(s.id, i)
            object.__setattr__(self, "_numbered", index)
        return index  # type: ignore[no-any-return]

    def source(self, sid: str) -> Source | None:
        i = self._numbers().get(sid)
        return None if i is None else self.sources[i - 1]

    def source_number(self, sid: str) -> int:
        """1-based position of a source, as printed in the fact sheet."""
        return self._numbers()[sid]


def headline(found: list[Figure], said: Callable[[Figure], int | None] | None = None) -> Figure | None:
    """Among observations of one id (oldest first, as ``observations`` gives them): the preferred
    one, else the latest year's, else, with ``said`` (the year an observation's source was
    published), the undated one said latest, else the first undated one; None for none.
    Observations marked ``unusable`` are passed over while a usable one exists: a headline is what
    a reader quotes, and a reader can date a number whose source is dated."""
    if not found:
        return None
    found = [f for f in found if not f.unusable] or found
    preferred = [f for f in found if f.preferred]
    if preferred:
        return preferred[0]
    dated = [f for f in found if f.year is not None]
    if dated:
        latest = max(f.year for f in dated)  # type: ignore[type-var]
        return next(f for f in dated if f.year == latest)
    stated = [(y, f) for f in found if (y := said(f)) is not None] if said else []
    if stated:
        latest = max(y for y, _ in stated)
        return next(f for y, f in stated if y == latest)
    return found[0]


#: what ``choose`` found: a value to compare, an undated one under a year, only unusable ones, nothing
OK, UNDATED, UNUSABLE, UNKNOWN = "ok", "undated", "unusable", "unknown"


def choose(p: Profile, iid: str, year: int | None) -> tuple[Figure | None, str]:
    """The observation of ``iid`` to compare, and its status.

    The headline among the usable observations; with ``year``, that year's (status ``ok``), else
    an undated one (``undated``: shown, never ranked), never another year's. Of one year, a
    full-year observation before one of part of the year (``period``). Observations marked
    ``unusable`` are taken only when nothing else is on file, with that status.
    """
    found = [f for f in p.observations(iid) if year is None or f.year in (year, None)]
    usable = sorted((f for f in found if not f.unusable), key=lambda f: f.part_year)  # a full year first
    same = [f for f in usable if year is None or f.year == year]
    if same:
        return headline(same, p.said), OK
    if usable:
        return headline(usable, p.said), UNDATED
    return (headline(found, p.said), UNUSABLE) if found else (None, UNKNOWN)


T = TypeVar("T")


def _build(cls: type[T], data: dict[str, Any]) -> T:
    names = set(field_names(cls))
    return cls(**{k: v for k, v in data.items() if k in names})


def build_profile(data: dict[str, Any], path: str) -> Profile:
    """Turn validated profile data into a ``Profile``."""
    from asgm_cli.indicators import INDICATORS

    d = dict(data)
    figures = []
    for x in data.get("figures") or ():
        if "label" not in x:
            x = {**x, "label": INDICATORS[x["id"]].label}
        figures.append(_build(Figure, x))
    d["figures"] = tuple(figures)
    d["sources"] = tuple(_build(Source, x) for x in data.get("sources") or ())
    d["targets"] = tuple(_build(Target, x) for x in data.get("targets") or ())
    d["strategies"] = tuple(_build(Item, x) for x in data.get("strategies") or ())
    d["challenges"] = tuple(_build(Item, x) for x in data.get("challenges") or ())
    d["path"] = path
    return _build(Profile, d)
