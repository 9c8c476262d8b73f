"""The client emitter: rendered clients are valid, typed, deterministic, inert and they work."""

from __future__ import annotations

import ast
import asyncio
import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ionqkit.codegen.emit_clients import docstring, pyrepr, render_clients
from ionqkit.codegen.format import format_tree
from ionqkit.codegen.ir import Api, Parameter, TypeInfo
from ionqkit.errors import InputError, SpecError
from tests.runtime.faultserver import FaultServer, Reply

from .client_fixture import MODELS_SOURCE, operation, path, query, sample_api

REPO = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
CIRCUIT = {"qubits": 1, "gateset": "qis", "circuit": [{"gate": "h", "target": 0}]}


def write_package(root: Path, api: Api, template_dirs: tuple[Path, ...] = ()) -> Path:
    package = root / api.package
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "models.py").write_text(MODELS_SOURCE, encoding="utf-8")
    for name, text in render_clients(api, template_dirs).items():
        (package / name).write_text(text, encoding="utf-8")
    format_tree(package)  # what the generate pipeline does to every generated file
    return package


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("clients")
    write_package(root, sample_api())
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module("sample_v0_4.client")
    finally:
        sys.path.remove(str(root))
        for name in [name for name in sys.modules if name.startswith("sample_v0_4")]:
            del sys.modules[name]


