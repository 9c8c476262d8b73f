"""`record` gives the class `dataclasses.dataclass` gives, without compiling anything per class.

Each case defines one class body twice, once with each decorator, and checks that the two behave
the same: construction (positional, keyword, defaults, factories, errors), repr, equality, hashing,
frozen assignment, the dataclass API (fields, replace, asdict, is_dataclass, __match_args__,
__dataclass_params__), pickling, __post_init__, and a subclass that is no dataclass.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import pickle
import subprocess
import sys
import typing
from collections.abc import Callable
from dataclasses import field
from typing import Any, ClassVar

import pytest

from ionqkit.records import record


def _define(decorate: Callable[..., Any], frozen: bool, slots: bool) -> type[Any]:
    @decorate(frozen=frozen, slots=slots)
    class Sample:
        """A sample."""

        name: str
        count: int = 0
        tags: list[str] = field(default_factory=list)
        hidden: str = field(default="secret", repr=False)
        ignored: int = field(default=0, compare=False)
        later: dict[str, int] = field(init=False, default_factory=dict, compare=False)

    return Sample


MATRIX = [(frozen, slots) for frozen in (False, True) for slots in (False, True)]


def _both(frozen: bool, slots: bool) -> tuple[type[Any], type[Any]]:
    return _define(dataclasses.dataclass, frozen, slots), _define(record, frozen, slots)


def _outcome(cls: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    try:
        made = cls(*args, **kwargs)
    except TypeError:
        return TypeError
    return dataclasses.astuple(made), repr(made)


CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    (("a",), {}),
    (("a", 2), {}),
    (("a", 2, ["x"], "h", 5), {}),
    (("a", 2, ["x"]), {}),  # the last fields' plain defaults
    (("a", 2, ["x"], "h"), {}),
    ((), {"name": "a", "tags": ["y"]}),
    (("a",), {"ignored": 3, "hidden": "z"}),
    ((), {}),  # missing a required argument
    (("a", 1, [], "h", 5, 6), {}),  # too many
    (("a",), {"name": "b"}),  # given twice
    (("a",), {"nope": 1}),  # unknown
    (("a",), {"later": {}}),  # not an __init__ argument
]


@pytest.mark.parametrize(("frozen", "slots"), MATRIX)
def test_construction_and_repr_match_dataclass(frozen: bool, slots: bool) -> None:
    plain, fast = _both(frozen, slots)
    for args, kwargs in CALLS:
        ours, theirs = _outcome(fast, args, kwargs), _outcome(plain, args, kwargs)
        assert ours == theirs, (args, kwargs)


@pytest.mark.parametrize(("frozen", "slots"), MATRIX)
def test_equality_and_hashing_match_dataclass(frozen: bool, slots: bool) -> None:
    plain, fast = _both(frozen, slots)
    for cls, other in ((plain, fast), (fast, plain)):
        assert cls("a", 1) == cls("a", 1, ignored=9)  # compare=False is not compared
        assert cls("a", 1) != cls("a", 2)
        assert cls("a") != other("a")  # equal only to the same class
        if not frozen:
            with pytest.raises(TypeError, match="unhashable"):
                hash(cls("a"))
            continue
        with pytest.raises(TypeError, match="unhashable"):
            hash(cls("a", 1, ["a list"]))
    if frozen:  # both hash the tuple of the compared fields
        assert hash(fast("a", 1, ())) == hash(plain("a", 1, ())) == hash(fast("a", 1, (), ignored=4))


@pytest.mark.parametrize(("frozen", "slots"), MATRIX)
def test_frozen_refuses_assignment_as_dataclass_does(frozen: bool, slots: bool) -> None:
    for cls in _both(frozen, slots):
        item = cls("a")
        if frozen:
            with pytest.raises(dataclasses.FrozenInstanceError):
                item.count = 3
            with pytest.raises(dataclasses.FrozenInstanceError):
                del item.count
        else:
            item.count = 3
            assert item.count == 3


@pytest.mark.parametrize(("frozen", "slots"), MATRIX)
def test_the_dataclass_api_works(frozen: bool, slots: bool) -> None:
    plain, fast = _both(frozen, slots)
    assert dataclasses.is_dataclass(plain) and dataclasses.is_dataclass(fast)
    plain, fast = _both(frozen, slots)  # (is_dataclass narrowed their types)
    assert [f.name for f in dataclasses.fields(fast)] == [f.name for f in dataclasses.fields(plain)]
    assert fast.__match_args__ == plain.__match_args__
    assert str(inspect.signature(fast)) == str(inspect.signature(plain))
    params = fast.__dataclass_params__
    assert (params.init, params.repr, params.eq, params.frozen) == (True, True, True, frozen)
    item = fast("a", 1, ["t"])
    changed = dataclasses.replace(item, count=5)
    assert (changed.name, changed.count, changed.tags) == ("a", 5, ["t"])
    assert dataclasses.asdict(item) == dataclasses.asdict(plain("a", 1, ["t"]))
    assert hasattr(item, "__dict__") is not slots
    assert fast.__init__.__qualname__ == "_define.<locals>.Sample.__init__"


@record(frozen=True, slots=True)
class PickledSlots:
    """Module level, so pickle finds it."""

    name: str
    count: int = 0


@record(frozen=True)
class PickledPlain:
    """Module level, so pickle finds it."""

    name: str
    items: tuple[int, ...] = ()


def test_frozen_records_pickle_and_copy() -> None:
    for item in (PickledSlots("a", 2), PickledPlain("b", (1, 2))):
        assert pickle.loads(pickle.dumps(item)) == item
        assert dataclasses.replace(item) == item


def test_post_init_runs_after_the_fields_are_set() -> None:
    seen: list[tuple[str, int]] = []

    @record
    class Checked:
        name: str
        count: int = 1

        def __post_init__(self) -> None:
            seen.append((self.name, self.count))

    Checked("a")
    Checked("b", count=4)
    assert seen == [("a", 1), ("b", 4)]


def test_methods_the_class_defines_are_kept() -> None:
    @record(frozen=True)
    class Own:
        name: str

        def __repr__(self) -> str:
            return "mine"

        def __eq__(self, other: object) -> bool:
            return True

        def __hash__(self) -> int:
            return 7

    assert repr(Own("a")) == "mine"
    assert Own("a") == Own("b")
    assert hash(Own("a")) == 7


def test_a_subclass_that_is_no_record_keeps_the_fields_frozen() -> None:
    decorators: list[Any] = [dataclasses.dataclass, record]
    for decorate in decorators:

        class Body:
            name: str

        base: Any = decorate(frozen=True)(Body)

        class Child(base):  # type: ignore[misc]
            pass

        child: Any = Child("a")
        child.extra = 1  # a subclass's own attributes are its business, as with dataclass
        with pytest.raises(dataclasses.FrozenInstanceError):
            child.name = "b"


def test_what_record_does_not_take_is_refused_when_the_class_is_defined() -> None:
    @dataclasses.dataclass
    class Base:
        name: str

    with pytest.raises(TypeError, match="dataclass base"):

        @record
        class Child(Base):
            count: int = 0

    with pytest.raises(TypeError, match="keyword-only"):

        @record
        class KeywordOnly:
            name: str = field(kw_only=True)

    with pytest.raises(TypeError, match="InitVar"):

        @record
        class WithInitVar:
            name: dataclasses.InitVar[str]


PROBE = """
import sys
import typing
compiled = []
sys.addaudithook(lambda event, args: compiled.append(event) if event == "compile" else None)
import dataclasses
from ionqkit.records import record
before = len(compiled)
@record(frozen=True, slots=True)
class A:
    name: str
    count: int = 0
