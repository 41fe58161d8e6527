"""asgm check's arithmetic at its edges: intervals, half units, ratios, shares and tolerances.

Added from the mutation run (scripts/mutation): these pin each constant and comparison of
check.py, so that a ``<`` that became ``<=`` or a 10 % that became 20 % fails a test.
"""

from __future__ import annotations

import math
import sys
from typing import Any

import pytest

import datetime

from asgm_cli.check import (_half_unit, _num, _ratio, bases, disagreement, impossible, interval, part_share, stale, stated_vs_derived,
                            Finding, _Found, _listed, _some, summary_records)
from asgm_cli.model import Figure, Profile, Source


def fig(fid: str = "x", value: float | None = 10, unit: str = "t", qualifier: str | None = None, year: int | None = 2020,
        low: float | None = None, high: float | None = None, basis: str | None = None, source: str = "s",
        **more: Any) -> Figure:
    return Figure(fid, fid.replace("_", " ").capitalize(), unit, qualifier, year, source, "q", value=value, low=low,
                  high=high, basis=basis, **more)


def prof(*figures: Figure) -> Profile:
    return Profile("t", "T", "TT", "TTT", "r", "s", figures, (Source("s", "S", "P", "https://e.org/s", "2020-01-01"),))


@pytest.mark.parametrize(("f", "precision", "expected"), [
    (fig(value=36), True, (35.5, 36.5)),
    (fig(value=36), False, (36, 36)),
    (fig(value=0.2), False, (0.2, 0.2)),
    (fig(value=500, unit="kg"), False, (0.5, 0.5)),
    (fig(value=100, qualifier="approximately"), True, (90, 110)),
    (fig(value=10, qualifier="at_least"), True, (10, math.inf)),
    (fig(value=10, qualifier="at_most"), True, (0, 10)),
    (fig(value=100, qualifier="approximately_at_most"), True, (0, 110)),
    (fig(value=100, qualifier="approximately_at_least"), True, (90, math.inf)),
    (fig(value=None, low=5, high=8), False, (5, 8)),
    (fig(value=None, low=5, high=8), True, (4.5, 8.5)),
    (fig(value=None, low=0, high=0), False, (0, 0)),
    (fig(value=0.2), True, (0.15, 0.25)),
    (fig(value=0), True, (0, 0.5)),  # never below zero
])
def test_interval(f: Figure, precision: bool, expected: tuple[float, float]) -> None:
    assert interval(f, precision) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("x", "half"), [(36, 0.5), (36.0, 0.5), (36.48, 0.005), (0.2, 0.05), (1e20, 0.5), (1e-7, 5e-8), (2.5e-05, 5e-07)])
def test_half_unit(x: float, half: float) -> None:
    """A tiny value is taken at its own last digit (the issue saw 1e-7 compared at ±0.5)."""
    assert _half_unit(x) == pytest.approx(half, rel=1e-12)


@pytest.mark.parametrize(("x", "text"), [(1234.5678, "1,235"), (999999.4, "1e+06"), (1e6, "1,000,000"),
                                         (-2e6, "-2,000,000"), (0.5, "0.5")])
def test_num(x: float, text: str) -> None:
    assert _num(x) == text


def test_ratio() -> None:
    assert _ratio([fig(value=10), fig(value=30)]) == 3
    assert _ratio([fig(value=500, unit="kg"), fig(value=1)]) == 2
    assert _ratio([fig(value=None, low=2, high=8), fig(value=4)]) == 4
    assert _ratio([fig(value=0), fig(value=3)]) == math.inf
    assert _ratio([fig(value=0.5), fig(value=2)]) == 4


def test_part_share() -> None:
    assert part_share(fig(value=10), fig(value=40)) == 25
    assert part_share(fig(value=10000, unit="kg"), fig(value=40)) == 25
    assert part_share(fig(value=None, low=10, high=20), fig(value=40)) == 37.5
    assert part_share(fig(value=None, low=0, high=20), fig(value=40)) == 25
    assert part_share(fig(value=None, low=0, high=0), fig(value=40)) == 0


def shares(stated: Figure, part: Figure, whole: Figure) -> list[Any]:
    found = stated_vs_derived(prof(stated, part, whole))
    return [(f.rule, f.years, f.message) for f in found]