def run_tool(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_rendered_client_passes_the_project_ruff_rules_and_mypy_strict(sample: ModuleType) -> None:
    package = Path(str(sample.__file__)).parent
    lint = run_tool("ruff", "check", "--config", str(REPO / "pyproject.toml"), str(package), cwd=REPO)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = run_tool(
        "ruff", "format", "--check", "--config", str(REPO / "pyproject.toml"), str(package), cwd=REPO
    )
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    types = run_tool(
        "mypy", "--strict", "--config-file", str(REPO / "pyproject.toml"), "--cache-dir",
        str(package.parent / ".mypy_cache"), str(package), cwd=REPO,
    )  # fmt: skip
    assert types.returncode == 0, types.stdout + types.stderr


def test_rendering_is_deterministic() -> None:
    assert render_clients(sample_api()) == render_clients(sample_api())


def test_one_method_per_operation_on_both_clients_plus_helpers(sample: ModuleType) -> None:
    expected = {op.python_name for op in sample_api().operations}
    expected |= {"iter_jobs", "iter_session_jobs", "wait_for_job"}
    for cls, coroutine in ((sample.Client, False), (sample.AsyncClient, True)):
        methods = {name for name in vars(cls) if not name.startswith("_") and callable(getattr(cls, name))}
        assert methods == expected
        assert asyncio.iscoroutinefunction(cls.get_job) is coroutine
    assert sample.Client.DEFAULT_BASE_URL == "https://api.ionq.co/v0.4"


def test_generated_sync_client_end_to_end(sample: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    models = sys.modules["sample_v0_4.models"]
    monkeypatch.delenv("IONQ_API_KEY", raising=False)
    server = FaultServer()
    server.start()
    job = {"id": "j1", "status": "completed"}
    server.script("GET", "/backends", Reply(200, [{"backend": "qpu.aria-1", "status": "available"}]))
    server.script("GET", "/jobs/estimate", Reply(200, {"estimated_cost_usd": 1.5}))
    server.script("POST", "/jobs", Reply(201, {"id": "j1", "status": "ready"}))
    server.script("GET", "/jobs/j1", Reply(200, {"id": "j1", "status": "started"}), Reply(200, job))
    server.script("DELETE", "/jobs/j1", Reply(204, b""))
    server.script(
        "GET", "/sessions/s1/jobs",
        Reply(200, {"jobs": [job], "next": "n2"}), Reply(200, {"jobs": [job, job], "next": None}),
    )  # fmt: skip
    try:
        with sample.Client(base_url=server.url) as anonymous:
            backends = anonymous.get_backends()
        with sample.Client("secret", base_url=server.url, retry=sample_retry()) as client:
            estimate = client.estimate_job_cost(backend="qpu.aria-1", q1_gates=3, targets=["a", "b"])
            # Validation is on (the default): ionqkit's linter accepts this payload.
            created = client.create_job(
                body=models.JobCreationPayload(type="ionq.circuit.v1", backend="simulator", input=CIRCUIT)
            )
            done = client.wait_for_job(created.id)
            assert client.delete_job("j1") is None
            listed = list(client.iter_session_jobs("s1", status=models.JobStatus.completed, limit=2))
    finally:
        server.stop()
    assert backends[0].backend == "qpu.aria-1"
    assert estimate.estimated_cost_usd == 1.5
    assert done.status == models.JobStatus.completed
    assert len(listed) == 3
    sent = server.requests
    assert "Authorization" not in sent[0].headers
    assert sent[1].query == {"backend": ["qpu.aria-1"], "1q_gates": ["3"], "targets": ["a,b"]}
    assert sent[1].headers["Authorization"] == "apiKey secret"
    assert json.loads(sent[2].body) == {
        "type": "ionq.circuit.v1",
        "backend": "simulator",
        "input": CIRCUIT,
    }
    session_pages = [request for request in sent if request.path == "/sessions/s1/jobs"]
    assert [request.query for request in session_pages] == [
        {"status": ["completed"], "limit": ["2"]},
        {"status": ["completed"], "limit": ["2"], "next": ["n2"]},
    ]


def sample_retry() -> Any:
    from ionqkit.runtime import RetryPolicy

    return RetryPolicy(sleep=lambda seconds: None)


def test_generated_async_client_iterates_pages(sample: ModuleType) -> None:
    server = FaultServer()
    server.start()
    server.script(
        "GET", "/jobs",
        Reply(200, {"jobs": [{"id": "a", "status": "ready"}], "next": "2"}),
        Reply(200, {"jobs": [{"id": "b", "status": "ready"}]}),
    )  # fmt: skip

    async def collect() -> list[str]:
        async with sample.AsyncClient("k", base_url=server.url) as client:
            return [job.id async for job in client.iter_jobs(ids=["a", "b"])]

    try:
        assert asyncio.run(collect()) == ["a", "b"]
    finally:
        server.stop()
    assert server.requests[0].query == {"ids": ["a", "b"]}


HOSTILE = [
    '"""',
    "'''",
    "back\\slash \\n \\x00",
    "line one\nline two\r\n",
    "{{ 7*7 }} {% if true %}x{% endif %} {# c #}",
    "'); __import__('os').system('touch PWNED') #",
    "ünïcödé \u202e \u2028 rtl",
]


def hostile_api() -> Api:
    text = " | ".join(HOSTILE)
    weird = "id'\"%x\\ é"
    param = Parameter(weird, "weird", "path", True, TypeInfo("str"))
    op = operation(
        "GetThing",
        "get_thing",
        "get",
        "/things/{" + weird + "}/" + text.replace("{", "(").replace("}", ")"),
        sample_api().operations[2].success,  # type: ignore[arg-type]
        parameters=(param, query(text, "q")),
        summary=text,
        description=text,
    )
    return replace(sample_api(), title=text, version=text, spec_name=text, servers=(text,), operations=(op,))


def test_hostile_spec_strings_are_rendered_only_as_inert_literals(tmp_path: Path) -> None:
    api = hostile_api()
    source = render_clients(api)["client.py"]
    tree = ast.parse(source)
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module is not None
    }
    assert imported <= {"__future__", "collections.abc", "ionqkit.runtime", "ionqkit.runtime.polling"}
    assert not [node for node in ast.walk(tree) if isinstance(node, ast.Import)]
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert "__import__" not in calls
    # Every wire string survives exactly, as data.
    literals = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)}
    op = api.operations[0]
    assert {op.path, op.parameters[0].name, op.parameters[1].name, api.servers[0]} <= literals
    write_package(tmp_path, api)
    compile((tmp_path / api.package / "client.py").read_bytes(), "client.py", "exec")