@record
class B:
    name: str
fast = len(compiled) - before
@dataclasses.dataclass(frozen=True)
class C:
    name: str
print(fast, len(compiled) - before - fast)
"""


def test_a_record_compiles_nothing_where_a_dataclass_compiles_its_methods() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    ours, theirs = map(int, out.split())
    assert ours == 0
    assert theirs >= 5  # __init__, __repr__, __eq__, __setattr__, __delattr__, __hash__


IMPORTS = """
import sys
import typing
from ionqkit.records import field, record, replace
@record(frozen=True, slots=True)
class A:
    name: str
    tags: list[str] = field(default_factory=list)
item = replace(A("a"), name="b")
assert (item.name, item.tags) == ("b", [])
print(" ".join(sorted(m for m in ("dataclasses", "inspect") if m in sys.modules)) or "-")
"""


def test_defining_and_using_a_record_imports_neither_dataclasses_nor_inspect() -> None:
    out = subprocess.run([sys.executable, "-c", IMPORTS], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["-"]


def test_records_own_field_and_replace_match_dataclasses() -> None:
    from ionqkit.records import field as own_field
    from ionqkit.records import replace as own_replace

    @record(frozen=True)
    class Own:
        name: str
        tags: list[str] = own_field(default_factory=list)
        hidden: int = own_field(default=1, repr=False, compare=False)
        later: int = own_field(init=False, default=0)

    item = Own("a", ["t"], 5)
    assert (
        repr(item)
        == "test_records_own_field_and_replace_match_dataclasses.<locals>.Own(name='a', tags=['t'], later=0)"
    )
    assert item == Own("a", ["t"], 6)
    assert own_replace(item, name="b") == Own("b", ["t"])
    assert own_replace(item, hidden=9).hidden == 9
    assert [f.name for f in dataclasses.fields(item)] == ["name", "tags", "hidden", "later"]
    assert dataclasses.replace(item, name="c").name == "c"
    with pytest.raises(ValueError, match="init=False"):
        own_replace(item, later=1)
    with pytest.raises(ValueError, match="init=False"):
        dataclasses.replace(item, later=1)
    plain = dataclasses.make_dataclass("Plain", [("x", int)])
    assert own_replace(plain(1), x=2) == plain(2)  # a dataclass is replaced by dataclasses.replace


def test_class_bodies_dataclass_refuses_are_refused_alike() -> None:
    for decorate in (dataclasses.dataclass, record):
        with pytest.raises(ValueError, match="mutable default"):

            @decorate
            class Mutable:
                items: list[int] = []  # noqa: RUF012

        with pytest.raises(TypeError, match="non-default argument 'count' follows default argument"):

            @decorate
            class Order:
                name: str = "a"
                count: int


def test_class_variables_are_not_fields() -> None:
    for decorate in (dataclasses.dataclass, record):

        @decorate
        class Counted:
            name: str
            made: ClassVar[int] = 0
            kinds: typing.ClassVar[tuple[str, ...]] = ("a",)

        counted: Any = Counted
        assert [f.name for f in dataclasses.fields(counted)] == ["name"]
        assert counted.made == 0 and counted("a").kinds == ("a",)


def test_the_class_signature_is_dataclasss_only_where_the_generated_init_runs() -> None:
    @record
    class Plain:
        x: int
        y: list[int] = field(default_factory=list)

    @record
    class OwnInit:
        x: int

        def __init__(self, s: str) -> None:
            self.x = len(s)

    class Sub(Plain):
        def __init__(self, q: int) -> None:
            super().__init__(q)

    @record
    class Invocable:
        x: int

        def __call__(self, k: int) -> int:
            return k

    assert str(inspect.signature(Plain)) == "(x: 'int', y: 'list[int]' = <factory>) -> None"
    assert str(inspect.signature(OwnInit)) == "(s: 'str') -> 'None'"
    assert str(inspect.signature(Sub)) == "(q: 'int') -> 'None'"
    assert str(inspect.signature(Invocable(1))) == "(k: 'int') -> 'int'"


def test_records_own_replace_is_the_one_copy_replace_calls() -> None:
    # copy.replace(item, ...) (Python 3.13+) calls item.__replace__(...), as dataclass's does.
    item = PickledPlain("a", (1,))
    assert item.__replace__(name="b") == PickledPlain("b", (1,))  # type: ignore[attr-defined]


HINTS = """
import dataclasses, typing
from ionqkit.validators import Diagnostic, LintConfig, lint
from ionqkit.validators.fixes import Fix, SetValue
for cls in (Diagnostic, LintConfig, Fix, SetValue):
    dataclasses.fields(cls)  # what serializers ask first
    typing.get_type_hints(cls)
import pydantic
job = b'{"type": "ionq.circuit.v1", "shots": "100", "input": {"qubits": 1, "circuit": []}}'
found = lint(job, fixes=True)
print(pydantic.TypeAdapter(list[Diagnostic]).dump_json(found).decode())
"""


def test_annotations_resolve_for_serializers_although_the_lint_path_imports_no_typing() -> None:
    out = subprocess.run([sys.executable, "-c", HINTS], capture_output=True, text=True, check=True).stdout
    (shots,) = (d for d in json.loads(out) if d["code"] == "IQ502")
    assert shots["fix"]["safety"] == "safe"
    assert shots["fix"]["changes"] == [{"pointer": "/shots", "value": 100}]
