"""``frozen``, the start-up path's stand-in for ``@dataclass(frozen=True)``: construction, defaults,
immutability, equality and the errors a wrong call gets."""

from __future__ import annotations

import pytest

from asgm_cli.frozen import field_names, frozen


@frozen
class Point:
    x: int
    y: int
    label: str = "origin"
    tags: tuple[str, ...] = ()


@frozen
class Point3(Point):
    z: int = 0


def test_positional_keyword_and_default_arguments() -> None:
    p = Point(1, y=2)
    assert (p.x, p.y, p.label, p.tags) == (1, 2, "origin", ())
    assert Point(1, 2, "a", ("t",)).tags == ("t",)
    assert Point(y=5, x=4, tags=("u",)).label == "origin"


def test_fields_in_order_including_an_inherited_class() -> None:
    assert field_names(Point) == ("x", "y", "label", "tags")
    assert field_names(Point3) == ("x", "y", "label", "tags", "z")
    assert Point3(1, 2, z=3) == Point3(1, 2, "origin", (), 3)


@pytest.mark.parametrize(("args", "kwargs", "message"), [
    ((1, 2, "a", (), 5), {}, "Point() takes 4 arguments, got 5"),
    ((1,), {}, "Point() missing argument 'y'"),
    ((), {"y": 2}, "Point() missing argument 'x'"),
    ((1, 2), {"x": 3}, "Point() got an unexpected or repeated argument 'x'"),
    ((1, 2), {"colour": "red"}, "Point() got an unexpected or repeated argument 'colour'"),
    ((1, 2, "a", ()), {"label": "b"}, "Point() got an unexpected or repeated argument 'label'"),
])
def test_a_wrong_call_is_a_type_error(args: tuple[object, ...], kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(TypeError) as e:
        Point(*args, **kwargs)
    assert str(e.value) == message


def test_immutable() -> None:
    p = Point(1, 2)
    with pytest.raises(AttributeError) as e:
        p.x = 3  # type: ignore[misc]
    assert str(e.value) == "cannot assign to field 'x': Point is immutable"
    assert p.x == 1


def test_equal_and_hashable_by_value_and_type() -> None:
    assert Point(1, 2) == Point(1, 2, "origin")
    assert Point(1, 2) != Point(1, 3)
    assert Point(1, 2) != Point3(1, 2)
    assert Point(1, 2).__eq__((1, 2, "origin", ())) is NotImplemented
    assert len({Point(1, 2), Point(1, 2), Point(2, 1)}) == 2
    assert repr(Point(1, 2)) == "Point(x=1, y=2, label='origin', tags=())"


def test_the_default_lives_apart_from_the_class() -> None:
    assert "label" not in Point.__dict__
    assert Point(1, 2).label == "origin"