@pytest.mark.parametrize(("stated", "flagged"), [(27, False), (27.2, True), (27.5, True)])
def test_a_derived_share_2_points_below_the_stated_one_is_tolerated(stated: float, flagged: bool) -> None:
    # part at most 10 t of at least 40 t: at most 25 %; stated at least `stated` %
    got = shares(fig("asgm_share_of_national_gold", stated, "%", "at_least"), fig("asgm_gold_output", 10, "t", "at_most"),
                 fig("national_gold_production", 40, "t", "at_least"))
    assert got == ([("stated-vs-derived", (2020,), f"The stated ASGM share for 2020 (≥ {stated:g} % (2020)) does not match the "
                     "share its output and national production of 2020 give (25 %), beyond the qualifiers and 2 "
                     "percentage points.")] if flagged else [])


@pytest.mark.parametrize(("stated", "flagged"), [(23, False), (22.5, True)])
def test_a_derived_share_2_points_above_the_stated_one_is_tolerated(stated: float, flagged: bool) -> None:
    # part at least 10 t of at most 40 t: at least 25 %; stated at most `stated` %
    got = shares(fig("asgm_share_of_national_gold", stated, "%", "at_most"), fig("asgm_gold_output", 10, "t", "at_least"),
                 fig("national_gold_production", 40, "t", "at_most"))
    assert [g[0] for g in got] == (["stated-vs-derived"] if flagged else [])


def test_a_whole_of_at_most_zero_is_left_out_of_the_shares() -> None:
    assert shares(fig("asgm_share_of_national_gold", 5, "%"), fig("asgm_gold_output", 10),
                  fig("national_gold_production", 0, "t", "at_most")) == []


def test_mixed_bases_are_one_note_per_statistic_and_year() -> None:
    p = prof(fig("asgm_mercury_emissions", 20, basis="emitted to air"), fig("asgm_gold_output", 10, basis="production"),
             fig("asgm_gold_output", 12, year=2019, basis="production", source="s"))
    found = [(f.severity, f.rule, f.ids, f.years, f.message, [(v["id"], v["value"], v["year"]) for v in f.values])
             for f in bases(p)]
    said = "Its inputs count different things (Mercury emitted by ASGM: emitted to air; Gold produced by ASGM: production)."
    assert found == [
        ("note", "bases", ("mercury_per_gold", "asgm_mercury_emissions", "asgm_gold_output"), (2020,),
         f"Mercury emitted per tonne of ASGM gold for 2020: {said}", [("asgm_mercury_emissions", 20, 2020),
                                                                      ("asgm_gold_output", 10, 2020)])]
    undated = prof(fig("asgm_mercury_emissions", 20, year=None, basis="emitted to air"),
                   fig("asgm_gold_output", 10, year=None, basis="production"))
    assert [(f.years, f.message) for f in bases(undated)] == [
        ((None,), f"Mercury emitted per tonne of ASGM gold (headline): {said}")]


def test_shares_of_a_national_total_below_one_tonne() -> None:
    # 0.1 t of 0.8 t is about 12.5 %, far from 90 %: a small total is a total like any other
    got = shares(fig("asgm_share_of_national_gold", 90, "%"), fig("asgm_gold_output", 0.1), fig("national_gold_production", 0.8))
    assert [g[0] for g in got] == ["stated-vs-derived"]


@pytest.mark.parametrize(("part", "whole", "flagged"), [
    (fig("asgm_gold_output", 45.72), fig("national_gold_production", 45.7), True),  # as stated, not widened by rounding
    (fig("asgm_gold_output", 10, qualifier="at_least"), fig("national_gold_production", 40), False),  # its low end counts
    (fig("asgm_gold_output", 10), fig("national_gold_production", 10), False),
])
def test_a_part_above_its_whole(part: Figure, whole: Figure, flagged: bool) -> None:
    assert [f.rule for f in impossible(prof(part, whole))] == (["impossible"] if flagged else [])


def test_touching_intervals_do_not_disagree() -> None:
    p = prof(fig("x", 10, qualifier="at_most"), fig("x", 10, qualifier="at_least", source="s2"))
    assert disagreement(p) == []


