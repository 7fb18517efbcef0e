"""The OpenAPI document declares every response the REST API gives (issue 13).

Requirement: schemathesis loads ``/api/v1/openapi.json`` from the application (in-process,
WSGI) and sends generated requests to every operation in it: valid and invalid parameters
and bodies, for existing objects and for unknown ones, with the credentials of the
authority and the applicant and without any. Every response has a status code the
operation declares, a declared content type and a body that matches the declared schema;
no request gives a server error (on SQLite and on PostgreSQL, which refuses NUL characters
in text). A view that starts to return an undeclared status (an undeclared 404, a 401
without credentials, a 422 for an invalid parameter) fails here. Each failure mode is also
requested once on purpose, so it is checked whatever the generated requests reach.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, BaseSchema, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rathaus.api.urls import api
from rathaus.cases.tokens import create_token
from rathaus.core.models import Authority, Territory
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.django_db

OPENAPI_URL = "/api/v1/openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
OPERATIONS = [
    f"{method.upper()} {path}"
    for path, operations in api.get_openapi_schema()["paths"].items()
    for method in operations
]
TRANSITION = "POST /api/v1/fachverfahren/cases/{reference}/transitions"
# Generated requests per operation and caller: enough to reach the statuses of an
# operation (the strategies below aim at each of them), few enough for a fast suite.
EXAMPLES = 25
# Requests that reach a real case: the first moves it on (200); the second is refused by
# the workflow while the case is new (422) and is a stale version once it moved (409).
TRANSITIONS = [
    {"transition": "bearbeiten", "version": 1},
    {"transition": "entscheiden", "version": 1, "outcome": "bewilligt", "reasons": "Passt."},
]


@dataclass(frozen=True)
class Caller:
    name: str
    headers: dict[str, str]
    cookies: dict[str, str]


@dataclass(frozen=True)
class World:
    reference: str
    signed_in: Caller
    other_authority: Caller


ANONYMOUS = Caller("anonymous", {}, {})


@contextmanager
def _keeping_connection() -> Iterator[None]:
    """Requests to Django's WSGI application keep the test's database connection: as in
    django.test.Client, the request signals must not close it (it holds the test's
    transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _operation(schema: BaseSchema, label: str) -> APIOperation:
    method, path = label.split(" ", 1)
    return schema[path][method]


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def world(catalogue, citizen) -> World:
    """A case of the Darmstadt registry office from Erika's application; the registry's
    API token with Erika's session, and the token of another authority."""
    applicant = Client()
    applicant.login(email="erika@example.org", password=PASSWORD)
    reference = submit_for(applicant)
    _record, token = create_token(catalogue, "Fachverfahren")
    kassel = Authority.objects.create(
        name="Kassel", slug="ks", territory=Territory.objects.get(key="06611000")
    )
    _other, other_token = create_token(kassel, "Fachverfahren Kassel")
    cookie = django_settings.SESSION_COOKIE_NAME
    session = {cookie: applicant.cookies[cookie].value}
    return World(
        reference,
        signed_in=Caller("signed in", _bearer(token), session),
        other_authority=Caller("other authority", _bearer(other_token), {}),
    )


def _existing(operation: APIOperation, reference: str) -> dict[str, Any]:
    """Parameters naming objects that exist, for the operation's path and query."""
    values = {"slug": "eheurkunde", "number": 1, "reference": reference}
    names = re.findall(r"{(\w+)}", operation.path)
    known: dict[str, Any] = {"path_parameters": {name: values[name] for name in names}}
    if operation.path.endswith("/responsibility"):
        known["query"] = {"gemeinde": "06411000"}
    return known


def _requests(operation: APIOperation, reference: str) -> st.SearchStrategy:
    """Generated requests: schema-valid and schema-invalid ones (unknown objects, wrong
    types, missing parameters or credentials), and valid ones for existing objects."""
    known = _existing(operation, reference)
    strategies = [
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.POSITIVE, **known),
    ]
    if operation.path_parameters or operation.query or operation.body:
        strategies.append(operation.as_strategy(GenerationMode.NEGATIVE))
    if operation.path.endswith("/transitions"):
        strategies += [
            operation.as_strategy(GenerationMode.POSITIVE, body=body, **known)
            for body in TRANSITIONS
        ]
    return st.one_of(strategies)


@pytest.mark.parametrize("label", OPERATIONS)
@pytest.mark.parametrize("signed_in", [True, False], ids=["signed-in", "anonymous"])
def test_every_response_is_declared(label, signed_in, world):
    caller = world.signed_in if signed_in else ANONYMOUS
    with _keeping_connection():
        schema = schemathesis.openapi.from_wsgi(OPENAPI_URL, WSGIHandler())
        operation = _operation(schema, label)

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        @given(case=_requests(operation, world.reference))
        def call(case):
            case.call_and_validate(headers=caller.headers, cookies=caller.cookies, checks=CHECKS)

        call()


def _failure_modes(world: World) -> list[tuple[str, Caller, dict[str, Any], int]]:
    """(operation, caller, request, status): each way an operation fails, in order."""
    ref, signed_in = world.reference, world.signed_in
    case_path = {"path_parameters": {"reference": ref}}
    return [
        ("GET /api/v1/catalog/services", ANONYMOUS, {"query": {"q": "Ehe\x00"}}, 422),
        ("GET /api/v1/catalog/services/{slug}", ANONYMOUS,
         {"path_parameters": {"slug": "nichts"}}, 404),
        ("GET /api/v1/catalog/services/{slug}/responsibility", ANONYMOUS,
         {"path_parameters": {"slug": "eheurkunde"}}, 422),
        ("GET /api/v1/definitions/{slug}/versions/{number}", ANONYMOUS,
         {"path_parameters": {"slug": "eheurkunde", "number": "eins"}}, 422),
        ("GET /api/v1/me/submissions", ANONYMOUS, {}, 401),
        ("GET /api/v1/me/submissions/{reference}", signed_in,
         {"path_parameters": {"reference": "HE-0000-000000"}}, 404),
        ("GET /api/v1/fachverfahren/cases", signed_in, {"query": {"limit": "viele"}}, 422),
        ("GET /api/v1/fachverfahren/cases/{reference}", world.other_authority, case_path, 404),
        ("POST /api/v1/fachverfahren/cases/{reference}/ack", ANONYMOUS, case_path, 401),
        (TRANSITION, signed_in, {**case_path, "body": {"version": 1}}, 422),
        (TRANSITION, signed_in, {**case_path, "body": TRANSITIONS[1]}, 422),
        (TRANSITION, signed_in, {**case_path, "body": TRANSITIONS[0]}, 200),
        (TRANSITION, signed_in, {**case_path, "body": TRANSITIONS[0]}, 409),
    ]  # fmt: skip


def test_each_failure_mode_is_declared(world):
    """No token, another authority's case, an unknown object, an invalid parameter or
    body, a refused transition, a stale version, a body that is not JSON: each status is
    declared for its operation, with the declared body."""
    with _keeping_connection():
        schema = schemathesis.openapi.from_wsgi(OPENAPI_URL, WSGIHandler())
        for label, caller, request, status in _failure_modes(world):
            case = _operation(schema, label).Case(**request)
            response = case.call_and_validate(
                headers=caller.headers, cookies=caller.cookies, checks=CHECKS
            )
            assert response.status_code == status, (label, request, response.text)
        transition = _operation(schema, TRANSITION).Case(
            path_parameters={"reference": world.reference}, media_type="application/json"
        )
        response = transition.call_and_validate(
            headers=world.signed_in.headers, data=b"{not json", checks=CHECKS
        )
        assert response.status_code == 400, response.text
