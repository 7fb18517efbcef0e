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
