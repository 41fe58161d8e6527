"""The Python API: what the commands print, as Python objects, for notebooks and scripts.

Each function returns the records of the command of the same name (``asgm figures --json`` and
so on: lists of dicts with the keys docs/json.md documents) and raises the
``AsgmError`` subclass, with a plain message naming the argument (``gold_price``, not the
command's ``--gold-price``); a bad argument of any type is a ``UsageFailed``, never a TypeError.
Nothing here prints, and nothing imports rich, typer or pandas (yaml only when a profile that
is not cached is parsed).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, Sequence, Union

from asgm_cli.errors import LookupFailed, UsageFailed, check_price, no_year_error

if TYPE_CHECKING:
    import pandas

    from asgm_cli.catalog import Catalog
    from asgm_cli.model import Profile

#: a record: one row of a command's JSON output
Record = dict[str, Any]
#: a directory given to ``data_dirs``: a string or a path
PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["Record", "load", "profiles", "figures", "figure", "stats", "check", "cite", "indicators", "to_dataframe"]


def _catalog(data_dirs: Sequence[PathLike] | None) -> Catalog:
    from asgm_cli.catalog import Catalog

    if isinstance(data_dirs, (str, os.PathLike)):  # a lone directory, not a string of one-letter directories
        data_dirs = [data_dirs]
    dirs = _listed(data_dirs, "data_dirs", (str, os.PathLike)) or []
    named = [os.fspath(d) for d in dirs]
    if not all(isinstance(d, str) for d in named):
        raise UsageFailed("data_dirs must be directory names (str or path), not bytes")
    return Catalog(named)  # type: ignore[arg-type]


def _listed(items: Any, name: str, kinds: type | tuple[type, ...], holds: str = "names") -> list[Any] | None:
    """``items`` as a list, each of ``kinds``; a plain message, not a TypeError, for anything else."""
    if items is None:
        return None
    try:
        out = list(items)
    except TypeError:
        raise UsageFailed(f"{name} must be a list, got {type(items).__name__}") from None
    wrong = [x for x in out if not isinstance(x, kinds) or isinstance(x, bool)]
    if wrong:
        raise UsageFailed(f"{name} must hold {holds}, got {type(wrong[0]).__name__}")
    return out


def _countries(countries: str | Iterable[str] | None) -> list[str] | None:
    """The countries asked for; None means every profile, and an empty list none."""
    if isinstance(countries, str):  # figures("peru") means one country, not five one-letter ones
        return [countries]
    return _listed(countries, "countries", str)


def _whole(value: Any, name: str, optional: bool = True) -> None:
    """An int argument (a year, a number of years), checked before it reaches the data."""
    if (value is not None or not optional) and (isinstance(value, bool) or not isinstance(value, int)):
        raise UsageFailed(f"{name} must be a whole number, got {type(value).__name__}")


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise UsageFailed(f"{name} must be a string, got {type(value).__name__}")
    return value


def load(country: str, data_dirs: Sequence[PathLike] | None = None) -> Profile:
    """The profile of a country (id, name in any case, or ISO code), as typed, immutable objects."""
    cat = _catalog(data_dirs)
    return cat.load(cat.find(_text(country, "country")))


def profiles(data_dirs: Sequence[PathLike] | None = None) -> list[Record]:
    """Every profile on the data path, sorted by id: the records of ``asgm list --json``."""
    from asgm_cli.records import country_record

    cat = _catalog(data_dirs)
    return [country_record(cat.load(e), e) for e in cat.entries()]


def figures(countries: str | Iterable[str] | None = None, year: int | None = None, headline: bool = False,
            data_dirs: Sequence[PathLike] | None = None) -> list[Record]:
    """Every observation of every figure: the records of ``asgm figures [COUNTRY...] --json``.

    ``countries`` None means every profile; ``year`` each figure's observation of that year, else
    its undated one; ``headline`` only the observation each figure leads with.
    """
    from asgm_cli.records import figure_records

    _whole(year, "year")
    loaded = _distinct(countries, data_dirs)
    if year is not None and countries is not None and loaded and all(year not in p.years() for p in loaded):
        raise no_year_error(loaded[0], year)
    return [r for p in loaded for r in figure_records(p, year=year, headline=headline)]


def figure(country: str, fid: str, year: int | None = None, data_dirs: Sequence[PathLike] | None = None) -> Record:
    """One figure's headline observation (or its observation for ``year``, else its undated one),
    as a record of ``asgm figures --json``.

    Raises ``LookupFailed`` when the profile has no such figure (naming the nearest ids), or none
    for that year; never returns None. ``production`` means national_gold_production.
    """
    from asgm_cli.indicators import unknown_id
    from asgm_cli.lookup import resolve
    from asgm_cli.records import figure_record

    profile = load(country, data_dirs)
    fid = resolve(fid)
    head = profile.figure(fid)
    if head is None:
        raise unknown_id(f"{profile.name} has no figure", fid, profile.ids())
    found = head if year is None else profile.at(fid, year)
    if found is None:
        years = ", ".join(str(f.year) for f in profile.observations(fid) if f.year is not None) or "none"
        raise LookupFailed(f"{profile.name} has no {fid} for {year}; years on file: {years}")
    return figure_record(profile, found, found is head)


def indicators(word: str | None = None, data_dirs: Sequence[PathLike] | None = None) -> list[Record]:
    """Every indicator with its definition, statistics, countries and years: the records of
    ``asgm indicators [WORD] --json``; ``word`` keeps those whose id, label or definition contains it."""
    from asgm_cli.indicators import indicator_records

    cat = _catalog(data_dirs)
    return indicator_records([cat.load(e) for e in cat.entries()], word)


def stats(country: str, year: int | None = None, gold_price: float | None = None, all_years: bool = False,
          data_dirs: Sequence[PathLike] | None = None) -> list[Record]:
    """Derived statistics with formula and inputs: the records of ``asgm stats COUNTRY --json``.

    ``gold_price`` (USD per troy ounce) adds the value statistics; ``all_years`` gives every year
    the data allow, as ``--all-years`` does.
    """
    from asgm_cli.records import stat_records
    from asgm_cli.stats import UnknownYear, derive, derive_all_years

    _whole(year, "year")
    if all_years and year is not None:
        raise UsageFailed("choose year or all_years, not both")
    check_price(gold_price, "gold_price")
    profile = load(country, data_dirs)
    if all_years:
        return stat_records(profile, derive_all_years(profile, gold_price=gold_price))
    try:
        return stat_records(profile, derive(profile, year=year, gold_price=gold_price))
    except UnknownYear:
        raise no_year_error(profile, year or 0) from None


def check(countries: str | Iterable[str] | None = None, data_dirs: Sequence[PathLike] | None = None,
          stale_years: int = 8, bundled: bool = True) -> list[Record]:
    """Every finding of ``asgm check [COUNTRY...] --json``, errors first; None means every profile
    (``bundled=False``: every profile of ``data_dirs`` and ASGM_DATA_PATH, not the bundled ones).

    Findings are data here: an error-level finding is a record, not an exception.
    """
    from asgm_cli.check import check_profile, finding_records

    _whole(stale_years, "stale_years", optional=False)
    if stale_years < 0:
        raise UsageFailed(f"stale_years must be at least 0, got {stale_years}")
    profiles = _distinct(countries, data_dirs, bundled)
    return finding_records([f for p in profiles for f in check_profile(p, stale_years)])


def _distinct(countries: str | Iterable[str] | None, data_dirs: Sequence[PathLike] | None,
              bundled: bool = True) -> list[Profile]:
    """The profiles of ``countries`` (None: every profile; ``bundled=False``: not the bundled
    ones), each once, in the order named."""
    cat = _catalog(data_dirs)
    names = _countries(countries)
    entries = ([e for e in cat.entries() if bundled or e.origin != "bundled"] if names is None
               else [cat.find(c) for c in names])
    return [cat.load(e) for e in {e.id: e for e in entries}.values()]


def cite(countries: str | Iterable[str] | None = None, fmt: str = "bibtex",
         data_dirs: Sequence[PathLike] | None = None) -> str:
    """The sources of ``countries`` (None: every profile) for a reference manager, as ``asgm cite``
    prints them: ``fmt`` is ``bibtex``, ``csl-json`` or ``ris``. Entries are keyed COUNTRY:SOURCE."""
    from asgm_cli.cite import check_format, cite as write

    check_format(fmt)  # before any profile is read, as the command's option check is
    return write(_distinct(countries, data_dirs), fmt)


def to_dataframe(records: Iterable[Record]) -> pandas.DataFrame:
    """A pandas DataFrame of records, columns in the records' key order; ``year`` as nullable integers.

    Needs pandas (``pip install 'asgm[pandas]'``); without it, raises ``AsgmError``.
    """
    from asgm_cli.errors import AsgmError

    try:
        import pandas as pd
    except ImportError:
        raise AsgmError("to_dataframe needs pandas: pip install 'asgm[pandas]'") from None
    rows = _listed(records, "records", dict, "records (dicts)") or []
    columns = list(dict.fromkeys(k for r in rows for k in r))
    frame = pd.DataFrame.from_records(rows, columns=columns)
    if "year" in frame.columns:
        # Undated records are null: without a nullable integer, 2019 would print as 2019.0.
        frame["year"] = frame["year"].astype("Int64")
    return frame
