"""`record`: a dataclass that costs nothing to define and nothing to import.

`dataclasses.dataclass` writes a class's `__init__`, `__repr__`, `__eq__` (and, frozen, `__hash__`,
`__setattr__`, `__delattr__`) as source text and compiles each one when the class is defined:
about 1 ms per class on a 2-core machine (Python 3.11; 3.13 still 0.8 ms), paid on every start of
every process. Importing `dataclasses` costs more again: it imports `inspect`, which imports `ast`,
`dis`, `tokenize` and `linecache` (measured: 19 ms of a 75 ms `ionqkit lint` process). The lint
path defines some 40 record classes, and a small `ionqkit lint` and a client's first validated
`create_job` pay for every one.

`record(frozen=..., slots=...)` gives the same class for the cases ionqkit uses, reading the
annotations and defaults itself, with methods that are closures over the field names: nothing is
compiled and neither `dataclasses` nor `inspect` is imported. The dataclass API still works, on
demand: `__dataclass_fields__`, `__dataclass_params__` and `__signature__` are computed the first
time something asks for them (`dataclasses.fields()`, `replace()`, `asdict()`, `is_dataclass()`,
`inspect.signature(Record)`), by running `dataclasses.dataclass` over a copy of the class body;
asking also gives the record's module the names it imports only for type checkers, so that
`typing.get_type_hints()` and pydantic resolve its annotations (`_import_type_only_names`).
`inspect.signature(Record.__init__)` shows `(self, *args, **kwargs)`: a function's signature
cannot be made on demand. The
methods behave as the generated ones (tests/test_records.py runs both side by side): positional
and keyword arguments, defaults, default factories, `__post_init__`, fields with `init=False`,
`repr=False` and `compare=False`, equality only with the same class, frozen assignment and
deletion refused with `dataclasses.FrozenInstanceError`, the hash of the compared fields, pickling
of frozen slotted instances, `__match_args__`.

Fields take `ionqkit.records.field` (or `dataclasses.field`); `ionqkit.records.replace` is
`dataclasses.replace` without the import. What `record` does not take is refused when the class
is defined: a dataclass or record base, `InitVar`, keyword-only fields, and any option but
`frozen` and `slots` (mypy sees `dataclass`, so it would accept them; the call fails at import).
Use `dataclasses.dataclass` for those.
"""

from __future__ import annotations

import reprlib
import sys
from collections.abc import Callable, Mapping

TYPE_CHECKING = False  # typing is not imported at run time: see ionqkit/__init__.py
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")

__all__ = ["field", "record", "replace"]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


_NO_DEFAULT: Any = _Missing()


class _Factory:
    """A default made by a factory, as a signature shows it."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


class _Field:
    """One field's options, as `field()` takes them and the class body gives them."""

    __slots__ = ("compare", "default", "default_factory", "hash", "init", "kw_only", "metadata", "name",
                 "repr", "type")  # fmt: skip

    def __init__(
        self,
        *,
        default: Any = _NO_DEFAULT,
        default_factory: Any = _NO_DEFAULT,
        init: bool = True,
        repr: bool = True,
        hash: bool | None = None,
        compare: bool = True,
        metadata: Mapping[Any, Any] | None = None,
        kw_only: Any = _NO_DEFAULT,
    ) -> None:
        if default is not _NO_DEFAULT and default_factory is not _NO_DEFAULT:
            raise ValueError("cannot specify both default and default_factory")
        self.default, self.default_factory = default, default_factory
        self.init, self.repr, self.hash, self.compare = init, repr, hash, compare
        self.metadata, self.kw_only = metadata, kw_only
        self.name: str = ""
        self.type: Any = None

    def as_dataclass_field(self) -> Any:
        """The `dataclasses.field(...)` this field is (what the class body gives dataclass)."""
        import dataclasses

        missing: Any = dataclasses.MISSING
        return dataclasses.field(
            default=missing if self.default is _NO_DEFAULT else self.default,
            default_factory=missing if self.default_factory is _NO_DEFAULT else self.default_factory,
            init=self.init,
            repr=self.repr,
            hash=self.hash,
            compare=self.compare,
            metadata=self.metadata,
        )


