"""IQ601-IQ605: metadata keys and values."""

from __future__ import annotations

from ionqkit.spec.pointers import escape_pointer_token
from ionqkit.validators.context import Context, JobView, json_type, show
from ionqkit.validators.registry import IQ103, IQ601, IQ602, IQ603, IQ604, IQ605


def check(view: JobView, ctx: Context) -> None:
    metadata = view.data.get("metadata")
    if "metadata" not in view.data:
        return
    if not isinstance(metadata, dict):
        ctx.emit(
            IQ103, "/metadata", f"metadata must be an object, not {json_type(metadata)} {show(metadata)}"
        )
        return
    max_keys = int(ctx.limit("metadata_max_keys"))
    if len(metadata) > max_keys:
        ctx.emit(IQ602, "/metadata", f"metadata has {len(metadata)} keys; at most {max_keys}")
    key_limit = int(ctx.limit("metadata_max_key_length"))
    value_limit = int(ctx.limit("metadata_max_value_length"))
    warn_limit = int(ctx.limit("metadata_warn_value_length"))
    for key, value in metadata.items():
        here = f"/metadata/{escape_pointer_token(key)}"
        if len(key) > key_limit:
            ctx.emit(IQ603, here, f"metadata key {show(key)} has {len(key)} characters; at most {key_limit}")
        if not isinstance(value, str):
            ctx.emit(
                IQ601,
                here,
                f"metadata value {show(value)} is {json_type(value)}, not a string",
                f"write it as a string: {show(str(value) if value is not None else '')}",
            )
        elif len(value) > value_limit:
            ctx.emit(IQ604, here, f"metadata value has {len(value):,} characters; at most {value_limit:,}")
        elif len(value) > warn_limit:
            ctx.emit(
                IQ605,
                here,
                f"metadata value has {len(value):,} characters; the v0.3 docs' example "
                f"says at most {warn_limit} while their note allows {value_limit:,}",
            )
