"""Generated package for IonQ Cloud Platform API v0.4. Do not edit: run `make generate`."""

from . import models
from .client import AsyncClient, Client

__all__ = ["AsyncClient", "Client", "models"]
