"""GDPR: a citizen downloads all their data and deletes their account.

Requirement: the export is a ZIP with the account, the applications (answers, receipt PDF,
attachments), drafts and postbox; deleting needs the password, removes profile, drafts and
postbox at once, keeps submitted applications until their retention period ends, and the
retention purge then removes them with their case and files. Staff cannot delete
themselves.
"""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from rathaus.accounts.models import CitizenProfile, User
from rathaus.audit.services import verify_chain
from rathaus.cases.models import Case
from rathaus.postbox.models import Message
from rathaus.submissions.models import Draft, Submission
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def erika(citizen, django_capture_on_commit_callbacks):
    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        reference = submit_for(client)
    client.post("/leistungen/eheurkunde/beantragen/", {"gemeinde": "06411000"})  # a draft
    return client, reference


def test_export_contains_everything(erika):
    client, reference = erika
    response = client.post("/konto/daten/export/")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"konto.json", "entwuerfe.json", "postfach/nachrichten.json"} <= names
    assert f"antraege/{reference}/antrag.json" in names
    assert archive.read(f"antraege/{reference}/eingangsbestaetigung.pdf").startswith(b"%PDF")
    account = json.loads(archive.read("konto.json"))
    assert account["email"] == "erika@example.org" and account["profile"]["given_names"] == "Erika"
    application = json.loads(archive.read(f"antraege/{reference}/antrag.json"))
    assert application["answers"]["anzahl"] == "2"
    assert len(json.loads(archive.read("entwuerfe.json"))) == 1


def test_deletion_needs_the_password_and_keeps_what_must_be_kept(erika):
    client, reference = erika
    wrong = client.post("/konto/daten/loeschen/", {"password": "falsch", "confirm": "on"})
    assert wrong.status_code == 400 and "Das Passwort stimmt nicht." in wrong.content.decode()
    response = client.post("/konto/daten/loeschen/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not CitizenProfile.objects.exists()
    assert not Draft.objects.filter(submission__isnull=True).exists()
    assert not Message.objects.exists()
    user = User.objects.get(pk=Submission.objects.get().user_id)
    assert not user.is_active and user.email.endswith("@deleted.invalid")
    assert not Client().login(email="erika@example.org", password=PASSWORD)
    assert verify_chain() is None  # the audit log is intact


def test_retention_purges_expired_submissions(erika):
    Submission.objects.update(retain_until=timezone.localdate() - timedelta(days=1))
    call_command("apply_retention")
    assert not Submission.objects.exists() and not Case.objects.exists()


def test_staff_cannot_delete_themselves(client, citizen):
    from rathaus.accounts.models import Membership
    from rathaus.authentication.testing import login_with_second_factor
    from rathaus.core.models import Authority

    Membership.objects.create(user=citizen, authority=Authority.objects.get(), role="clerk")
    login_with_second_factor(client, citizen)
    page = client.get("/konto/daten/").content.decode()
    assert "Konten von Beschäftigten schließt die Plattformverwaltung." in page
    response = client.post("/konto/daten/loeschen/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response.url == "/konto/daten/"
    assert User.objects.get(pk=citizen.pk).is_active


def _message(owner, subject):
    return Message.objects.create(
        owner=owner, direction=Message.Direction.TO_CITIZEN, sender_name="Amt", subject=subject,
        body="Text",
    )  # fmt: skip


def test_export_and_deletion_cover_every_tenant(client, citizen):
    """A user is shared by all Länder: whichever portal she asks, she gets and erases her
    data of every tenant."""
    from rathaus.tenants import services
    from rathaus.tenants.scope import activate, every_tenant

    _message(citizen, "Aus Hessen")
    with activate(services.ensure("hamburg")):
        _message(citizen, "Aus Hamburg")
    client.login(email="erika@example.org", password=PASSWORD)
    response = client.post("/konto/daten/export/", HTTP_HOST="hamburg.localhost")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    messages = json.loads(archive.read("postfach/nachrichten.json"))
    assert sorted(m["subject"] for m in messages) == ["Aus Hamburg", "Aus Hessen"]
    form = {"password": PASSWORD, "confirm": "on"}
    response = client.post("/konto/daten/loeschen/", form, HTTP_HOST="hamburg.localhost")
    assert response.status_code == 302
    with every_tenant():
        assert not Message.objects.exists()
    assert not User.objects.get(pk=citizen.pk).is_active


def test_staff_of_another_tenant_cannot_delete_themselves_either(client, citizen):
    from rathaus.accounts.models import Membership
    from rathaus.authentication.testing import login_with_second_factor
    from rathaus.core.models import Authority, Territory
    from rathaus.tenants import services
    from rathaus.tenants.scope import activate

    with activate(services.ensure("hamburg")):
        land = Territory.objects.create(key="02", name="Hamburg", level="land")
        office = Authority.objects.create(name="Hamburger Amt", slug="hh-amt", territory=land)
        Membership.objects.create(user=citizen, authority=office, role="clerk")
    login_with_second_factor(client, citizen)
    form = {"password": PASSWORD, "confirm": "on"}
    response = client.post("/konto/daten/loeschen/", form)  # Hessen's portal
    assert response.status_code == 302 and response.url == "/konto/daten/"
    assert User.objects.get(pk=citizen.pk).is_active