def _from_dataclasses_field(value: Any) -> _Field:
    # A dataclasses.field(...) in a record's body: only possible once dataclasses is imported.
    import dataclasses

    def given(option: Any) -> Any:
        return _NO_DEFAULT if option is dataclasses.MISSING else option

    return _Field(
        default=given(value.default), default_factory=given(value.default_factory), init=value.init,
        repr=value.repr, hash=value.hash, compare=value.compare, metadata=value.metadata,
        kw_only=given(value.kw_only),
    )  # fmt: skip


def _is_dataclasses_field(value: Any) -> bool:
    loaded = sys.modules.get("dataclasses")
    return loaded is not None and isinstance(value, loaded.Field)


def _annotation_is(annotation: Any, name: str) -> bool:
    """Whether an annotation (a string, under `from __future__ import annotations`) is `name[...]`."""
    if isinstance(annotation, str):
        head = annotation.split("[", 1)[0].strip()
        return head == name or head.endswith(f".{name}")
    if annotation is None:
        return False
    origin = getattr(annotation, "__origin__", annotation)
    return getattr(origin, "__name__", getattr(origin, "_name", None)) == name or (
        type(annotation).__name__ == name
    )


def _record(cls: type[T] | None = None, /, *, frozen: bool = False, slots: bool = False) -> Any:
    def wrap(cls: type[T]) -> type[T]:
        return _make(cls, frozen=frozen, slots=slots)

    return wrap if cls is None else wrap(cls)


def _fields_of(cls: type[Any]) -> list[_Field]:
    """The fields the class body declares, in order, as dataclass reads them."""
    found: list[_Field] = []
    own = cls.__dict__
    for name, annotation in _annotations(cls).items():
        if _annotation_is(annotation, "ClassVar"):
            continue
        if _annotation_is(annotation, "InitVar"):
            raise TypeError(
                f"{cls.__qualname__}.{name}: record does not take InitVar; use dataclasses.dataclass"
            )
        value = own.get(name, _NO_DEFAULT)
        if isinstance(value, _Field):
            made = value
        elif _is_dataclasses_field(value):
            made = _from_dataclasses_field(value)
        else:
            made = _Field(default=value)
        if made.kw_only is True:
            raise TypeError(
                f"{cls.__qualname__}: record does not take keyword-only fields; use dataclasses.dataclass"
            )
        default = made.default
        if default is not _NO_DEFAULT and (
            isinstance(default, (list, dict, set)) or type(default).__hash__ is None
        ):
            raise ValueError(
                f"mutable default {type(default)} for field {name} is not allowed: use default_factory"
            )
        made.name, made.type = name, annotation
        found.append(made)
    seen_default = False
    for made in found:
        if not made.init:
            continue
        if made.default is not _NO_DEFAULT or made.default_factory is not _NO_DEFAULT:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {made.name!r} follows default argument")
    return found


def _annotations(cls: type[Any]) -> dict[str, Any]:
    """The class body's own annotations, as dataclass reads them."""
    own = cls.__dict__
    if "__annotations__" in own:
        return dict(own["__annotations__"])
    if "__annotate__" in own:  # Python 3.14+, a module without `from __future__ import annotations`
        import importlib

        annotationlib: Any = importlib.import_module("annotationlib")
        return dict(annotationlib.get_annotations(cls, format=annotationlib.Format.FORWARDREF))
    return {}


