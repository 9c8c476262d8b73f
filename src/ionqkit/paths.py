"""Where ionqkit's packaged data lives (works from a source checkout and from a wheel)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SPECS_DIR = PACKAGE_DIR / "specs"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
GENERATED_DIR = PACKAGE_DIR / "generated"
