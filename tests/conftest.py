"""Shared fixtures for the whole suite."""

import pytest

pytest_plugins = ["tests.service_fixtures"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _reset_language():
    """A request to /en/ activates English in the test thread; never leak it to the next test."""
    from django.utils import translation

    yield
    translation.activate("de")


@pytest.fixture
def hessen(db):
    """Hessen's territory from the shipped extract, inside the test's transaction."""
    from rathaus.core import importers

    importers.import_shipped_extract()


@pytest.fixture
def hamburg(db):
    """Hamburg's territory from the shipped extract, inside the test's transaction."""
    from rathaus.core import importers

    return importers.import_shipped_extract(land_keys=["02"])


@pytest.fixture
def schleswig_holstein(db):
    """Schleswig-Holstein's territory from the shipped extract, inside the test's transaction."""
    from rathaus.core import importers

    return importers.import_shipped_extract(land_keys=["01"])


def _database_fixture(request) -> str | None:
    """Which database fixture the test uses, if any (marker or fixture names)."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if "live_server" in names or "transactional_db" in names:
        return "transactional_db"
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return "transactional_db"
    if marker is not None or "db" in names:
        return "db"
    return None


@pytest.fixture(autouse=True)
def _tenant_scope(request):
    """Tests with a database run in the default tenant's scope (as a request to the
    default host would), unless they say otherwise with ``tenants.scope``."""
    database = _database_fixture(request)
    if database is None:
        yield None
        return
    request.getfixturevalue(database)
    from django.conf import settings

    from rathaus.tenants import scope, services

    services.clear_cache()
    tenant = services.ensure(settings.RATHAUS_TENANT)
    with scope.activate(tenant):
        yield tenant
    services.clear_cache()


@pytest.fixture
def hamburg_tenant(db):
    from rathaus.tenants import services

    return services.ensure("hamburg")


@pytest.fixture
def two_authorities(db, hamburg_tenant):
    """(Hessian authority, Hamburg authority), each made in its own tenant's scope."""
    from rathaus.core.models import Authority, Territory
    from rathaus.tenants import scope

    land_he = Territory.objects.create(key="06", level=Territory.Level.LAND, name="Hessen")
    land_hh = Territory.objects.create(key="02", level=Territory.Level.LAND, name="Hamburg")
    hessian = Authority.objects.create(name="Hessisches Amt", slug="he-amt", territory=land_he)
    with scope.activate(hamburg_tenant):
        hamburgian = Authority.objects.create(
            name="Hamburger Amt", slug="hh-amt", territory=land_hh
        )
    return hessian, hamburgian
