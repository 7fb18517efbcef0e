"""Making a child model tenant-owned: existing rows take their parent's tenant."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from rathaus.events.models import Registration
from rathaus.tenants import scope
from rathaus.tenants.services import ensure


@pytest.mark.django_db(transaction=True)
def test_existing_registrations_take_their_events_tenant():
    hamburg = ensure("hamburg")
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    before = [node for node in leaves if node[0] != "events"]
    before.append(("events", "0008_event_tenant_eventregion_tenant"))
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    land = old.get_model("core", "Territory")._base_manager.get_or_create(
        key="02", defaults={"name": "Hamburg", "level": "land"}
    )[0]
    office = old.get_model("core", "Authority")._base_manager.create(
        name="Geschäftsstelle", slug="hh-office", territory=land, tenant_id=hamburg.pk
    )
    starts = timezone.now() + timedelta(days=3)
    event = old.get_model("events", "Event")._base_manager.create(
        slug="forum-hh", title="Forum", kind="forum", format="praesenz", summary="S",
        starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=10,
        organiser=office, retention_until=(starts + timedelta(days=90)).date(),
        tenant_id=hamburg.pk,
    )  # fmt: skip
    old.get_model("events", "Registration")._base_manager.create(
        event=event, status="confirmed", given_name="A", family_name="B", email="a@example.org"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    with scope.every_tenant():
        assert Registration.objects.get(email="a@example.org").tenant_id == hamburg.pk
