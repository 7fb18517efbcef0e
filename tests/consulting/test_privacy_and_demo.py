"""GDPR export and erasure, the retention purge (closed requests anonymised after three
years) and the demo content."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from rathaus.accounts.models import User
from rathaus.audit.models import AuditEntry
from rathaus.consulting import services
from rathaus.consulting.demo import CONSULTANT_EMAIL, MUNICIPAL_EMAIL, load_demo_consulting
from rathaus.consulting.models import (
    ConsultingEvent,
    ConsultingNote,
    ConsultingPartner,
    ConsultingRequest,
    ConsultingTopic,
    Status,
)
from rathaus.consulting.privacy import RETENTION
from rathaus.core import personal_data, retention

pytestmark = pytest.mark.django_db


def closed_with_feedback(world) -> ConsultingRequest:
    request = world.request()
    services.assign(request, world.consultant_a, world.office)
    services.change_status(request, Status.CLOSED, world.office, message="Bis bald")
    services.add_note(request, world.consultant_a, "Intern: Bürgermeister dabei")
    return services.give_feedback(request, world.municipal, 5, "Sehr gut, Frau Muster half.")


def test_the_export_holds_the_requests_with_their_timeline(world):
    request = closed_with_feedback(world)
    archive = zipfile.ZipFile(io.BytesIO(personal_data.export_zip(world.municipal)))
    (row,) = json.loads(archive.read("beratungsanfragen.json"))
    assert row["reference"] == request.reference
    assert row["contact"]["email"] == "max@darmstadt.example"
    assert row["feedback"]["rating"] == 5
    assert [entry["status"] for entry in row["history"]] == [
        "eingegangen", "zugewiesen", "abgeschlossen", "abgeschlossen",
    ]  # fmt: skip
    assert "Intern" not in json.dumps(row)  # internal notes are the partner's, not hers
    other = zipfile.ZipFile(io.BytesIO(personal_data.export_zip(world.consultant_a)))
    assert json.loads(other.read("beratungsanfragen.json")) == []


def test_erasing_the_account_removes_the_person_but_keeps_the_request(world):
    request = world.request()
    counts = personal_data.erase(world.municipal)
    assert counts["consulting"] == 1
    request.refresh_from_db()
    assert request.requester is None
    assert (request.contact_name, request.contact_email, request.contact_phone) == ("", "", "")
    assert request.partner == world.partner_a and request.description
    assert AuditEntry.objects.filter(verb="consulting.requester_erased").exists()


def test_closed_requests_are_anonymised_after_three_years(world):
    old = closed_with_feedback(world)
    recent = closed_with_feedback(world)
    still_open = world.request()
    now = timezone.now()
    ConsultingRequest.objects.filter(pk__in=[old.pk, still_open.pk]).update(
        closed_at=now - RETENTION - timedelta(days=1)
    )
    assert "consulting" in retention.purgers()
    assert retention.apply_retention(now)["consulting"] == 1
    old.refresh_from_db()
    assert old.anonymised_at is not None and old.requester is None
    assert (old.contact_name, old.contact_email, old.description, old.feedback_text) == (
        "", "", "", ""
    )  # fmt: skip
    assert old.feedback_rating == 5 and old.topic == world.topic  # kept for statistics
    assert not ConsultingNote.objects.filter(request=old).exists()
    assert not ConsultingEvent.objects.filter(request=old).exclude(message="").exists()
    recent.refresh_from_db()
    assert recent.contact_email and ConsultingNote.objects.filter(request=recent).exists()
    assert ConsultingRequest.objects.get(pk=still_open.pk).contact_email  # never closed
    assert retention.apply_retention(now)["consulting"] == 0  # nothing twice
    entry = AuditEntry.objects.get(verb="consulting.anonymised")
    assert entry.data["references"] == [old.reference]


def test_the_demo_content_is_created_once_and_updated_after(hessen):
    load_demo_consulting({})
    load_demo_consulting({})
    assert ConsultingTopic.objects.count() == 7
    partner = ConsultingPartner.objects.get()
    assert partner.is_default and "(Beispiel)" in partner.name
    requests = ConsultingRequest.objects.all()
    assert sorted(r.status for r in requests) == sorted(
        [Status.RECEIVED, Status.APPOINTMENT, Status.CLOSED]
    )
    assert all(r.partner == partner and r.reference for r in requests)
    consultant = User.objects.get(email=CONSULTANT_EMAIL)
    municipal = User.objects.get(email=MUNICIPAL_EMAIL)
    assert services.is_consultant(consultant) and services.is_municipal(municipal)
    assert services.partner_requests(consultant).count() == 3
    assert services.own_requests(municipal).count() == 3
    assert [t.key for t in services.municipalities_of(municipal)] == ["06411000"]


def test_the_demo_hook_runs_with_the_platform_demo(hessen):
    from rathaus.core.demo import load_demo

    load_demo()
    load_demo()
    assert ConsultingRequest.objects.count() == 3
    assert ConsultingPartner.objects.get().organisation.territory.key == "06"


def test_forgotten_open_requests_are_anonymised_after_three_years_without_activity(world):
    forgotten = world.request()
    active = world.request()
    now = timezone.now()
    ConsultingRequest.objects.filter(pk=forgotten.pk).update(
        updated_at=now - RETENTION - timedelta(days=1)
    )
    assert retention.apply_retention(now)["consulting"] == 1
    forgotten.refresh_from_db()
    assert forgotten.anonymised_at is not None and forgotten.contact_email == ""
    assert ConsultingRequest.objects.get(pk=active.pk).contact_email
