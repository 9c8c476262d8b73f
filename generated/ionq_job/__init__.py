"""Generated package for IonQ Job. Do not edit: run `make generate`."""

from . import models

__all__ = ["models"]
