"""Retention (anonymised after the event's date, counts kept) and the GDPR export/erasure."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from rathaus.audit.models import AuditEntry
from rathaus.core import personal_data, retention
from rathaus.events.models import Registration
from rathaus.events.registration import register
from tests.accounts.factories import citizen
from tests.events.helpers import make_event, person, sign_up, workshop

pytestmark = pytest.mark.django_db


def test_purge_anonymises_after_the_retention_date_and_keeps_counts():
    old = make_event(slug="alt", capacity=1)
    session = workshop(old, "A", 13, 14)
    kept = make_event(slug="neu")
    first = sign_up(old, 1, workshops=[session.pk])
    sign_up(old, 2)
    sign_up(kept, 3)
    old.retention_until = timezone.localdate() - timedelta(days=1)
    old.save()
    assert retention.apply_retention()["events"] == 2
    rows = Registration.objects.filter(event=old).order_by("pk")
    assert [r.status for r in rows] == ["confirmed", "waiting"]
    for row in rows:
        assert row.anonymised and row.given_name == row.family_name == "" and row.answers == {}
        assert row.email.endswith("@anonymisiert.invalid") and row.user is None
    assert Registration.objects.get(pk=first.pk).workshops.count() == 1
    assert Registration.objects.get(event=kept).given_name == "Person3"
    assert retention.apply_retention()["events"] == 0
    assert AuditEntry.objects.filter(verb="events.registrations_anonymised").count() == 1


def test_anonymised_token_no_longer_opens_the_page(client):
    event = make_event()
    registration = sign_up(event, 1)
    event.retention_until = timezone.localdate()
    event.save()
    retention.apply_retention()
    assert client.get(f"/veranstaltungen/anmeldung/{registration.token}/").status_code == 404


def test_export_and_erase_for_a_signed_in_person():
    user = citizen()
    upcoming = make_event(slug="kommend")
    past = make_event(slug="vorbei", starts_at=timezone.now() - timedelta(days=3))
    mine = register(upcoming, person(1), user=user)
    Registration.objects.create(event=past, status="confirmed", given_name="Erika",
                                family_name="M", email="erika@example.org", user=user)  # fmt: skip
    sign_up(upcoming, 2)  # someone else, without an account
    archive = zipfile.ZipFile(io.BytesIO(personal_data.export_zip(user)))
    rows = json.loads(archive.read("veranstaltungen.json"))
    assert sorted(r["event"]["slug"] for r in rows) == ["kommend", "vorbei"]
    assert personal_data.erase(user)["events"] == 2
    assert not Registration.objects.filter(user=user).exists()
    assert Registration.objects.get(event=past).anonymised
    still = Registration.objects.get(pk=mine.pk)
    assert not still.anonymised and still.given_name == "Person1"
