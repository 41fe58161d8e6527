"""``frozen``: a light stand-in for ``@dataclass(frozen=True)`` on asgm's start-up path.

``dataclass`` writes and compiles the source of ``__init__``, ``__eq__``, ``__hash__`` and
``__repr__`` for every class it decorates: about 0.5 ms a class, 3 ms for the profile model
alone, on every run of ``asgm get``. These shared methods do the same with no code generation:
fields in annotation order, defaults from the class body, positional or keyword construction,
immutable, equal and hashable by value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

T = TypeVar("T")
_MISSING = object()


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    names = cls._fields
    if len(args) > len(names):
        raise TypeError(f"{cls.__name__}() takes {len(names)} arguments, got {len(args)}")
    put = object.__setattr__
    for name, value in zip(names, args):
        put(self, name, value)
    if kwargs or len(args) < len(names):  # a profile builds hundreds of these: the common case stays short
        defaults = cls._defaults
        for name in names[len(args):]:
            if name in kwargs:
                value = kwargs.pop(name)
            elif name in defaults:
                value = defaults[name]
            else:
                raise TypeError(f"{cls.__name__}() missing argument {name!r}")
            put(self, name, value)
        if kwargs:  # a field already given by position, or no field at all
            raise TypeError(f"{cls.__name__}() got an unexpected or repeated argument {next(iter(kwargs))!r}")


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, n) for n in type(self)._fields)


def _eq(self: Any, other: Any) -> Any:
    return _values(self) == _values(other) if type(other) is type(self) else NotImplemented


def _hash(self: Any) -> int:
    return hash(_values(self))


def _repr(self: Any) -> str:
    return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in type(self)._fields)})"


def _setattr(self: Any, name: str, value: Any) -> None:
    raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is immutable")


def _frozen(cls: type[T]) -> type[T]:
    """Make ``cls`` an immutable record of its annotated fields (see the module docstring)."""
    names: list[str] = []
    defaults: dict[str, Any] = {}
    for klass in reversed(cls.__mro__[:-1]):
        defaults.update(klass.__dict__.get("_defaults", {}))  # a frozen base's defaults left its body
        for name in klass.__dict__.get("__annotations__", {}):
            if name not in names:
                names.append(name)
            if name in klass.__dict__:
                defaults[name] = klass.__dict__[name]
    for name in defaults:
        if name in cls.__dict__:
            delattr(cls, name)  # the default lives in _defaults; the instance always has its own value
    c: Any = cls
    c._fields, c._defaults = tuple(names), defaults
    c.__init__, c.__eq__, c.__hash__, c.__repr__, c.__setattr__ = _init, _eq, _hash, _repr, _setattr
    return cls


if TYPE_CHECKING:  # type checkers see a frozen dataclass: constructors and fields are checked
    from typing_extensions import dataclass_transform

    @dataclass_transform(frozen_default=True)
    def frozen(cls: type[T]) -> type[T]: ...
else:
    frozen = _frozen


def field_names(cls: type) -> tuple[str, ...]:
    """The fields of a ``frozen`` class, in order."""
    return cls._fields  # type: ignore[attr-defined, no-any-return]
