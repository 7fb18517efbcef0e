"""The registration form: error summary, typed values kept, hostile input refused with
clear messages (nothing stored), extra questions through the definitions engine, prefill."""

from __future__ import annotations

import pytest

from rathaus.core.models import Authority, Territory
from rathaus.events.models import Event, Registration
from rathaus.organisations.services import (
    create_municipal_staff,
)
from tests.events.helpers import make_event, workshop

pytestmark = pytest.mark.django_db
VALID = {"given_name": "Erika", "family_name": "Muster", "email": "erika@example.org"}
QUESTIONS = [
    {"type": "radio", "id": "expo", "label": "Besuchen Sie die EXPO?", "required": True,
     "options": [{"value": "ja", "label": "Ja"}, {"value": "nein", "label": "Nein"}]},
    {"type": "text", "id": "thema", "label": "Ihr Thema", "max_length": 50},
]  # fmt: skip


def url(event: Event) -> str:
    return f"/veranstaltungen/{event.slug}/anmelden/"


def test_empty_form_shows_the_error_summary(client):
    event = make_event(questions=QUESTIONS)
    response = client.post(url(event), {})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Bitte korrigieren Sie 4 Angaben" in page
    assert "<title>Fehler:" in page
    assert 'href="#id_given_name"' in page and 'href="#f-expo-0"' in page
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("given_name", "<script>alert(1)</script>", "keine Zeichen wie"),
        ("family_name", "x" * 101, "höchstens 100 Zeichen"),
        ("email", "keine-adresse", "gültige E-Mail-Adresse"),
        ("email", "a@b.de\nBcc: evil@example.org", "gültige E-Mail-Adresse"),
        ("organisation", "Amt\x00", "Null"),
        ("accessibility_needs", "a" * 1001, "höchstens 1000 Zeichen"),
        ("thema", "y" * 51, "höchstens 50 Zeichen"),
    ],
)
def test_hostile_input_is_refused_with_a_message(client, field, value, message):
    event = make_event(questions=QUESTIONS)
    response = client.post(url(event), {**VALID, "expo": "ja", field: value})
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "<script>alert(1)</script>" not in page
    assert not Registration.objects.exists()


def test_values_are_kept_on_errors(client):
    event = make_event(questions=QUESTIONS)
    typed = {"given_name": "Jörg", "family_name": "", "email": "j@example.org",
             "role": "Kämmerer", "thema": "Open Data", "expo": "nein"}  # fmt: skip
    page = client.post(url(event), typed).content.decode()
    for value in ("Jörg", "j@example.org", "Kämmerer", "Open Data"):
        assert f'value="{value}"' in page
    assert 'value="nein" checked' in page


def test_valid_post_registers_and_stores_answers(client):
    event = make_event(questions=QUESTIONS, capacity=1)
    session = workshop(event, "A", 13, 15)
    data = {**VALID, "expo": "ja", "thema": "Sensorik", "dietary_needs": "vegan",
            "workshops": [session.pk], "accessibility_needs": "Rampe\r\nbitte"}  # fmt: skip
    response = client.post(url(event), data)
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response.url == f"/veranstaltungen/anmeldung/{registration.token}/"
    assert registration.answers == {"expo": "ja", "thema": "Sensorik"}
    assert registration.dietary_needs == "vegan"
    assert registration.accessibility_needs == "Rampe\nbitte"
    assert registration.workshops.count() == 1
    page = client.get(response.url).content.decode()
    assert "Besuchen Sie die EXPO?" in page and "Sensorik" in page


def test_double_registration_message_at_the_email_field(client):
    event = make_event()
    client.post(url(event), VALID)
    response = client.post(url(event), {**VALID, "email": "ERIKA@example.org"})
    assert response.status_code == 400
    assert "bereits jemand für diese Veranstaltung angemeldet" in response.content.decode()
    assert Registration.objects.count() == 1


def test_online_event_asks_no_dietary_needs(client):
    online = client.get(url(make_event(format=Event.Format.ONLINE))).content.decode()
    hybrid = client.get(url(make_event("hybrid", format=Event.Format.HYBRID))).content.decode()
    assert "id_dietary_needs" not in online and "id_dietary_needs" in hybrid


def test_closed_registration_shows_the_reason(client):
    event = make_event(state=Event.State.CANCELLED)
    response = client.get(url(event))
    assert "keine Anmeldung möglich" in response.content.decode()
    assert client.post(url(event), VALID).status_code == 200
    assert not Registration.objects.exists()


def test_municipality_is_resolved_from_the_territory(client, hessen):
    event = make_event()
    page = client.get(url(event)).content.decode()
    assert '<datalist id="gemeinden">' in page and "Darmstadt" in page
    response = client.post(url(event), {**VALID, "municipality": "Atlantis"})
    assert "keine Gemeinde „Atlantis“" in response.content.decode()
    client.post(url(event), {**VALID, "municipality": "Darmstadt (06411000)"})
    assert Registration.objects.get().municipality.key == "06411000"


def test_municipal_staff_get_prefill(client, hessen):
    kassel = Territory.objects.get(key="06611000")
    authority = Authority.objects.create(name="Stadt Kassel – Digitales", slug="kassel-dig",
                                         territory=kassel)  # fmt: skip
    user = create_municipal_staff("kommune@example.org", "Ein-Passwort-2026", authority)
    client.force_login(user)
    form = client.get(url(make_event())).context["form"]
    assert form.initial["email"] == "kommune@example.org"
    assert form.initial["organisation"] == "Stadt Kassel – Digitales"
    assert form.initial["municipality"].endswith("(06611000)")


@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "abc", "１２"])
def test_nonsense_workshop_ids_are_refused_not_crashing(client, value):
    event = make_event()
    workshop(event, "A", 13, 15)
    response = client.post(url(event), {**VALID, "workshops": [value]})
    assert response.status_code == 400 and "Workshops aus der Liste" in response.content.decode()
    assert 'value="Erika"' in response.content.decode()
    assert not Registration.objects.exists()


def test_mails_follow_the_language_of_the_form(client, django_capture_on_commit_callbacks):
    from django.core import mail

    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en" + url(event), VALID)
    assert response.status_code == 302
    assert Registration.objects.get().language == "en"
    (message,) = mail.outbox
    assert not message.subject.startswith("Anmeldung") and "Guten Tag" not in message.body


def test_a_second_click_shows_the_first_registration_not_an_error(client):
    event = make_event()
    token = client.get(url(event)).context["form"].initial["submit_token"]
    data = {**VALID, "submit_token": str(token)}
    first, second = client.post(url(event), data), client.post(url(event), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1
    again = client.post(url(event), VALID)  # a new form with the same address is refused
    assert again.status_code == 400 and Registration.objects.count() == 1
