"""The hand-written runtime that generated IonQ clients import.

Generated client modules contain only what differs per spec (operations, types, the default base
URL); transport, auth, retries, pagination, polling and error mapping are here, tested once.
TypeAdapter is re-exported so that generated modules import only from ionqkit, which keeps their
import block sorted the same whether or not a linter counts ionqkit as first-party.
"""

from pydantic import TypeAdapter

from .auth import ApiKeyAuth, Secret
from .errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    DeadlineExceededError,
    IonQAPIError,
    JobCanceledError,
    JobError,
    JobFailedError,
    MissingAPIKeyError,
    NotFoundError,
    PayloadValidationError,
    PermissionDeniedError,
    RateLimitError,
    ResponseDecodeError,
    ResponseTooLargeError,
    ServerError,
    WaitTimeoutError,
)
from .retry import RetryPolicy
from .transport import AsyncAPIClient, Endpoint, Param, SyncAPIClient

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "ApiKeyAuth",
    "AsyncAPIClient",
    "AuthenticationError",
    "BadRequestError",
    "DeadlineExceededError",
    "Endpoint",
    "IonQAPIError",
    "JobCanceledError",
    "JobError",
    "JobFailedError",
    "MissingAPIKeyError",
    "NotFoundError",
    "Param",
    "PayloadValidationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "Secret",
    "ServerError",
    "SyncAPIClient",
    "TypeAdapter",
    "WaitTimeoutError",
]
