"""`record`: a dataclass whose methods are shared functions, not source compiled for each class.

`dataclasses.dataclass` writes a class's `__init__`, `__repr__`, `__eq__` (and, frozen, `__hash__`,
`__setattr__`, `__delattr__`) as source text and compiles each one when the class is defined:
about 1 ms per class on a 2-core machine (Python 3.11; 3.13 still 0.8 ms), paid on every start of
every process. The lint path defines some 40 such classes, which made compiling them the largest
part of a small `ionqkit lint`'s run and of a client's first validated `create_job`.

`record(frozen=..., slots=...)` gives the same class for the cases ionqkit uses: the fields are
processed by `dataclasses.dataclass` itself (so `fields()`, `replace()`, `asdict()`,
`is_dataclass()` and `__match_args__` work, and mypy checks a dataclass), and the methods are
closures over the field names, created without compiling anything. They behave as the generated
ones (tests/test_records.py runs both side by side): positional and keyword arguments, defaults,
default factories, `__post_init__`, fields with `init=False`, `repr=False` and `compare=False`,
equality only with the same class, frozen assignment and deletion refused, the hash of the compared
fields, pickling of frozen slotted instances. Creating an instance costs about the same.

What it does not take is refused when the class is defined: a dataclass base, `InitVar`,
keyword-only fields, and any option but `frozen` and `slots` (mypy sees `dataclass`, so it would
accept them; the call fails at import). Use `dataclasses.dataclass` for those.
"""

from __future__ import annotations

import dataclasses
import inspect  # dataclasses imports it: no cost
import reprlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

__all__ = ["record"]

T = TypeVar("T")

_NO_DEFAULT: Any = dataclasses.MISSING


