"""Generated package for IonQ Cloud Platform API v0.3. Do not edit: run `make generate`."""

from . import models

__all__ = ["models"]
