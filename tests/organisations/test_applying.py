"""Applying as an organisation: the choice, shared applications, postbox and documents by
role, and what stays with the organisation when a member leaves or deletes her account."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from rathaus.accounts import privacy
from rathaus.cases import services as cases
from rathaus.cases.models import Case
from rathaus.cases.tokens import create_token
from rathaus.deliveries.payload import payload_of
from rathaus.organisations import services
from rathaus.organisations.models import Member, MemberRole
from rathaus.postbox.models import Message
from rathaus.submissions.models import Draft, Submission
from tests.organisations.helpers import company, person, signed_in
from tests.submissions.helpers import offer_definition

pytestmark = pytest.mark.django_db


def definition(applicants: list[str], slug: str = "gewerbe") -> dict:
    return {
        "slug": slug, "schema_version": 1, "login": "account", "retention_days": 365,
        "applicants": applicants,
        "title": {"de": "Gewerbeanzeige", "en": "Trade notice"},
        "steps": [{"id": "angaben", "title": {"de": "Angaben", "en": "Details"}, "fields": [
            {"id": "firma", "type": "text", "label": "Firma", "required": True,
             "prefill": "organisation.name"},
            {"id": "taetigkeit", "type": "text", "label": "Tätigkeit", "required": True},
        ]}],
    }  # fmt: skip


@pytest.fixture
def world(hessen):
    service = offer_definition(definition(["person", "organisation"]))
    eva = person("eva@example.org")
    firm = company(eva, clara=MemberRole.APPLY, ben=MemberRole.READ)
    people = {m.user.email.split("@")[0]: m.user for m in firm.members.select_related("user")}
    return service, firm, people


def start(client: Client, service, **extra) -> object:
    return client.post(
        reverse("submissions:start", args=[service.slug]), {"gemeinde": "06411000", **extra}
    )


def apply_as(client: Client, service, organisation) -> Submission:
    response = start(client, service, als=str(organisation.pk))
    assert response.status_code == 302, response
    draft = Draft.objects.latest("created_at")
    assert draft.organisation == organisation
    assert draft.answers["firma"] == "Muster Bau GmbH"  # prefilled from the organisation
    client.post(reverse("submissions:step", args=[draft.pk, 1]),
                {"firma": "Muster Bau GmbH", "taetigkeit": "Hochbau"})  # fmt: skip
    client.post(reverse("submissions:check", args=[draft.pk]),
                {"idempotency_key": str(draft.idempotency_key)})  # fmt: skip
    return Submission.objects.get(draft=draft)


def test_a_member_who_may_apply_chooses_for_whom(world):
    service, firm, people = world
    page = start(signed_in(people["eva"]), service)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Für wen stellen Sie den Antrag?" in html
    assert 'value="person"' in html and f'value="{firm.pk}"' in html
    # A reader may not apply in its name: she is not asked, she applies for herself.
    assert start(signed_in(people["ben"]), service).status_code == 302
    assert Draft.objects.get().organisation is None


def test_a_forged_choice_is_refused_and_asked_again(world):
    service, firm, people = world
    stranger = person("mallory@example.org")
    other = company(stranger)
    response = start(signed_in(people["eva"]), service, als=str(other.pk))
    assert response.status_code == 400
    assert "Bitte wählen Sie, für wen Sie den Antrag stellen." in response.content.decode()
    assert not Draft.objects.exists()


def test_without_organisations_in_the_definition_nobody_is_asked(hessen):
    service = offer_definition(definition(["person"], slug="nur-personen"))
    eva = person("eva@example.org")
    company(eva)
    assert start(signed_in(eva), service, als="1").status_code == 302
    assert Draft.objects.get().organisation is None


def test_an_organisation_only_service_refuses_a_person_without_one(hessen):
    service = offer_definition(definition(["organisation"], slug="nur-firmen"))
    client = signed_in(person("solo@example.org"))
    response = start(client, service)
    assert response.status_code == 302
    assert not Draft.objects.exists()
    page = client.get(response.url).content.decode()
    assert "Diese Leistung beantragen nur Organisationen." in page


def test_colleagues_share_drafts_applications_and_the_postbox_by_role(world, hessen):
    service, firm, people = world
    eva, clara, ben = people["eva"], people["clara"], people["ben"]
    # A draft: colleagues who may apply continue it, readers do not see it.
    start(signed_in(eva), service, als=str(firm.pk))
    draft = Draft.objects.get()
    step = reverse("submissions:step", args=[draft.pk, 1])
    assert signed_in(clara).get(step).status_code == 200
    assert signed_in(ben).get(step).status_code == 404
    draft.delete()

    submission = apply_as(signed_in(eva), service, firm)
    assert submission.organisation == firm and submission.user == eva
    listing = reverse("submissions:mine") + f"?organisation={firm.pk}"
    for colleague in (clara, ben):
        assert submission.reference in signed_in(colleague).get(listing).content.decode()
    mine = signed_in(eva).get(reverse("submissions:mine")).content.decode()
    assert submission.reference not in mine  # her own list is hers; the firm's is the firm's
    detail = reverse("submissions:detail", args=[submission.reference])
    assert "Muster Bau GmbH" in signed_in(ben).get(detail).content.decode()
    assert signed_in(person("mallory@example.org")).get(detail).status_code == 404

    # The decision lands in the organisation's postbox; a reader sees it, cannot answer.
    case = Case.objects.get(submission=submission)
    case, _ = cases.transition(case, "bearbeiten", None, "clerk", case.version, cases.Change())
    decision = cases.Change(outcome="bewilligt", reasons="Alles vollständig.", document=True)
    cases.transition(case, "entscheiden", None, "clerk", case.version, decision)
    message = Message.objects.get(subject__startswith="Bescheid")
    assert message.organisation == firm
    inbox = reverse("postbox:inbox") + f"?organisation={firm.pk}"
    assert message.subject in signed_in(ben).get(inbox).content.decode()
    opened = signed_in(ben).get(reverse("postbox:message", args=[message.pk])).content.decode()
    assert "Antwort senden" not in opened
    file = message.files.get()
    assert signed_in(ben).get(reverse("postbox:download", args=[file.pk])).status_code == 200
    signed_in(ben).post(reverse("postbox:message", args=[message.pk]), {"body": "Danke"})
    assert not Message.objects.filter(in_reply_to=message).exists()
    signed_in(clara).post(reverse("postbox:message", args=[message.pk]), {"body": "Danke"})
    answer = Message.objects.get(in_reply_to=message)
    assert answer.organisation == firm  # the answer is the organisation's too
    documents = reverse("submissions:documents") + f"?organisation={firm.pk}"
    assert file.name in signed_in(ben).get(documents).content.decode()
    assert file.name not in signed_in(eva).get(reverse("submissions:documents")).content.decode()


def test_a_reader_cannot_withdraw_a_colleague_may(world):
    service, firm, people = world
    submission = apply_as(signed_in(people["eva"]), service, firm)
    withdraw = reverse("submissions:withdraw", args=[submission.reference])
    assert signed_in(people["ben"]).post(withdraw, {"version": "1"}).status_code == 404
    signed_in(people["clara"]).post(withdraw, {"version": "1"})
    assert Case.objects.get(submission=submission).state == "zurueckgezogen"


def test_records_stay_with_the_organisation_when_a_member_leaves_or_is_deleted(
    world, django_capture_on_commit_callbacks
):
    service, firm, people = world
    eva, clara = people["eva"], people["clara"]
    with django_capture_on_commit_callbacks(execute=True):  # the receipt into the postbox
        submission = apply_as(signed_in(clara), service, firm)
    assert Message.objects.filter(submission=submission, organisation=firm).exists()
    detail = reverse("submissions:detail", args=[submission.reference])
    services.remove(eva, Member.objects.get(user=clara))
    assert signed_in(clara).get(detail).status_code == 404  # she left: no more access
    assert signed_in(eva).get(detail).status_code == 200  # the firm still has it

    privacy.delete_account(clara)
    assert Submission.objects.filter(pk=submission.pk, organisation=firm).exists()
    assert Message.objects.filter(submission=submission, organisation=firm).exists()
    assert signed_in(eva).get(detail).status_code == 200


def test_the_export_of_a_person_names_memberships_not_the_organisations_records(world):
    service, firm, people = world
    eva = people["eva"]
    submission = apply_as(signed_in(eva), service, firm)
    archive = zipfile.ZipFile(io.BytesIO(privacy.export_zip(eva)))
    names = archive.namelist()
    assert not [n for n in names if submission.reference in n]
    memberships = json.loads(archive.read("organisationen.json"))
    assert [(m["organisation"], m["role"]) for m in memberships] == [("Muster Bau GmbH", "admin")]
    page = signed_in(eva).get(reverse("accounts:my_data")).content.decode()
    assert "gehört der Organisation und bleibt bei ihr" in page


def test_specialist_systems_learn_who_applied(world):
    service, firm, people = world
    submission = apply_as(signed_in(people["eva"]), service, firm)
    applicant = payload_of(submission).metadata["applicant"]
    assert applicant["kind"] == "organisation"
    assert applicant["organisation"]["name"] == "Muster Bau GmbH"
    assert applicant["organisation"]["registerNumber"] == "12345"
    token = create_token(submission.authority, "Gewerbeamt")[1]
    api = Client(headers={"Authorization": f"Bearer {token}"})
    detail = api.get(f"/api/v1/fachverfahren/cases/{submission.reference}").json()
    assert detail["applicant"] == applicant