class _Factory:
    """A default made by a factory, as a signature shows it."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _record(cls: type[T] | None = None, /, *, frozen: bool = False, slots: bool = False) -> Any:
    def wrap(cls: type[T]) -> type[T]:
        return _make(cls, frozen=frozen, slots=slots)

    return wrap if cls is None else wrap(cls)


def _make(cls: type[T], *, frozen: bool, slots: bool) -> type[T]:
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        raise TypeError(
            f"{cls.__qualname__}: record does not take a dataclass base; use dataclasses.dataclass"
        )
    own = dict(cls.__dict__)
    if not own.get("__doc__"):
        cls.__doc__ = cls.__name__  # a placeholder, so dataclass does not call inspect.signature
    made: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=slots)
    every = made.__dataclass_fields__
    fields = dataclasses.fields(made)
    for name, found in every.items():
        if found not in fields and "InitVar" in str(found.type):
            raise TypeError(
                f"{cls.__qualname__}.{name}: record does not take InitVar; use dataclasses.dataclass"
            )
    if any(f.kw_only is True for f in fields):
        raise TypeError(
            f"{cls.__qualname__}: record does not take keyword-only fields; use dataclasses.dataclass"
        )
    names = tuple(f.name for f in fields)
    methods: dict[str, Callable[..., Any]] = {
        "__init__": _init(made, fields, frozen),
        "__repr__": _repr(tuple(f.name for f in fields if f.repr)),
        "__eq__": _eq(tuple(f.name for f in fields if f.compare)),
    }
    if frozen:
        methods["__setattr__"], methods["__delattr__"] = _frozen(made, frozenset(names))
        hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
        methods["__hash__"] = _hash(hashed)
        if slots:
            methods["__getstate__"], methods["__setstate__"] = _state(names)
    for name, method in methods.items():
        if name not in own:
            method.__name__, method.__qualname__ = name, f"{made.__qualname__}.{name}"
            setattr(made, name, method)
    # dataclass's own rule: eq without frozen makes instances unhashable, unless the class says how.
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if not frozen and not explicit_hash:
        made.__hash__ = None
    if not own.get("__doc__"):
        made.__doc__ = f"{made.__name__}({', '.join(names)})"
    params = made.__dataclass_params__
    params.init = params.repr = params.eq = True
    params.frozen = frozen
    return made  # type: ignore[no-any-return]


def _init(cls: Any, fields: tuple[dataclasses.Field[Any], ...], frozen: bool) -> Callable[..., None]:
    given = tuple(f for f in fields if f.init)
    names = tuple(f.name for f in given)
    defaults = {f.name: f.default for f in given if f.default is not _NO_DEFAULT}
    factories: dict[str, Any] = {
        f.name: f.default_factory for f in given if f.default_factory is not _NO_DEFAULT
    }
    # Fields left out of __init__ get their default, as dataclass's __init__ gives them.
    fixed: tuple[tuple[str, Any, Any], ...] = tuple(
        (f.name, f.default, f.default_factory)
        for f in fields
        if not f.init and (f.default is not _NO_DEFAULT or f.default_factory is not _NO_DEFAULT)
    )
    post_init = getattr(cls, "__post_init__", None) is not None
    count = len(names)
    store = object.__setattr__ if frozen else setattr
    slotted = "__slots__" in cls.__dict__
    # The common call gives the fields in order: they are set the fastest way that sets them as
    # object.__setattr__ would, through each slot's own descriptor, or all at once into the
    # instance's __dict__ (no field of a record is a descriptor: dataclass made them plain).
    setters = tuple(cls.__dict__[name].__set__ for name in names) if slotted else ()
    # The plain defaults of the last fields, so that a call leaving them out is common too.
    tail: tuple[Any, ...] = ()
    for name in reversed(names):
        if name not in defaults:
            break
        tail = (defaults[name], *tail)
    first = count - len(tail)

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        if not kwargs and first <= len(args) <= count:
            if len(args) < count:
                args = (*args, *tail[len(args) - first :])
            if slotted:
                for put, value in zip(setters, args, strict=True):
                    put(self, value)
            elif frozen:
                self.__dict__.update(zip(names, args, strict=True))
            else:
                for name, value in zip(names, args, strict=True):
                    store(self, name, value)
        else:
            _bind(self, args, kwargs)
        for name, default, factory in fixed:
            store(self, name, factory() if default is _NO_DEFAULT else default)
        if post_init:
            self.__post_init__()

    def _bind(self: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if len(args) > count:
            raise TypeError(
                f"{type(self).__qualname__}.__init__() takes {count + 1} positional arguments"
                f" but {len(args) + 1} were given"
            )
        for name, value in zip(names, args, strict=False):
            store(self, name, value)
        for name in names[len(args) :]:
            if name in kwargs:
                value = kwargs.pop(name)
            elif name in defaults:
                value = defaults[name]
            elif name in factories:
                value = factories[name]()
            else:
                raise TypeError(f"{type(self).__qualname__}.__init__() missing required argument: {name!r}")
            store(self, name, value)
        if kwargs:
            name = next(iter(kwargs))
            said = (
                "got multiple values for argument" if name in names else "got an unexpected keyword argument"
            )
            raise TypeError(f"{type(self).__qualname__}.__init__() {said} {name!r}")

    # What inspect.signature shows (help(), IDEs, code that reads a class's parameters): the
    # parameters dataclass's own __init__ would have, not (*args, **kwargs).
    keyword = inspect.Parameter.POSITIONAL_OR_KEYWORD
    init.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("self", keyword),
            *(
                inspect.Parameter(
                    f.name,
                    keyword,
                    default=_FACTORY
                    if f.name in factories
                    else defaults.get(f.name, inspect.Parameter.empty),
                    annotation=f.type,
                )
                for f in given
            ),
        ],
        return_annotation=None,
    )
    return init


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    @reprlib.recursive_repr()
    def show(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__qualname__}({shown})"

    return show


def _eq(names: tuple[str, ...]) -> Callable[[Any, object], Any]:
    def equal(self: Any, other: object) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)

    return equal


def _hash(names: tuple[str, ...]) -> Callable[[Any], int]:
    def hashed(self: Any) -> int:
        return hash(tuple(getattr(self, n) for n in names))

    return hashed


def _frozen(cls: Any, names: frozenset[str]) -> tuple[Callable[..., None], Callable[..., None]]:
    # As dataclass's: an instance of the class itself is frozen whole; a subclass that is no
    # record may add attributes of its own, but not assign the record's fields.
    def assign(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def delete(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return assign, delete


def _state(names: tuple[str, ...]) -> tuple[Callable[[Any], list[Any]], Callable[[Any, list[Any]], None]]:
    # A frozen slotted instance has no __dict__ to restore and refuses setattr: pickle it as
    # dataclass does, as the list of its field values.
    def get(self: Any) -> list[Any]:
        return [getattr(self, name) for name in names]

    def put(self: Any, state: list[Any]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    return get, put


if TYPE_CHECKING:
    # Type checkers see the dataclass a record is.
    from dataclasses import dataclass as record
else:
    record = _record
