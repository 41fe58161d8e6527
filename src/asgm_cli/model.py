"""Typed, immutable profile objects, built from a document that passed ``schema.validate``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, TypeVar

from asgm_cli.vocab import TONNES_PER


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    accessed: str


@dataclass(frozen=True)
class Figure:
    """A key figure exactly as its source states it."""

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
    scope: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Production:
    """Total national gold production in one year, in the unit its source uses."""

    year: int
    value: float
    unit: str
    source: str
    quote: str
    qualifier: str | None = None
    note: str | None = None

    @property
    def tonnes(self) -> float:
        return self.value * TONNES_PER[self.unit]


@dataclass(frozen=True)
class Target:
    """A project target: communities reached and mercury use to be cut."""

    id: str
    label: str
    communities: int
    community_unit: str
    mercury_reduction: float
    mercury_unit: str
    years: int | None
    source: str
    quote: str
    qualifier: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Item:
    """A strategy or a challenge."""

    id: str
    title: str
    description: str
    source: str | None = None


@dataclass(frozen=True)
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
    production: tuple[Production, ...] = ()
    targets: tuple[Target, ...] = ()
    approach: str | None = None
    strategies: tuple[Item, ...] = ()
    challenges: tuple[Item, ...] = ()
    path: str = ""

    def figure(self, fid: str) -> Figure | None:
        return next((f for f in self.figures if f.id == fid), None)

    def source(self, sid: str) -> Source | None:
        return next((s for s in self.sources if s.id == sid), None)

    def source_number(self, sid: str) -> int:
        """1-based position of a source, as printed in the fact sheet."""
        return next(i for i, s in enumerate(self.sources, 1) if s.id == sid)

    def production_for(self, year: int | None = None) -> Production | None:
        """The given year's production, or the latest on file."""
        if year is None:
            return max(self.production, key=lambda p: p.year, default=None)
        return next((p for p in self.production if p.year == year), None)


T = TypeVar("T")


def _build(cls: type[T], data: dict[str, Any]) -> T:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


def build_profile(data: dict[str, Any], path: str) -> Profile:
    """Turn validated profile data into a ``Profile``."""
    d = dict(data)
    d["figures"] = tuple(_build(Figure, x) for x in data.get("figures") or ())
    d["sources"] = tuple(_build(Source, x) for x in data.get("sources") or ())
    d["production"] = tuple(sorted((_build(Production, x) for x in data.get("production") or ()), key=lambda p: p.year))
    d["targets"] = tuple(_build(Target, x) for x in data.get("targets") or ())
    d["strategies"] = tuple(_build(Item, x) for x in data.get("strategies") or ())
    d["challenges"] = tuple(_build(Item, x) for x in data.get("challenges") or ())
    d["path"] = path
    return _build(Profile, d)