@pytest.mark.parametrize(("years", "flagged"), [((2021, 2024), True), ((2020, 2024), False)])
def test_values_at_most_three_years_apart_disagree(years: tuple[int, int], flagged: bool) -> None:
    a = fig("x", 10, year=years[1])
    b = Figure("x", "Other label", "t", None, years[0], "s2", "q", value=30)
    found = [(f.years, f.message) for f in disagreement(prof(a, b))]
    assert found == ([(years, f"Other label in {years[0]} and {years[1]}: 30 t ({years[0]}), 10 t ({years[1]}) do not "
                              "overlap (2 sources); the largest is 3 times the smallest.")] if flagged else [])


def test_stale_years_and_missing_ids() -> None:
    this_year = datetime.date.today().year
    eight, nine = fig("a", 1, year=this_year - 8), fig("b", 1, year=this_year - 9)
    found = stale(prof(eight, nine))
    assert [(f.rule, f.ids) for f in found] == [
        ("stale", ("b",)),
        ("missing", ("asgm_gold_output", "asgm_miners", "asgm_employment", "asgm_mercury_emissions", "asgm_mercury_use",
                     "national_gold_production"))]
    found = stale(prof(fig("asgm_gold_output", 1), fig("asgm_employment", 5, "people"), fig("asgm_mercury_use", 1),
                       fig("national_gold_production", 5)))
    assert found == []


@pytest.mark.parametrize(("part_year", "flagged"), [(None, True), (2020, False)])
def test_an_undated_output_that_is_all_of_a_years_total_is_impossible(part_year: int | None, flagged: bool) -> None:
    # 10 t of 10 t: possible for one year's pair (all gold artisanal), not for an undated figure over a year's total
    p = prof(fig("asgm_gold_output", 10, year=part_year), fig("national_gold_production", 10, year=2020, source="s2"))
    assert [(f.severity, f.rule) for f in impossible(p)] == ([("error", "impossible")] if flagged else [])


def test_stated_against_derived_like_with_like() -> None:
    stated = fig("asgm_share_of_national_gold", 25, "%", basis="production", source="a")
    part = fig("asgm_gold_output", 10, source="a")
    own = fig("national_gold_production", 40, source="a")
    other = fig("national_gold_production", 20, basis="production", source="b")
    # the stated share's own source gives a total: 10 of 40 is 25 %, and the other source's 20 t is not compared
    assert stated_vs_derived(prof(stated, part, own, other)) == []
    assert [f.rule for f in stated_vs_derived(prof(stated, part, other))] == ["stated-vs-derived"]
    # else totals of the stated share's basis only; none of that basis: no comparison
    declared = fig("national_gold_production", 20, basis="declarations", source="b")
    produced = fig("national_gold_production", 40, basis="production", source="c")
    assert stated_vs_derived(prof(stated, part, declared, produced)) == []
    assert stated_vs_derived(prof(stated, part, declared)) == []
    assert [f.rule for f in stated_vs_derived(prof(replace_basis(stated, None), part, declared))] == ["stated-vs-derived"]


def replace_basis(f: Figure, basis: str | None) -> Figure:
    return Figure(f.id, f.label, f.unit, f.qualifier, f.year, f.source, f.quote, value=f.value, basis=basis)


def test_summary_records_count_each_country_own_findings() -> None:
    records = [{"country": "a", "severity": "error"}, {"country": "b", "severity": "note"},
               {"country": "a", "severity": "warning"}]
    assert summary_records(records, ["a", "b", "c"]) == [
        {"country": "a", "errors": 1, "warnings": 1, "notes": 0, "summary": "1 error, 1 warning"},
        {"country": "b", "errors": 0, "warnings": 0, "notes": 1, "summary": "1 note"},
        {"country": "c", "errors": 0, "warnings": 0, "notes": 0, "summary": "no findings"}]


def test_at_most_eight_values_are_listed() -> None:
    nine = [str(n) for n in range(1, 10)]
    assert _listed(nine[:8]) == "1, 2, 3, 4, 5, 6, 7, 8"
    assert _listed(nine) == "1, 2, 3, 4, 5, 6, 7, 8 and 1 more"
    assert _some(nine[:8]) == "1 %, 2 %, 3 %, 4 %, 5 %, 6 %, 7 %, 8 %"
    assert _some(nine) == "1 %, 2 %, 3 %, 4 %, 5 %, 6 %, 7 %, 8 % and more"


