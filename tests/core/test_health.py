"""/healthz answers 200 when the database is reachable and every migration is applied,
and 503 (with the reason) when migrations are missing or the database is unreachable."""

from unittest import mock

import pytest
from django.db import DatabaseError
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "applied"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_unapplied_migrations_give_503(client):
    fake_plan = [(mock.Mock(), False)]
    with mock.patch.object(MigrationExecutor, "migration_plan", return_value=fake_plan):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["migrations"] == "1 unapplied"


def test_unreachable_database_gives_503(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_only_safe_methods(client):
    assert client.post("/healthz").status_code == 405


def test_500_page_falls_back_to_plain_html(rf):
    from rathaus.core.views import pages as views

    with mock.patch.object(views, "render", side_effect=RuntimeError("template broken")):
        response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Technischer Fehler" in response.content