def test_filters_refuse_what_they_cannot_render_safely() -> None:
    assert pyrepr('a"b\n') == repr('a"b\n')
    with pytest.raises(TypeError):
        pyrepr(["not", "a", "string"])
    text = 'ends with a quote" and \\ and """ and \x07'
    assert ast.literal_eval(docstring(text)) == text
    assert ast.literal_eval(docstring("one\n\ntwo", indent=8)).split() == ["one", "two"]


def test_method_names_the_client_reserves_are_a_located_error() -> None:
    api = sample_api()
    clash = replace(api.operations[0], python_name="close", pagination=None)
    with pytest.raises(SpecError, match="reserves") as caught:
        render_clients(replace(api, operations=(clash,)))
    assert caught.value.pointer == "/paths/~1jobs/get"


def test_a_user_template_overrides_the_built_in_one_by_file_name(tmp_path: Path) -> None:
    (tmp_path / "client.py.jinja").write_text(
        '{% import "_client_macros.jinja" as m %}'
        "# {{ api.package }}: {{ operations | length }} operations\n"
        "{% for item in operations %}{{ item.op.python_name }} = {{ item.op.path | pyrepr }}\n{% endfor %}",
        encoding="utf-8",
    )
    (tmp_path / "extra.py.jinja").write_text("VERSION = {{ api.version | pyrepr }}\n", encoding="utf-8")
    files = render_clients(sample_api(), [tmp_path])
    assert sorted(files) == ["__init__.py", "client.py", "extra.py"]
    assert files["client.py"].splitlines()[:3] == [
        "# sample_v0_4: 7 operations",
        "get_jobs = '/jobs'",
        "create_job = '/jobs'",
    ]
    assert files["extra.py"] == "VERSION = 'v0.4'\n"


def test_template_errors_name_the_template(tmp_path: Path) -> None:
    (tmp_path / "client.py.jinja").write_text("ok\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        render_clients(sample_api(), [tmp_path])
    assert caught.value.line == 2
    assert "client.py.jinja" in str(caught.value)
    (tmp_path / "client.py.jinja").write_text("{{ no_such_variable }}\n", encoding="utf-8")
    with pytest.raises(InputError, match="no_such_variable"):
        render_clients(sample_api(), [tmp_path])
    with pytest.raises(InputError, match="does not exist"):
        render_clients(sample_api(), [tmp_path / "missing"])


def test_snapshot_of_one_rendered_operation() -> None:
    """Pins the exact output for GET /jobs/{UUID}; refresh with IONQKIT_UPDATE_SNAPSHOTS=1."""
    import os

    api = sample_api()
    single = replace(api, operations=(api.operations[2],))
    rendered = render_clients(single)["client.py"]
    snapshot = SNAPSHOTS / "client_get_job.py.txt"
    if os.environ.get("IONQKIT_UPDATE_SNAPSHOTS") == "1":
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(rendered, encoding="utf-8")
    assert rendered == snapshot.read_text(encoding="utf-8")


def test_required_query_parameters_and_bodies_are_keyword_only(sample: ModuleType) -> None:
    import inspect

    estimate = inspect.signature(sample.Client.estimate_job_cost).parameters
    assert estimate["backend"].kind is inspect.Parameter.KEYWORD_ONLY
    assert estimate["backend"].default is inspect.Parameter.empty
    assert estimate["q1_gates"].default is None
    create = inspect.signature(sample.Client.create_job).parameters
    assert create["body"].kind is inspect.Parameter.KEYWORD_ONLY
    get_job = inspect.signature(sample.Client.get_job).parameters
    # `/jobs/{UUID}`: the generic wire name is named after its collection, as wait_for_job names it.
    assert get_job["job_id"].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD


def test_path_placeholders_must_match_declared_path_parameters() -> None:
    api = sample_api()
    broken = replace(api.operations[2], parameters=(path("id", "id"),))
    with pytest.raises(SpecError, match=r"placeholders \['UUID'\] but declares path parameters \['id'\]"):
        render_clients(replace(api, operations=(broken,)))
