"""Demo content (marked examples, spread out, idempotent), the office's admin rights and
personal data in transfer conversations."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO

import pytest
from django.urls import reverse

from rathaus.accounts.models import User
from rathaus.core.demo import load_demo
from rathaus.core.personal_data import erase, export_zip
from rathaus.projects import transfer
from rathaus.projects.models import Project, TransferMessage, TransferRequest

pytestmark = pytest.mark.django_db


def test_demo_projects_are_marked_spread_out_and_loaded_once(hessen):
    load_demo()
    load_demo()
    projects = Project.objects.filter(published__isnull=False)
    assert projects.count() >= 30
    assert not Project.objects.filter(is_example=False).exists()
    fields = set(projects.values_list("published__fields__slug", flat=True))
    assert len(fields) == 12
    districts = {key[:3] for key in projects.values_list("published__territories__key", flat=True)}
    assert districts == {"064", "065", "066"}
    assert TransferRequest.objects.count() == 2
    assert TransferRequest.objects.filter(status=TransferRequest.Status.ADOPTED).count() == 1


def test_example_marking_is_visible_on_list_detail_and_exports(client, hessen):
    load_demo()
    project = Project.objects.filter(published__isnull=False).first()
    listing = client.get(reverse("projects:index")).content.decode()
    assert '<span class="kern-label kern-label--small">Beispiel</span>' in listing
    detail = client.get(reverse("projects:detail", args=[project.slug])).content.decode()
    assert "erfundenes Beispiel" in detail
    exported = json.loads(client.get(reverse("projects:export_json")).content)
    assert all(row["beispiel"] is True for row in exported["projekte"])


def test_office_may_edit_the_lists_in_the_admin(client, hessen):
    load_demo()
    office = User.objects.get(email="smart-region@demo.rathaus.invalid")
    assert office.is_staff and office.has_perm("projects.change_fieldofaction")
    assert office.has_perm("consulting.add_consultingpartner")
    assert office.has_perm("events.change_eventregion")
    assert not office.has_perm("projects.change_project")
    assert not office.has_perm("accounts.change_user")


def test_transfer_messages_are_exported_and_lose_their_author_on_erasure(
    darmstadt_staff, kassel_staff, make_project
):
    from rathaus.core.models import Territory

    user, authority = darmstadt_staff
    project = make_project(user, authority)
    kassel_user, _ = kassel_staff
    transfer.request_transfer(kassel_user, project, Territory.objects.get(key="06611000"),
                              "Unsere Frage zur Übernahme")  # fmt: skip
    archive = zipfile.ZipFile(BytesIO(export_zip(kassel_user)))
    name = next(n for n in archive.namelist() if n.endswith("projekte-uebernahmen.json"))
    assert "Unsere Frage zur Übernahme" in archive.read(name).decode()
    erase(kassel_user)
    assert TransferMessage.objects.get().author is None
    assert TransferRequest.objects.get().requester is None


def test_old_versions_lose_the_contact_and_stale_threads_are_purged(
    darmstadt_staff, kassel_staff, office, make_project
):
    from datetime import timedelta

    from django.utils import timezone

    from rathaus.core.models import Territory
    from rathaus.core.retention import apply_retention
    from rathaus.projects import editorial

    user, authority = darmstadt_staff
    project = make_project(user, authority, contact_name="Eva Alt", contact_email="eva@x.example",
                           contact_consent=True)  # fmt: skip
    editorial.start_change(user, project)
    project.refresh_from_db()
    editorial.update_draft(user, project, {"contact_name": "Max Neu"})
    editorial.submit(user, project)
    editorial.publish(office, project)
    first = project.revisions.get(number=1)
    assert (first.contact_name, first.contact_email, first.contact_consent) == ("", "", False)
    request = transfer.request_transfer(kassel_staff[0], project,
                                        Territory.objects.get(key="06611000"), "Hallo")  # fmt: skip
    assert apply_retention()["projects"] == 0
    TransferRequest.objects.filter(pk=request.pk).update(
        updated_at=timezone.now() - timedelta(days=4 * 365)
    )
    assert apply_retention()["projects"] == 1
    assert not TransferMessage.objects.exists()
