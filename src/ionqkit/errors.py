"""The one error type every ionqkit entry point raises for bad input.

Each error names the file, the place in it (line:column, 1-based, and/or a JSON pointer) and the
cause, so that the CLI can print one line and exit 2 instead of showing a traceback.
"""

from __future__ import annotations

from ionqkit.escape import printable


class IonqkitError(Exception):
    """Bad input: a file, a place in it, and what is wrong there."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        pointer: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer

    def __reduce__(self) -> tuple[object, ...]:
        # Keep file/line/column/pointer when an error crosses a process boundary (parallel generation).
        return (_rebuild, (type(self), self.message, self.file, self.line, self.column, self.pointer))

    def where(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        # One line whatever the input holds: a file name or key cannot end it or forge another.
        at = f" (at {self.pointer})" if self.pointer else ""
        return printable(f"{self.where()}: {self.message}{at}")


class InputError(IonqkitError):
    """A file could not be read or parsed (I/O, encoding, syntax, duplicate keys, limits)."""


class SpecError(IonqkitError):
    """A spec was parsed but is not usable: invalid OpenAPI/JSON Schema, broken or circular $ref."""


def _rebuild(
    cls: type[IonqkitError],
    message: str,
    *where: str | int | None,
) -> IonqkitError:
    file, line, column, pointer = where
    return cls(
        message,
        file=None if file is None else str(file),
        line=None if line is None else int(line),
        column=None if column is None else int(column),
        pointer=None if pointer is None else str(pointer),
    )
