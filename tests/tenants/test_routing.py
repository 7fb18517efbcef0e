"""Requests reach their tenant by host name, else by path prefix, else the default; a
prefix naming another tenant than the host's, and a forged host, are refused."""

import contextvars
import logging

import pytest
from django.test import override_settings

from rathaus.tenants import services
from rathaus.tenants.routing import Route, route

SLUGS = frozenset({"hessen", "hamburg", "schleswig-holstein"})


@pytest.mark.parametrize(
    ("host", "path", "expected"),
    [
        ("hamburg.localhost", "/", Route("hamburg", "")),
        ("HAMBURG.localhost:8000", "/leistungen/", Route("hamburg", "")),
        ("sh.localhost", "/", Route("schleswig-holstein", "")),
        ("hamburg.localhost", "/hamburg/kontakt/", Route("hamburg", "/hamburg")),
        ("hessen.localhost", "/hamburg/kontakt/", Route("hessen", "", refused="hamburg")),
        ("127.0.0.1:8000", "/", Route("hessen", "")),
        ("127.0.0.1:8000", "/hamburg/", Route("hamburg", "/hamburg")),
        ("127.0.0.1:8000", "/hamburg", Route("hamburg", "/hamburg")),
        ("127.0.0.1:8000", "/hamburger/", Route("hessen", "")),
        ("127.0.0.1:8000", "/en/hamburg/", Route("hessen", "")),
    ],
)
def test_route(host, path, expected):
    assert route(host, path, SLUGS) == expected


@override_settings(RATHAUS_TENANT_HOSTS={"portal.hamburg.example": "hamburg"})
def test_any_host_name_by_one_setting():
    assert route("portal.hamburg.example", "/", SLUGS).slug == "hamburg"
    assert route("hamburg.localhost", "/", SLUGS).slug == "hessen"  # no longer mapped


@pytest.fixture
def three(db):
    return [services.ensure(slug) for slug in sorted(SLUGS)]


def page(client, path="/", host="testserver"):
    response = client.get(path, HTTP_HOST=host)
    return response, response.content.decode()


@pytest.mark.parametrize(
    ("host", "portal"),
    [
        ("hessen.localhost", "Rathaus Hessen"),
        ("hamburg.localhost", "Rathaus Hamburg"),
        ("sh.localhost", "Rathaus Schleswig-Holstein"),
        ("testserver", "Rathaus Hessen"),
    ],
)
def test_each_host_serves_its_tenant(client, three, host, portal):
    response, html = page(client, host=host)
    assert response.status_code == 200
    assert portal in html
    assert response.wsgi_request.tenant.portal_name == portal


def test_a_path_prefix_serves_a_tenant_and_keeps_the_prefix_in_links(client, three):
    response, html = page(client, "/hamburg/kontakt/")
    assert response.status_code == 200 and "Rathaus Hamburg" in html
    assert 'href="/hamburg/"' in html and 'href="/hamburg/kontakt/"' in html
    english, html = page(client, "/hamburg/en/kontakt/")
    assert english.status_code == 200 and 'lang="en"' in html
    assert "Rathaus Hamburg" in html


def test_a_prefix_for_another_tenant_than_the_host_is_refused(client, three, caplog):
    with caplog.at_level(logging.WARNING, logger="rathaus.tenants"):
        response, html = page(client, "/hamburg/kontakt/", host="hessen.localhost")
    assert response.status_code == 404
    assert "Diese Adresse gehört zu einem anderen Land" in html
    assert "http://hamburg.localhost/" in html  # where the page lives
    assert "Rathaus Hessen" in html
    assert any("another tenant" in record.getMessage() for record in caplog.records)
    assert "sessionid" not in response.cookies


def test_a_forged_host_is_refused_with_the_error_page(client, three):
    response, html = page(client, host="evil.example")
    assert response.status_code == 400
    assert "Ungültige Anfrage" in html


def test_health_check_needs_no_tenant(client, db):
    response = contextvars.Context().run(client.get, "/healthz")
    assert response.status_code == 200
    assert not hasattr(response.wsgi_request, "tenant")


def test_an_inactive_tenant_does_not_answer(client, three):
    hamburg = next(tenant for tenant in three if tenant.slug == "hamburg")
    hamburg.active = False
    hamburg.save()
    services.clear_cache()
    response, html = page(client, host="hamburg.localhost")
    assert response.status_code == 404 and "Seite nicht gefunden" in html  # not a bare text
    response, html = page(client, "/hamburg/")
    assert "Rathaus Hessen" in html  # not a tenant's prefix any more: Hessen's 404
    assert response.status_code == 404
