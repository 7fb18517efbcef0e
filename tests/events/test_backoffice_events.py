"""Creating, copying, editing and changing the state of an event in the back office."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rathaus.audit.models import AuditEntry
from rathaus.events.models import Event, Exhibitor, Session, Speaker
from tests.events.test_backoffice_access import World, make_world, register, staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(hessen) -> World:
    return make_world()


def form(world: World, **overrides) -> dict:
    data = {
        "title": "Regionalkonferenz Süd", "kind": "regionalkonferenz", "format": "hybrid",
        "organiser": str(world.office_authority.pk), "summary": "Austausch der Kommunen.",
        "description": "**Programm** folgt.", "starts_at": "2031-05-12T09:00",
        "ends_at": "2031-05-12T17:00", "venue": "Kongresshalle", "address": "Hauptstr. 1",
        "accessibility": "Stufenloser Zugang.", "online_link": "https://stream.example.org/x",
        "capacity": "150", "registration_opens_at": "2031-04-01T08:00",
        "registration_closes_at": "2031-05-10T23:59", "retention_until": "",
        "questions_text": "- {type: yesno, id: parken, label: Parkplatz benötigt}",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_the_office_creates_an_event_with_retention_90_days_after_the_end(world):
    client = staff_client(world.office)
    response = client.post(reverse("events:manage_create"), form(world))
    assert response.status_code == 302
    event = Event.objects.get(title="Regionalkonferenz Süd")
    assert response["Location"] == reverse("events:manage_event", args=[event.pk])
    assert event.state == Event.State.DRAFT and event.slug == "regionalkonferenz-sud-2031"
    assert event.retention_until == date(2031, 5, 12) + timedelta(days=90)
    assert event.questions == [{"type": "yesno", "id": "parken", "label": "Parkplatz benötigt"}]
    assert AuditEntry.objects.filter(verb="events.created", target_id=str(event.pk)).exists()
    page = client.get(reverse("events:manage_event", args=[event.pk])).content.decode()
    assert "Regionalkonferenz Süd" in page and "Veröffentlichen" in page


def test_bad_input_is_refused_with_clear_messages_and_typed_values_kept(world):
    client = staff_client(world.office)
    bad = form(world, ends_at="2031-05-11T17:00", capacity="0", title="Mein <b>Titel</b>",
               registration_closes_at="2031-06-01T00:00",
               questions_text="- {type: select, id: wahl, label: Wahl, options: [{value: 1}]}\n"
                              "- {type: upload, id: datei, label: Datei}")  # fmt: skip
    response = client.post(reverse("events:manage_create"), bad)
    page = response.content.decode()
    assert response.status_code == 400 and not Event.objects.filter(title__contains="Titel")
    assert "<title>Fehler:" in page and "Bitte korrigieren Sie" in page
    assert "Das Ende liegt vor dem Beginn." in page
    assert "Bitte geben Sie mindestens einen Platz an." in page
    assert "Die Anmeldung muss vor dem Ende schließen." in page
    assert "fragen[0].options[0].label" in page and "fragen[1].type" in page
    assert 'value="Mein &lt;b&gt;Titel&lt;/b&gt;"' in page  # kept, and escaped
    assert "Kongresshalle" in page


def test_unreadable_questions_are_reported(world):
    client = staff_client(world.office)
    response = client.post(reverse("events:manage_create"), form(world, questions_text="- [1"))
    page = response.content.decode()
    assert response.status_code == 400 and "Die Datei ist kein gültiges YAML: " in page
    response = client.post(reverse("events:manage_create"),
                           form(world, questions_text="- &a {x: 1}\n- *a"))  # fmt: skip
    assert "YAML-Anker und -Verweise (&amp; und *) sind nicht erlaubt." in response.content.decode()


def test_only_the_office_creates(world):
    client = staff_client(world.organiser_a)
    assert client.post(reverse("events:manage_create"), form(world)).status_code == 403
    index = client.get(reverse("events:manage_index")).content.decode()
    assert "Neue Veranstaltung anlegen" not in index and "Kongress A" in index


def test_an_organiser_edits_her_event(world):
    client = staff_client(world.organiser_a)
    url = reverse("events:manage_edit", args=[world.event_a.pk])
    page = client.get(url).content.decode()
    assert 'value="Kongress A"' in page
    data = form(world, title="Kongress A (neu)", capacity="400")
    assert client.post(url, data).status_code == 302
    world.event_a.refresh_from_db()
    assert world.event_a.title == "Kongress A (neu)" and world.event_a.capacity == 400
    assert world.event_a.slug == "kongress-a"  # links in mails keep working
    response = client.post(url, form(world, title="", capacity="-3"))
    assert response.status_code == 400
    world.event_a.refresh_from_db()
    assert world.event_a.capacity == 400


def test_copy_takes_programme_speakers_exhibitors_but_no_registrations(world):
    event = world.event_a
    speaker = Speaker.objects.create(event=event, name="Dr. Rede", photo_alt="")
    talk = Session.objects.create(event=event, kind="keynote", title="Auftakt",
                                  starts_at=event.starts_at + timedelta(hours=1),
                                  ends_at=event.starts_at + timedelta(hours=2))  # fmt: skip
    talk.speakers.add(speaker)
    Exhibitor.objects.create(event=event, organisation="Digitalfirma", stand="A1")
    register(event, "Zoe", "Zett")
    client = staff_client(world.office)
    url = reverse("events:manage_copy", args=[event.pk])
    assert "Kongress A" in client.get(url).content.decode()
    response = client.post(url, {"title": "Kongress 2032", "starts_at": "2032-06-01T10:00",
                                 "ends_at": "2032-06-01T18:00"})  # fmt: skip
    assert response.status_code == 302
    copy = Event.objects.get(title="Kongress 2032")
    assert copy.state == Event.State.DRAFT and copy.registrations.count() == 0
    assert list(copy.organisers.all()) == [world.organiser_a]
    session = copy.sessions.get()
    start = timezone.localtime(copy.starts_at)
    assert (start.hour, start.minute) == (10, 0)
    assert session.starts_at - copy.starts_at == timedelta(hours=1)
    assert [s.name for s in session.speakers.all()] == ["Dr. Rede"]
    assert session.speakers.get().event == copy
    assert copy.exhibitors.get().organisation == "Digitalfirma"
    assert event.sessions.count() == 1 and event.registrations.count() == 2
    refused = client.post(url, {"title": "", "starts_at": "2032-06-01T10:00",
                                "ends_at": "2032-05-01T10:00"})  # fmt: skip
    assert refused.status_code == 400
    assert "Das Ende liegt vor dem Beginn." in refused.content.decode()


def test_publish_cancel_and_done_with_attendance(world):
    event = world.event_b
    Event.objects.filter(pk=event.pk).update(state=Event.State.DRAFT)
    client = staff_client(world.organiser_b)
    url = reverse("events:manage_state", args=[event.pk])
    assert client.post(url, {"action": "publish"}).status_code == 302
    event.refresh_from_db()
    assert event.state == Event.State.PUBLISHED
    early = client.post(url, {"action": "done", "attendance": "12"})
    assert early.status_code == 400 and "begonnene" in early.content.decode()
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    missing = client.post(url, {"action": "done", "attendance": ""})
    assert missing.status_code == 400
    assert client.post(url, {"action": "done", "attendance": "12"}).status_code == 302
    event.refresh_from_db()
    assert (event.state, event.attendance) == (Event.State.DONE, 12)
    refused = client.post(url, {"action": "cancel"})
    assert refused.status_code == 400 and "nicht mehr abgesagt" in refused.content.decode()
    verbs = set(AuditEntry.objects.filter(target_id=str(event.pk)).values_list("verb", flat=True))
    assert {"events.published", "events.done"} <= verbs


def test_my_events_shows_counts(world):
    register(world.event_a, "Wanda", "Warte", status="waiting")
    register(world.event_a, "Otto", "Offer", status="offered")
    client = staff_client(world.organiser_a)
    response = client.get(reverse("events:manage_index"))
    event = response.context["upcoming"].get(pk=world.event_a.pk)
    assert (event.confirmed, event.waiting, event.seats_left) == (1, 1, 1)


def test_capacity_cannot_drop_below_the_seats_already_given(world):

    client = staff_client(world.organiser_a)
    url = reverse("events:manage_edit", args=[world.event_a.pk])
    world.event_a.registrations.all().delete()
    for number in range(3):
        register(world.event_a, "Person", f"Nummer{number}")
    response = client.post(url, form(world, title="Kongress A", capacity="2"))
    assert (
        response.status_code == 400 and "3 Plätze sind schon vergeben" in response.content.decode()
    )
    world.event_a.refresh_from_db()
    assert world.event_a.capacity == 3


def test_an_event_presents_published_projects(world):
    from rathaus.core.models import Territory
    from rathaus.projects import editorial
    from rathaus.projects.models import FieldOfAction

    content = {
        "title": "Dorf-App", "summary": "Kurz.", "description": "Lang.",
        "territories": [Territory.objects.get(key="06411000")], "status": "betrieb",
        "transferability": "hoch", "fields": list(FieldOfAction.objects.all()[:1]),
    }  # fmt: skip
    project = editorial.create_project(world.office, world.office_authority, content)
    client = staff_client(world.organiser_a)
    url = reverse("events:manage_edit", args=[world.event_a.pk])
    refused = client.post(url, form(world, projects_text=project.slug, capacity="400"))
    assert refused.status_code == 400 and "gibt es nicht" in refused.content.decode()
    editorial.submit(world.office, project)
    editorial.publish(world.office, project)
    address = f"https://rathaus.example/smart-region/projekte/{project.slug}/"
    assert client.post(url, form(world, projects_text=address, capacity="400")).status_code == 302
    assert list(world.event_a.projects.all()) == [project]
    public = Client().get(reverse("events:detail", args=[world.event_a.slug])).content.decode()
    assert reverse("projects:detail", args=[project.slug]) in public


def test_cancelling_an_event_tells_everyone_registered(world, django_capture_on_commit_callbacks):
    from django.core import mail

    register(world.event_a, "Wanda", "Warte", status="waiting")
    register(world.event_a, "Sven", "Storno", status="cancelled")
    client = staff_client(world.organiser_a)
    active = world.event_a.registrations.exclude(status="cancelled")
    expected = sorted(active.values_list("email", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:manage_state", args=[world.event_a.pk]),
                               {"action": "cancel"})  # fmt: skip
    assert response.status_code == 302
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == expected and len(told) == 2 and "sven.storno@example.org" not in told
    assert not world.event_a.registrations.exclude(status="cancelled").exists()
    assert all(message.subject.startswith("Abgesagt:") for message in mail.outbox)


def test_retention_date_is_capped_and_never_moves_later_once_people_registered(world):
    client = staff_client(world.organiser_a)
    url = reverse("events:manage_edit", args=[world.event_a.pk])
    far = client.post(url, form(world, title="Kongress A", capacity="400",
                                retention_until="2099-01-01"))  # fmt: skip
    assert far.status_code == 400 and "höchstens ein Jahr" in far.content.decode()
    event = world.event_a
    dates = {name: timezone.localtime(getattr(event, name)).strftime("%Y-%m-%dT%H:%M")
             for name in ("starts_at", "ends_at")}  # fmt: skip
    later = (event.retention_until + timedelta(days=30)).isoformat()
    response = client.post(url, form(world, title="Kongress A", capacity="400",
                                     registration_opens_at="", registration_closes_at="",
                                     retention_until=later, **dates))  # fmt: skip
    event.refresh_from_db()
    assert response.status_code == 400 and "nur kürzer werden" in response.content.decode()