def test_a_rule_keeps_at_most_100_findings_each_said_once() -> None:
    found = _Found()
    for n in [0, 0, *range(1, 150)]:
        found.add(Finding("x", "note", "r", (), (), f"message {n}", ()))
    assert [f.message for f in found.items] == [f"message {n}" for n in range(100)]
    assert found.full


def said(found: list[Finding]) -> list[tuple[str, str, tuple[str, ...], tuple[int | None, ...], str]]:
    return [(f.severity, f.rule, f.ids, f.years, f.message) for f in found]


SHARE_ID, OUT, TOTAL = "asgm_share_of_national_gold", "asgm_gold_output", "national_gold_production"


def test_the_derived_shares_too_low_and_the_parts_and_wholes_that_make_them() -> None:
    # stated at least 27 %: a derived share below 25 % is too low; 25 % itself is not (the tolerance's edge)
    stated = fig(SHARE_ID, 27, "%", "at_least", source="s")
    p16, p20, p25 = (fig(OUT, v, qualifier="at_most", source=f"p{v}") for v in (16, 20, 25))
    w100, w80, w64 = (fig(TOTAL, v, qualifier="at_least", source=f"w{v}") for v in (100, 80, 64))
    [found] = stated_vs_derived(prof(stated, p16, p20, p25, w100, w80, w64))
    # at most 25 of at least 100, and at most 16 of at least 64, reach 25 %, the edge: neither 25 nor 64 is listed,
    # and 20 of 80 (25 %) is not among the shares
    assert found.message == ("The stated ASGM share for 2020 (≥ 27 % (2020)) does not match the share its output and "
                             "national production of 2020 give (16 %, 20 %), beyond the qualifiers and 2 percentage points.")
    assert [(v["id"], v["value"]) for v in found.values] == [(SHARE_ID, 27), (OUT, 16), (OUT, 20), (TOTAL, 100), (TOTAL, 80)]


def test_the_derived_shares_too_high_and_the_parts_and_wholes_that_make_them() -> None:
    # stated at most 23 %: a derived share above 25 % is too high; 25 % itself is not
    stated = fig(SHARE_ID, 23, "%", "at_most", source="s")
    p40, p30, p25 = (fig(OUT, v, qualifier="at_least", source=f"p{v}") for v in (40, 30, 25))
    w100, w120, w160 = (fig(TOTAL, v, qualifier="at_most", source=f"w{v}") for v in (100, 120, 160))
    [found] = stated_vs_derived(prof(stated, p40, p30, p25, w100, w120, w160))
    # at least 25 of at most 100, and 40 of 160, reach 25 %, the edge: neither is listed, nor 30 of 120 as a share
    assert found.message == ("The stated ASGM share for 2020 (≤ 23 % (2020)) does not match the share its output and "
                             "national production of 2020 give (30 %, 33.33 %, 40 %), beyond the qualifiers and 2 "
                             "percentage points.")
    assert [(v["id"], v["value"]) for v in found.values] == [(SHARE_ID, 23), (OUT, 40), (OUT, 30), (TOTAL, 100), (TOTAL, 120)]


@pytest.mark.parametrize(("parts", "listed"), [
    (9, "91 %, 92 %, 93 %, 94 %, 95 %, 96 %, 97 %, 98 % and more"),
    (10, "91 %, 92 %, 93 %, 94 %, 95 %, 96 %, 97 %, 98 % and more"),  # the tenth (90 %) is never worked out
    (8, "92 %, 93 %, 94 %, 95 %, 96 %, 97 %, 98 %, 99 %"),
])
def test_at_most_nine_derived_shares_are_worked_out(parts: int, listed: str) -> None:
    outputs = [fig(OUT, 99 - n, source=f"p{n}") for n in range(parts)]
    [found] = stated_vs_derived(prof(fig(SHARE_ID, 1, "%", source="s"), *outputs, fig(TOTAL, 100, source="w")))
    assert f"give ({listed})," in found.message


@pytest.mark.parametrize(("whole", "flagged"), [(fig(TOTAL, 0), False), (fig(TOTAL, 1), True)])
def test_a_stated_total_of_zero_gives_no_share(whole: Figure, flagged: bool) -> None:
    # 0 t read at its precision would be up to 0.5 t: it is taken as stated, and gives no share
    found = stated_vs_derived(prof(fig(SHARE_ID, 5, "%", source="x"), fig(OUT, 10, source="y"), whole))
    assert [f.rule for f in found] == (["stated-vs-derived"] if flagged else [])