def _make(cls: type[T], *, frozen: bool, slots: bool) -> type[T]:
    if any("__dataclass_fields__" in vars(base) for base in cls.__mro__[1:]):
        raise TypeError(
            f"{cls.__qualname__}: record does not take a dataclass base; use dataclasses.dataclass"
        )
    fields = tuple(_fields_of(cls))
    own = dict(cls.__dict__)
    names = tuple(f.name for f in fields)
    made: Any = cls
    if slots:
        # As dataclass does: a new class whose __slots__ are the fields (defaults cannot stay
        # class attributes beside slots of the same name; __init__ supplies them).
        body = {key: value for key, value in own.items() if key not in (*names, "__dict__", "__weakref__")}
        body["__slots__"] = names
        made = type(cls)(cls.__name__, cls.__bases__, body)  # type: ignore[misc]
        made.__qualname__ = cls.__qualname__
    else:
        for f in fields:  # the class attribute is the plain default, or none at all
            if f.name in own and (isinstance(own[f.name], _Field) or _is_dataclasses_field(own[f.name])):
                if f.default is _NO_DEFAULT:
                    delattr(made, f.name)
                else:
                    setattr(made, f.name, f.default)
    made.__dataclass_fields__ = _Lazy(_dataclass_fields)
    made.__dataclass_params__ = _Lazy(_dataclass_params)
    if "__init__" not in own:  # a class's own __init__ says its own signature
        made.__signature__ = _SignatureOf()
    made.__record__ = _Record(cls=made, fields=fields, frozen=frozen)
    if "__match_args__" not in own:
        made.__match_args__ = tuple(f.name for f in fields if f.init)  # type: ignore[misc]
    methods: dict[str, Callable[..., Any]] = {
        "__init__": _init(made, fields, frozen),
        "__repr__": _repr(tuple(f.name for f in fields if f.repr)),
        "__eq__": _eq(tuple(f.name for f in fields if f.compare)),
        "__replace__": _replace,  # copy.replace() (Python 3.13+), as dataclass gives it
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
    return made  # type: ignore[no-any-return]


class _Record:
    """What `record` read from a class: enough to build its dataclass API when asked."""

    __slots__ = ("cls", "fields", "frozen", "signature")

    def __init__(self, *, cls: Any, fields: tuple[_Field, ...], frozen: bool) -> None:
        self.cls, self.fields, self.frozen = cls, fields, frozen
        self.signature: Any = None


class _Lazy:
    """A class attribute computed from the class on first access, then stored in its place."""

    __slots__ = ("build",)

    def __init__(self, build: Callable[[Any], Any]) -> None:
        self.build = build

    def __get__(self, instance: Any, owner: Any) -> Any:
        # A subclass that is no record finds its record base's attribute: build it for that base.
        holder = next(k for k in owner.__mro__ if "__record__" in vars(k))
        info: _Record = vars(holder)["__record__"]
        _import_type_only_names(holder.__module__)
        value = self.build(info)
        name = next(key for key, found in vars(holder).items() if found is self)
        type.__setattr__(holder, name, value)
        return value


class _SignatureOf:
    """`inspect.signature(Record)`: the parameters dataclass's own __init__ would have, not
    (*args, **kwargs) (help(), IDEs, code that reads a class's parameters). Made on first access;
    None (inspect then reads __init__ as usual) for an instance, and for a subclass with an
    __init__ of its own."""

    __slots__ = ()

    def __get__(self, instance: Any, owner: Any) -> Any:
        holder = next(k for k in owner.__mro__ if "__record__" in vars(k))
        info: _Record = vars(holder)["__record__"]
        if instance is not None or owner.__init__ is not holder.__init__:
            return None
        if info.signature is None:
            info.signature = _signature(info)
        return info.signature


_TYPE_ONLY_NAMES_IMPORTED: set[str] = set()


def _import_type_only_names(module_name: str) -> None:
    """Give a record's module the names it imports only for type checkers, once something asks for
    its dataclass API.

    ionqkit's lint-path modules import `typing`, `pathlib` and some of each other's names under
    `if TYPE_CHECKING:` only (see ionqkit/__init__.py), so their annotations name what the module
    does not hold at run time. `typing.get_type_hints()` reads a class's annotations in its module's
    namespace: code that reads them (pydantic, serializers) asks for the dataclass API first, and
    finds them resolvable then. Only `import` statements of that block are carried out, each name
    as best it can be (one that cannot be imported is left out); names the module has are kept.
    """
    module = sys.modules.get(module_name)
    loader = getattr(module, "__loader__", None)
    if module is None or loader is None or module_name in _TYPE_ONLY_NAMES_IMPORTED:
        return
    _TYPE_ONLY_NAMES_IMPORTED.add(module_name)
    import ast
    import importlib

    try:  # the source as the import system finds it (a file, a zip archive)
        source = loader.get_source(module_name)
        tree = ast.parse(source or "", getattr(module, "__file__", None) or module_name)
    except (AttributeError, ImportError, OSError, SyntaxError, ValueError):
        return
    namespace = vars(module)
    for node in tree.body:
        if not (
            isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        ):
            continue
        for statement in node.body:
            try:
                if isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
                    imported = importlib.import_module(statement.module)
                    for alias in statement.names:
                        if hasattr(imported, alias.name):
                            namespace.setdefault(alias.asname or alias.name, getattr(imported, alias.name))
                elif isinstance(statement, ast.Import):
                    for alias in statement.names:
                        importlib.import_module(alias.name)
                        bound = alias.asname or alias.name.split(".")[0]
                        namespace.setdefault(bound, sys.modules[alias.name if alias.asname else bound])
            except ImportError:
                continue


def _dataclass(info: _Record) -> Any:
    """`dataclasses.dataclass` run over a copy of the record's body: its fields and params."""
    import dataclasses

    cls = info.cls
    body: dict[str, Any] = {
        "__annotations__": {f.name: f.type for f in info.fields},
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
        "__doc__": cls.__doc__,  # given, so dataclass does not ask inspect for a signature
    }
    for f in info.fields:
        body[f.name] = f.as_dataclass_field()
    shadow = type(cls.__name__, (), body)
    return dataclasses.dataclass(shadow, init=False, repr=False, eq=False, frozen=False)


def _dataclass_fields(info: _Record) -> Any:
    return dict(_dataclass(info).__dataclass_fields__)


def _dataclass_params(info: _Record) -> Any:
    params = _dataclass(info).__dataclass_params__
    params.init = params.repr = params.eq = True
    params.frozen = info.frozen
    return params


def _signature(info: _Record) -> Any:
    import inspect

    keyword = inspect.Parameter.POSITIONAL_OR_KEYWORD
    return inspect.Signature(
        [
            inspect.Parameter(
                f.name,
                keyword,
                default=_FACTORY
                if f.default_factory is not _NO_DEFAULT
                else (inspect.Parameter.empty if f.default is _NO_DEFAULT else f.default),
                annotation=f.type,
            )
            for f in info.fields
            if f.init
        ],
        return_annotation=None,
    )


def _replace(obj: T, /, **changes: Any) -> T:
    """`dataclasses.replace` for a record (or a dataclass), without importing dataclasses for one."""
    info: _Record | None = getattr(type(obj), "__record__", None)
    if info is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    for f in info.fields:
        if not f.init and f.name in changes:
            raise ValueError(
                f"field {f.name} is declared with init=False, it cannot be specified with replace()"
            )
    given = {f.name: getattr(obj, f.name) for f in info.fields if f.init and f.name not in changes}
    return type(obj)(**given, **changes)


def _init(cls: Any, fields: tuple[_Field, ...], frozen: bool) -> Callable[..., None]:
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
    # instance's __dict__ (no field of a record is a descriptor).
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
            from dataclasses import FrozenInstanceError

            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def delete(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            from dataclasses import FrozenInstanceError

            raise FrozenInstanceError(f"cannot delete field {name!r}")
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
    from dataclasses import field, replace
else:
    record, field, replace = _record, _Field, _replace
