"""A hand-built intermediate model shaped like a slice of IonQ v0.4, and models.py for it.

It covers what the client templates branch on: pagination (with and without a path parameter),
a job-creating body, an operation without auth, array query parameters (exploded and not), a wire
name that is not an identifier (`1q_gates`), a required query parameter and a body-less response.
"""

from __future__ import annotations

from dataclasses import replace

from ionqkit.codegen.ir import (
    Api,
    Operation,
    Pagination,
    Parameter,
    RequestBody,
    Response,
    SchemaInfo,
    SecurityScheme,
    TypeInfo,
)

MODELS_SOURCE = """\
from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict


class JobStatus(Enum):
    submitted = "submitted"
    ready = "ready"
    started = "started"
    completed = "completed"
    failed = "failed"
    canceled = "canceled"


class Job(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    status: JobStatus
    failure: dict[str, Any] | None = None


class GetJobsResponse(BaseModel):
    jobs: list[Job]
    next: str | None = None


class JobCreationPayload(BaseModel):
    type: str
    backend: str
    shots: int | None = None
    input: dict[str, Any]


class JobCreationResponse(BaseModel):
    id: str
    status: JobStatus


class Backend(BaseModel):
    backend: str
    status: str


class GetJobEstimateResponse(BaseModel):
    estimated_cost_usd: float
"""

STR = TypeInfo("str")
JOB = TypeInfo("models.Job", model="Job")
JOBS_PAGE = TypeInfo("models.GetJobsResponse", model="GetJobsResponse")
ERRORS = (Response("429", "Too many requests", None, None), Response("503", "Unavailable", None, None))


def query(name: str, python_name: str, annotation: str = "str", **options: object) -> Parameter:
    is_array = annotation.startswith("list[")
    return replace(
        Parameter(name, python_name, "query", False, TypeInfo(annotation, is_array=is_array)),
        **options,  # type: ignore[arg-type]
    )


def path(name: str, python_name: str) -> Parameter:
    return Parameter(name, python_name, "path", True, STR)


def ok(status: str, type_info: TypeInfo | None, media_type: str | None = "application/json") -> Response:
    return Response(status, "Success", media_type, type_info)


def operation(
    operation_id: str,
    python_name: str,
    method: str,
    route: str,
    success: Response,
    *,
    parameters: tuple[Parameter, ...] = (),
    **options: object,
) -> Operation:
    op = Operation(
        operation_id=operation_id,
        python_name=python_name,
        method=method,  # type: ignore[arg-type]
        path=route,
        summary=None,
        description=None,
        tags=("jobs",),
        parameters=parameters,
        request_body=None,
        responses=(success, *ERRORS),
        success=success,
        auth_required=True,
        idempotent=method != "post",
        pointer=f"/paths/{route.replace('/', '~1')}/{method}",
    )
    return replace(op, **options)  # type: ignore[arg-type]


LIST_FILTERS = (
    query("ids", "ids", "list[str]"),
    query("status", "status", "models.JobStatus"),
    query("limit", "limit", "int"),
    query("next", "next"),
)
PAGES = Pagination(cursor_param="next", items_field="jobs", next_field="next", item_type=JOB)


def sample_api(**options: object) -> Api:
    operations = (
        operation(
            "GetJobs",
            "get_jobs",
            "get",
            "/jobs",
            ok("200", JOBS_PAGE),
            parameters=LIST_FILTERS,
            pagination=PAGES,
            summary="List jobs, newest first.",
        ),
        operation(
            "CreateJob",
            "create_job",
            "post",
            "/jobs",
            ok("201", TypeInfo("models.JobCreationResponse", model="JobCreationResponse")),
            request_body=RequestBody(
                True, "application/json", TypeInfo("models.JobCreationPayload", "JobCreationPayload")
            ),
        ),
        operation(
            "GetJob",
            "get_job",
            "get",
            "/jobs/{UUID}",
            ok("200", JOB),
            parameters=(path("UUID", "uuid"),),
            summary="Get one job.",
        ),
        operation(
            "DeleteJob",
            "delete_job",
            "delete",
            "/jobs/{UUID}",
            ok("204", None, None),
            parameters=(path("UUID", "uuid"),),
        ),
        operation(
            "GetSessionJobs",
            "get_session_jobs",
            "get",
            "/sessions/{session_id}/jobs",
            ok("200", JOBS_PAGE),
            parameters=(path("session_id", "session_id"), *LIST_FILTERS),
            pagination=PAGES,
        ),
        operation(
            "EstimateJobCost",
            "estimate_job_cost",
            "get",
            "/jobs/estimate",
            ok("200", TypeInfo("models.GetJobEstimateResponse", model="GetJobEstimateResponse")),
            parameters=(
                replace(query("backend", "backend"), required=True),
                query("1q_gates", "q1_gates", "int", default=0, has_default=True),
                query("targets", "targets", "list[str]", explode=False),
            ),
        ),
        operation(
            "getBackends",
            "get_backends",
            "get",
            "/backends",
            ok("200", TypeInfo("list[models.Backend]", is_array=True)),
            auth_required=False,
            description="All backends.\n\nNo key needed.",
        ),
    )
    api = Api(
        package="sample_v0_4",
        kind="openapi",
        title="IonQ sample API",
        version="v0.4",
        spec_name="sample.openapi.yaml",
        spec_sha256="0" * 64,
        servers=("https://api.ionq.co/v0.4",),
        security_schemes=(SecurityScheme("apiKeyAuth", "apiKey", "header", "Authorization", "apiKey "),),
        schemas=(SchemaInfo("Job", "Job", "/components/schemas/Job", "object"),),
        operations=operations,
    )
    return replace(api, **options)  # type: ignore[arg-type]