def by_difference(national: float, large: float, year: int | None = 2020) -> Profile:
    return prof(fig(TOTAL, national, year=year, scope="all_sectors"),
                fig("large_scale_gold_output", large, year=year, scope="industrial"))


@pytest.mark.parametrize(("year", "large", "found"), [
    (2020, 130, [("error", "impossible", ("national_gold_production", "large_scale_gold_output"), (2020,),
                  "Small-scale share of national gold, by difference for 2020 is -30 %: outside what the statistic "
                  "can be.")]),
    (None, 130, [("error", "impossible", ("national_gold_production", "large_scale_gold_output"), (None,),
                  "Small-scale share of national gold, by difference (headline) is -30 %: outside what the statistic "
                  "can be.")]),
    (2020, 100, []),  # 0 %: all of it large-scale, possible
])
def test_a_statistic_other_than_the_share_outside_its_domain(year: int | None, large: float, found: list[Any]) -> None:
    assert said(impossible(by_difference(100, large, year))) == found


@pytest.mark.parametrize(("stated", "qualifier", "warns"), [
    (72, "at_least", False), (72.5, "at_least", True),  # by difference 70 %: at least 72 % is 2 points away
    (68, "at_most", False), (67.5, "at_most", True),
])
def test_the_share_by_difference_two_points_from_the_stated_one(stated: float, qualifier: str, warns: bool) -> None:
    p = prof(*by_difference(100, 30).figures, fig(SHARE_ID, stated, "%", qualifier, source="b"))
    assert [f.ids for f in stated_vs_derived(p)] == (
        [("asgm_share_of_national_gold", "small_scale_share_by_difference")] if warns else [])


def test_a_share_by_difference_outside_its_domain_is_not_compared_with_the_stated_one() -> None:
    p = prof(*by_difference(100, 130).figures, fig(SHARE_ID, 50, "%", source="b"))
    assert stated_vs_derived(p) == []


@pytest.mark.parametrize(("value", "severity"), [(102, "warning"), (101.9, "note")])
def test_values_2_percent_apart_are_no_rounding(value: float, severity: str) -> None:
    # 102 is 1.02 times 100: not less than 2 % apart
    [found] = disagreement(prof(fig("x", 100), fig("x", value, source="s2")))
    assert found.severity == severity


def test_the_clashing_values_of_a_year_are_found_by_their_ends() -> None:
    # at most 100 overlaps both; 50 and 10 do not overlap each other
    found = disagreement(prof(fig("x", 100, qualifier="at_most"), fig("x", 50, source="b"), fig("x", 10, source="c")))
    assert said(found) == [("warning", "disagreement", ("x",), (2020,), "X for 2020: 50 t (2020), 10 t (2020) do not "
                            "overlap (2 sources); the largest is 5 times the smallest.")]


@pytest.mark.parametrize(("dated", "undated", "flagged"), [
    (fig("x", 10, qualifier="at_most"), fig("x", 10, qualifier="at_least", year=None), False),  # touching
    (fig("x", 10, qualifier="at_most"), fig("x", 10.1, qualifier="at_least", year=None), True),
    (fig("x", 10, qualifier="at_least"), fig("x", 10, qualifier="at_most", year=None), False),
    (fig("x", 10, qualifier="at_least"), fig("x", 9.9, qualifier="at_most", year=None), True),
])
def test_an_undated_value_touching_a_dated_one_does_not_disagree(dated: Figure, undated: Figure, flagged: bool) -> None:
    found = disagreement(prof(dated, undated))
    assert [(f.years, f.message.split(":")[0]) for f in found] == (
        [((2020, None), "X with no year against dated values")] if flagged else [])


