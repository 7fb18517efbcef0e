"""Error responses of the REST API: every error body is a JSON object with ``detail``.

The schemas (``Error``, ``ValidationError``) are in ``rathaus.core.apierrors``, so that
every app's router can declare them (no app imports rathaus.api, the top layer).

- 400, 401, 404: ``Error`` (``{"detail": "Not Found"}``), from django-ninja's handlers.
- 422 for a request that does not match the operation's parameters or body:
  ``ValidationError``, which adds ``errors`` (one entry per invalid value). django-ninja's
  own body (``{"detail": [...]}``) is replaced by ``install`` so that ``detail`` is a string
  in every error body. A NUL character in any parameter or body value is such an invalid
  value: PostgreSQL cannot store or compare text with one (it would be a server error).
- Operations with their own errors extend ``Error`` (the case transitions' 409 and 422).

Each operation declares the status codes it can return in its ``response`` mapping, so
the OpenAPI document lists them (tests/api/test_openapi_conformance.py keeps that true).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial, wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError as RequestInvalid
from pydantic import BaseModel

INVALID_REQUEST = "Invalid request."
NUL = "\x00"
Location = tuple[str | int, ...]


def _invalid_request(request: HttpRequest, exc: RequestInvalid, api: NinjaAPI) -> HttpResponse:
    errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors]
    return api.create_response(request, {"detail": INVALID_REQUEST, "errors": errors}, status=422)


def _nul_locations(value: Any, loc: Location) -> Iterator[Location]:
    """Where ``value`` (a parameter, a body schema and what it holds) has a NUL character."""
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, str) and NUL in value:
        yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _nul_locations(key, (*loc, str(key)))
            yield from _nul_locations(item, (*loc, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _nul_locations(item, (*loc, index))


def _source(request: HttpRequest, name: str, value: Any) -> str:
    match = request.resolver_match
    if match is not None and name in match.kwargs:
        return "path"
    return "body" if isinstance(value, BaseModel) else "query"


def refuse_nul(view: Callable[..., Any]) -> Callable[..., Any]:
    """A validated request whose values contain a NUL character is invalid (422)."""

    @wraps(view)
    def checked(request: HttpRequest, **values: Any) -> Any:
        errors = [
            {"loc": list(loc), "msg": "NUL characters are not allowed", "type": "nul_character"}
            for name, value in values.items()
            for loc in _nul_locations(value, (_source(request, name, value), name))
        ]
        if errors:
            raise RequestInvalid(errors)
        return view(request, **values)

    return checked


def install(api: NinjaAPI) -> None:
    """Answer invalid requests (NUL characters included) with a ``ValidationError``."""
    api.add_exception_handler(RequestInvalid, partial(_invalid_request, api=api))
    api.add_decorator(refuse_nul)
