"""Who may call which case route: the matrix, enumerated from the URL conf.

Actors: citizen A (the applicant), citizen B, clerk of authority X (the case's), clerk of
authority Y, a service designer, a platform admin. Every route of ``rathaus.cases.urls``
is called by each; only clerk X and the admin are let through (2xx/3xx after the
action), the citizens get 403, clerk Y 404 (the case does not exist for her), the
designer 403. A new route in the URL conf is part of this test without editing it.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.authentication.testing import login_with_second_factor
from rathaus.cases import urls as case_urls
from rathaus.cases.models import Case
from rathaus.core.models import Authority, Territory
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.django_db


def staff_client(user) -> Client:
    client = Client()
    login_with_second_factor(client, user)
    return client


@pytest.fixture
def actors(citizen, catalogue, hessen):
    applicant = Client()
    applicant.login(email="erika@example.org", password=PASSWORD)
    submit_for(applicant)
    accounts.create_citizen("b@example.org", PASSWORD, given_names="B", family_name="B")
    other = Client()
    other.login(email="b@example.org", password=PASSWORD)
    kassel = Authority.objects.create(
        name="Kassel", slug="ks", territory=Territory.objects.get(key="06611000")
    )
    admin = User.objects.create_superuser("root@example.org", PASSWORD)

    def staff(email, authority, role):
        return staff_client(accounts.create_staff(email, PASSWORD, authority, role))

    return {
        "citizen A": (applicant, {403}),
        "citizen B": (other, {403}),
        "clerk X": (staff("x@example.org", catalogue, Role.CLERK), None),
        "clerk Y": (staff("y@example.org", kassel, Role.CLERK), {404}),
        "designer": (staff("d@example.org", catalogue, Role.DESIGNER), {403}),
        "admin": (staff_client(admin), None),
    }


def route_urls(case: Case) -> list[tuple[str, str, str]]:
    from django.core.files.base import ContentFile

    from rathaus.submissions.models import Attachment

    attachment = Attachment(submission=case.submission, field_id="x", original_name="a.pdf",
                            content_type="application/pdf", size=8, sha256="0" * 64)  # fmt: skip
    attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4"), save=False)
    attachment.save()
    kwargs = {"case_id": case.pk, "attachment_id": attachment.pk}
    found = []
    for pattern in case_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        needed = {name: kwargs[name] for name in pattern.pattern.regex.groupindex}
        url = reverse(f"cases:{pattern.name}", kwargs=needed)
        callback = pattern.callback
        post_only = getattr(callback, "__wrapped__", None) and "POST" in str(
            callback.__closure__ or ""
        )
        found.append((pattern.name, url, "post" if pattern.name in POST_ROUTES else "get"))
        del post_only
    return found


POST_ROUTES = {"act", "claim", "note", "assign"}


def test_every_case_route_is_in_the_matrix(actors):
    case = Case.objects.get()
    routes = route_urls(case)
    assert {name for name, _url, _method in routes} >= {
        "inbox",
        "detail",
        "act",
        "claim",
        "note",
        "attachment",
        "statistics",
        "assign",
    }
    for actor, (client, refused) in actors.items():
        for name, url, method in routes:
            response = getattr(client, method)(
                url, {"version": case.version, "text": "x", "cases": [case.pk]}
            )
            if refused is None:
                if name == "act":  # an incomplete step: the case page again, with the reason
                    assert response.status_code == 400, (actor, name)
                    assert case.submission.reference in response.content.decode()
                else:
                    assert response.status_code < 400, (actor, name, response.status_code)
            elif name in {"inbox", "statistics", "assign"} and refused == {404}:
                assert response.status_code < 400, (actor, name)  # her own (empty) inbox
                assert case.submission.reference not in response.content.decode()
            else:
                assert response.status_code in refused, (actor, name, response.status_code)
    case.refresh_from_db()
    assert case.assignee is None or case.assignee.email in {"x@example.org", "root@example.org"}


def test_every_specialist_system_route_is_scoped_to_its_token(actors, catalogue):
    """API routes from the OpenAPI document: token X reaches the case, token Y and every
    session actor (no token) do not."""
    from rathaus.api.urls import api
    from rathaus.cases.tokens import create_token

    case = Case.objects.get()
    kassel = Authority.objects.get(slug="ks")
    _x, token_x = create_token(catalogue, "X")
    _y, token_y = create_token(kassel, "Y")
    reference = case.submission.reference
    routes = [
        (path.replace("{reference}", reference), method)
        for path, operations in api.get_openapi_schema()["paths"].items()
        if path.startswith("/api/v1/fachverfahren/")
        for method in operations
    ]
    assert len(routes) >= 4
    body = {"transition": "bearbeiten", "version": case.version}
    for url, method in routes:

        def call(client):
            if method == "post":
                return client.post(url, body, content_type="application/json")
            return client.get(url)

        if "{" not in url:
            allowed = call(Client(HTTP_AUTHORIZATION=f"Bearer {token_x}"))
            assert allowed.status_code == 200, (url, allowed.status_code)
        other = call(Client(HTTP_AUTHORIZATION=f"Bearer {token_y}"))
        assert other.status_code == 404 or reference not in other.content.decode(), url
        for name, (session, _refused) in actors.items():
            assert call(session).status_code == 401, (name, url)


def test_no_api_route_shows_the_case_to_anyone_else(actors, catalogue):
    """Every API route (OpenAPI), every actor and both tokens: the applicant's reference
    and answers appear only for citizen A (her own submissions) and token X (her case)."""
    from rathaus.api.urls import api
    from rathaus.cases.tokens import create_token

    case = Case.objects.get()
    reference = case.submission.reference
    _x, token_x = create_token(catalogue, "X")
    _y, token_y = create_token(Authority.objects.get(slug="ks"), "Y")
    callers = {name: client for name, (client, _refused) in actors.items()}
    callers["token X"] = Client(HTTP_AUTHORIZATION=f"Bearer {token_x}")
    callers["token Y"] = Client(HTTP_AUTHORIZATION=f"Bearer {token_y}")
    values = {"{slug}": "eheurkunde", "{number}": "1", "{reference}": reference}
    seen = set()
    for path, operations in api.get_openapi_schema()["paths"].items():
        url = path
        for placeholder, value in values.items():
            url = url.replace(placeholder, value)
        mine = path.startswith("/api/v1/me/")
        theirs = path.startswith("/api/v1/fachverfahren/")
        for name, client in callers.items():
            for method in operations:
                if method == "post":
                    response = client.post(url, {}, content_type="application/json")
                else:
                    response = client.get(url, {"gemeinde": "06411000"})
                shown = reference in response.content.decode()
                allowed = (mine and name == "citizen A") or (theirs and name == "token X")
                assert not shown or allowed, (name, method, path)
                if shown:
                    seen.add(name)
    assert seen == {"citizen A", "token X"}  # the allowed ones really do see it