@pytest.mark.parametrize("below", [False, True])
@pytest.mark.parametrize(("edge", "flagged"), [(11, False), (11.1, True)])
def test_values_of_neighbouring_years_touching_do_not_disagree(below: bool, edge: float, flagged: bool) -> None:
    # 10 t (9.5-10.5) and edge-30 t (from 10.5-30.5), 3 times as large, in neighbouring years: apart only when the
    # ends do not touch; a third value, far from the earlier year's, makes the later year worth comparing
    if below:
        figures = (fig("x", None, low=edge, high=30, source="a"), fig("x", 10, year=2021, source="b"),
                   fig("x", 1, year=2021, source="c"))
    else:
        figures = (fig("x", 10, source="a"), fig("x", None, low=edge, high=30, year=2021, source="b"),
                   fig("x", 100, year=2021, source="c"))
    found = [f.message.split(":")[0] for f in disagreement(prof(*figures))]
    assert found.count("X in 2020 and 2021") == 1 + flagged


@pytest.mark.parametrize(("values", "flagged"), [((40, 60), False), ((50, 60), True)])
def test_an_undated_range_against_an_industrial_total_by_its_low_end(values: tuple[float, float], flagged: bool) -> None:
    p = prof(fig(OUT, None, low=values[0], high=values[1], year=None), fig(TOTAL, 50, scope="industrial"))
    assert [f.years for f in bases(p)] == ([(2020, None)] if flagged else [])


def test_undated_outputs_of_one_low_end_against_an_industrial_total() -> None:
    p = prof(fig(OUT, 50, year=None), fig(OUT, None, low=50, high=60, year=None, source="b"),
             fig(OUT, 40, year=None, source="c"), fig(TOTAL, 50, scope="industrial"))
    assert [f.message.split(",")[1] for f in bases(p)] == [" 50 t (no year)", " 50–60 t (no year)"]


def counted(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """Count the calls of check.py's ``name`` (one per finding a rule makes)."""
    check = sys.modules[_half_unit.__module__]  # the module: ``asgm_cli.check`` names a function too
    calls: list[int] = []
    real = getattr(check, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(check, name, wrapper)
    return calls


# Once a rule has its 100 findings it stops making them: a hostile profile cannot make the work unbounded.

@pytest.mark.parametrize(("years", "made"), [(100, 100), (101, 100), (150, 100)])
def test_impossible_stops_at_100_findings(monkeypatch: pytest.MonkeyPatch, years: int, made: int) -> None:
    figures = [f for y in range(1900, 1900 + years) for f in (fig(OUT, 46, year=y), fig(TOTAL, 45.7, year=y, source="b"))]
    calls = counted(monkeypatch, "_acknowledged")
    assert len(impossible(prof(*figures))) == 100
    assert len(calls) == made


@pytest.mark.parametrize(("undated", "made"), [(99, 100), (100, 100), (150, 100)])
def test_undated_values_against_dated_ones_stop_at_100_findings(monkeypatch: pytest.MonkeyPatch, undated: int,
                                                               made: int) -> None:
    # one finding for the undated values that clash with each other, then one per undated value against 1 t
    figures = [fig("x", 1), *(fig("x", 10 + n, year=None, source=f"u{n}") for n in range(undated))]
    calls = counted(monkeypatch, "_disagree")
    assert len(disagreement(prof(*figures))) == 100
    assert len(calls) == made


@pytest.mark.parametrize(("years", "made"), [(40, 77), (60, 100)])
def test_neighbouring_years_stop_at_100_findings(monkeypatch: pytest.MonkeyPatch, years: int, made: int) -> None:
    # 1 t and 10 t by turns from two sources: each year against the next and the third next; then, industrial
    # output clashing in one year, a group the rule reaches only while it has room
    figures = [fig("x", (1, 10)[y % 2], year=y, source="ab"[y % 2]) for y in range(1900, 1900 + years)]
    industrial = [fig("x", v, year=2100, source=s, scope="industrial") for v, s in ((5, "a"), (50, "b"))]
    calls = counted(monkeypatch, "_disagree")
    assert len(disagreement(prof(*figures, *industrial))) == made
    assert len(calls) == made


@pytest.mark.parametrize(("years", "made"), [(100, 100), (101, 100), (150, 100)])
def test_stated_against_derived_stops_at_100_findings(monkeypatch: pytest.MonkeyPatch, years: int, made: int) -> None:
    figures = [f for y in range(1900, 1900 + years)
               for f in (fig(SHARE_ID, 90, "%", year=y, source="x"), fig(OUT, 10, year=y), fig(TOTAL, 100, year=y))]
    calls = counted(monkeypatch, "_finding")
    assert len(stated_vs_derived(prof(*figures))) == 100
    assert len(calls) == made
