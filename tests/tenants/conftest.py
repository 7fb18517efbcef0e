"""The isolation matrix's world (``world.py``), built once per test module that asks for
it. Two tenants with one authority each (``hamburg_tenant``, ``two_authorities``) are
fixtures of the whole suite (``tests/conftest.py``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from unittest import mock

import pytest
from django.db import connection, transaction

from tests.tenants.world import World
from tests.tenants.world_build import build

# --- The world, built once for the module ----------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """Both tenants, built once inside a transaction that is rolled back after the module
    (each test runs in a savepoint of it, as ``TestCase.setUpTestData`` does). pytest-django
    ends each test like a ``TestCase`` class, closing the connection, which on PostgreSQL
    would end this transaction: the connection stays open until the module is done."""
    outer = transaction.atomic()
    keep_open = mock.patch.object(connection, "close", lambda: None)
    keep_open.start()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            built = build(tmp_path_factory.mktemp("matrix-media"))
        except BaseException:
            outer.__exit__(*sys.exc_info())
            keep_open.stop()
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        keep_open.stop()


@pytest.fixture
def hamburg_media(world, settings) -> World:
    """The world, with its stored files where the storage looks for them."""
    settings.MEDIA_ROOT = world.media_root
    return world
