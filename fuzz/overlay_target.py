"""Fuzz Overlay application (`generate --overlay`): a mutated overlay applied to the v0.4 spec.

Bad overlays must be IonqkitErrors, and every overlay, however it amplifies (an update copied into
thousands of matches, filters that re-query the whole document), stays within the overlay's work
budget (ionqkit.spec.overlay.MAX_WORK) or is refused."""

from __future__ import annotations

from functools import cache

from ionqkit.errors import IonqkitError
from ionqkit.spec.loader import Document, load_bytes, load_path
from ionqkit.spec.overlay import apply_overlay

from . import engine, seeds


@cache
def base() -> Document:
    return load_path(seeds.SPECS / "ionq-v0.4.openapi.yaml")


def one_input(data: bytes) -> None:
    try:
        apply_overlay(base(), load_bytes(data, name="fuzzed.overlay.yaml"))
    except IonqkitError:
        return


def main(argv: list[str]) -> int:
    """`python fuzz overlay_target [--runs N] ...`: this target alone, in this process."""
    return engine.main("overlay_target", one_input, seeds.overlay_seeds, argv)
