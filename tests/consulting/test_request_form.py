"""The request form: prefilled municipality, a choice when there are several, and bad or
hostile input answered with messages, the typed values kept and nothing stored."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rathaus.consulting.models import ConsultingRequest
from rathaus.organisations.services import (
    add_municipal_member,
)
from tests.consulting.helpers import authority, future, staff_client

pytestmark = pytest.mark.django_db
URL = "/smart-region/beratung/anfrage/"


def test_a_single_municipality_is_prefilled(world, django_capture_on_commit_callbacks):
    client = staff_client(world.municipal)
    page = client.get(URL).content.decode()
    assert "Sie fragen für <strong>Darmstadt" in page
    assert 'name="municipality"' not in page
    assert 'value="kommune@example.org"' in page  # the contact address is prefilled
    assert "Open Data" in page and ">Alt<" not in page  # only active topics
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, world.form())
    request = ConsultingRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consulting:mine_detail", args=[request.reference])
    assert request.reference == f"BE-{timezone.localdate().year}-{request.pk:06d}"
    assert request.municipality == world.darmstadt and request.requester == world.municipal
    assert len(request.preferred_dates) == 2 and request.contact_phone == "06151 123"
    assert mail.outbox[0].to == ["a@partner.example"]
    page = client.get(response["Location"]).content.decode()
    assert f"Ihre Vorgangsnummer: {request.reference}" in page


def test_several_municipalities_offer_a_choice(world):
    kassel = authority("kassel-digital", "06611000")
    add_municipal_member(world.municipal, kassel)
    client = staff_client(world.municipal)
    assert 'name="municipality"' in client.get(URL).content.decode()
    response = client.post(URL, world.form())
    assert response.status_code == 400
    assert "Bitte wählen Sie die Kommune." in response.content.decode()
    response = client.post(URL, world.form(municipality=str(kassel.territory.pk)))
    assert response.status_code == 302
    assert ConsultingRequest.objects.get().partner == world.partner_b


def test_a_foreign_municipality_is_refused(world):
    client = staff_client(world.municipal)
    kassel = authority("kassel-digital", "06611000")
    add_municipal_member(world.municipal, kassel)
    offenbach = authority("offenbach", "06413000").territory
    response = client.post(URL, world.form(municipality=str(offenbach.pk)))
    assert response.status_code == 400
    assert not ConsultingRequest.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"description": "x" * 3001}, "Der Text ist 3001 Zeichen lang. Bitte kürzen Sie ihn auf "
                                      "höchstens 3000 Zeichen."),
        ({"description": ""}, "Bitte beschreiben Sie Ihr Anliegen."),
        ({"preferred_date_1": ""}, "Bitte nennen Sie mindestens einen Wunschtermin."),
        ({"preferred_date_2": (timezone.localdate() - timedelta(days=3)).isoformat()},
         "Bitte wählen Sie ein Datum in der Zukunft"),
        ({"preferred_date_1": timezone.localdate().isoformat()},
         "Bitte wählen Sie ein Datum in der Zukunft"),
        ({"preferred_date_3": "31.02.2030"}, "Bitte geben Sie ein gültiges Datum an"),
        ({"preferred_date_1": future(800)}, "in den nächsten zwei Jahren"),
        ({"topic": "999"}, "Bitte wählen Sie ein Thema aus der Liste."),
        ({"contact_email": "keine-adresse"}, "Bitte geben Sie eine gültige E-Mail-Adresse an"),
        ({"contact_name": ""}, "Bitte nennen Sie eine Ansprechperson."),
    ],
)  # fmt: skip
def test_bad_input_is_answered_with_a_message_and_nothing_is_stored(world, overrides, message):
    response = staff_client(world.municipal).post(URL, world.form(**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Bitte korrigieren Sie 1 Angabe" in page and "<title>Fehler:" in page
    assert "06151 123" in page  # what was typed stays
    assert not ConsultingRequest.objects.exists()


def test_an_inactive_topic_cannot_be_chosen(world):
    from rathaus.consulting.models import ConsultingTopic

    inactive = ConsultingTopic.objects.get(active=False)
    response = staff_client(world.municipal).post(URL, world.form(topic=str(inactive.pk)))
    assert response.status_code == 400
    assert not ConsultingRequest.objects.exists()


def test_markup_is_shown_as_text_never_run(world):
    hostile = '<script>alert("x")</script>'
    client = staff_client(world.municipal)
    response = client.post(URL, world.form(description=hostile, preferred_date_1=""))
    page = response.content.decode()
    assert response.status_code == 400
    assert hostile not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</textarea>" in page
    client.post(URL, world.form(description=hostile, contact_name=hostile))
    request = ConsultingRequest.objects.get()
    assert request.description == hostile  # stored as typed, escaped when shown
    for viewer, name in ((client, "mine_detail"), (staff_client(world.consultant_a), "detail")):
        page = viewer.get(reverse(f"consulting:{name}", args=[request.reference])).content.decode()
        assert hostile not in page and "&lt;script&gt;" in page


def test_line_breaks_count_as_one_character(world):
    text = ("a" * 9 + "\r\n") * 300  # 3000 characters in the browser, 3300 bytes posted
    response = staff_client(world.municipal).post(URL, world.form(description=text))
    assert response.status_code == 302


def test_the_english_pages_show_the_english_topic_names(world):
    client = staff_client(world.municipal)
    page = client.get("/en" + URL).content.decode()
    assert "Open data" in page
    client.post(URL, world.form())
    reference = ConsultingRequest.objects.get().reference
    page = client.get(f"/en/smart-region/beratung/meine/{reference}/").content.decode()
    assert "Open data" in page


def test_a_request_can_name_a_published_project(world):
    from rathaus.projects import editorial
    from rathaus.projects.models import FieldOfAction

    office_authority = authority("office-projects", "06")
    data = {"title": "Dorf-App", "summary": "Neuigkeiten.", "description": "Text.",
            "territories": [world.darmstadt], "status": "betrieb", "transferability": "hoch",
            "fields": list(FieldOfAction.objects.filter(slug="ehrenamt"))}  # fmt: skip
    project = editorial.create_project(world.office, office_authority, data)
    client = staff_client(world.municipal)
    assert f'value="{project.slug}"' in client.get(f"{URL}?projekt={project.slug}").content.decode()
    refused = client.post(URL, {**world.form(), "project": project.slug})  # still a draft
    assert refused.status_code == 400 and "finden wir nicht" in refused.content.decode()
    assert not ConsultingRequest.objects.exists()
    editorial.submit(world.office, project)
    editorial.publish(world.office, project)
    url = f"http://testserver/smart-region/projekte/{project.slug}/"
    assert client.post(URL, {**world.form(), "project": url}).status_code == 302
    request = ConsultingRequest.objects.get()
    assert request.project == project
    page = client.get(reverse("consulting:mine_detail", args=[request.reference])).content.decode()
    assert "Dorf-App" in page


def test_a_second_click_files_one_request(world):
    client = staff_client(world.municipal)
    token = client.get(URL).context["form"].initial["submit_token"]
    data = {**world.form(), "submit_token": str(token)}
    first, second = client.post(URL, data), client.post(URL, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert ConsultingRequest.objects.count() == 1
