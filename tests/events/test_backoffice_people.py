"""Registrations, waiting list actions, messages, check-in, CSV, badges and statistics."""

from __future__ import annotations

import base64
import csv
import re
import zlib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rathaus.audit.models import AuditEntry
from rathaus.core.models import Territory
from rathaus.events import statistics
from rathaus.events.models import EventMessage, Registration
from tests.events.test_backoffice_access import World, make_world, register, staff_client

pytestmark = pytest.mark.django_db
OCTAL = re.compile(rb"\\([0-7]{3})")


@pytest.fixture
def world(hessen) -> World:
    return make_world()


def pdf_text(data: bytes) -> str:
    """The text of the page streams (ASCII85 + Flate, as ReportLab writes them)."""
    text = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            raw = base64.a85decode(stream.strip().removesuffix(b"~>"), adobe=False)
            text.append(OCTAL.sub(lambda m: bytes([int(m.group(1), 8)]), zlib.decompress(raw)))
        except ValueError:
            continue
    return b"\n".join(text).decode("cp1252", "replace")


def url(name: str, world: World, *args) -> str:
    return reverse(f"events:{name}", args=[world.event_a.pk, *args])


def test_registrations_filter_search_and_counts(world):
    register(world.event_a, "Wanda", "Warte", status="waiting", organisation="Stadt Kassel")
    register(world.event_a, "Carl", "Cancel", status="cancelled")
    client = staff_client(world.organiser_a)
    response = client.get(url("manage_registrations", world))
    page = response.content.decode()
    assert "Alpha" in page and "Warte" in page and "Cancel" in page
    counts = response.context["counts"]
    assert (counts.confirmed, counts.waiting, counts.cancelled) == (1, 1, 1)
    assert response.context["seats_left"] == 2
    only_waiting = client.get(url("manage_registrations", world), {"status": "waiting"})
    assert [r.family_name for r in only_waiting.context["page_obj"]] == ["Warte"]
    found = client.get(url("manage_registrations", world), {"q": "kassel"})
    assert [r.family_name for r in found.context["page_obj"]] == ["Warte"]
    by_mail = client.get(url("manage_registrations", world), {"q": "anna.alpha@"})
    assert [r.family_name for r in by_mail.context["page_obj"]] == ["Alpha"]


def test_waiting_list_in_order_and_moving_people(world, django_capture_on_commit_callbacks):
    event = world.event_a
    first = register(event, "Erste", "Wartende", status="waiting")
    second = register(event, "Zweite", "Wartende", status="waiting")
    client = staff_client(world.organiser_a)
    page = client.get(url("manage_registrations", world))
    assert list(page.context["waiting"]) == [first, second]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("manage_registration_action", world, first.pk, "nachruecken"))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Registration.Status.OFFERED and first.offer_expires_at
    anna = event.registrations.get(family_name="Alpha")
    client.post(url("manage_registration_action", world, anna.pk, "warteliste"))
    anna.refresh_from_db()
    assert anna.status == Registration.Status.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("manage_registration_action", world, first.pk, "stornieren"))
    first.refresh_from_db()
    assert first.status == Registration.Status.CANCELLED
    verbs = AuditEntry.objects.filter(actor=world.organiser_a).values_list("verb", flat=True)
    assert {"events.seat_offered", "events.moved_to_waiting", "events.cancelled"} <= set(verbs)


def test_moving_up_without_a_free_seat_is_refused_with_a_message(world):
    event = world.event_a
    register(event, "B", "Zwei")
    register(event, "C", "Drei")
    waiting = register(event, "W", "Wartet", status="waiting")
    client = staff_client(world.organiser_a)
    action = url("manage_registration_action", world, waiting.pk, "nachruecken")
    response = client.post(action, follow=True)
    assert "Es ist kein Platz frei." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITING


def test_message_to_all_participants(world, django_capture_on_commit_callbacks):
    register(world.event_a, "Otto", "Offer", status="offered")
    register(world.event_a, "Wanda", "Warte", status="waiting")
    register(world.event_a, "Carl", "Cancel", status="cancelled")
    client = staff_client(world.organiser_a)
    data = {"subject": "Raumänderung", "body": "Wir treffen uns in Saal 2."}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("manage_messages", world), data)
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["anna.alpha@example.org",
                                                     "otto.offer@example.org"]  # fmt: skip
    assert all(len(m.to) == 1 and m.subject == "Raumänderung" for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("manage_messages", world), {**data, "include_waiting": "on"})
    assert len(mail.outbox) == 3
    assert list(EventMessage.objects.values_list("recipients", flat=True)) == [3, 2]
    page = client.get(url("manage_messages", world)).content.decode()
    assert "Raumänderung" in page and "a@example.org" in page
    assert AuditEntry.objects.filter(verb="events.message_sent").count() == 2
    empty = client.post(url("manage_messages", world), {"subject": "", "body": "x"})
    assert empty.status_code == 400 and "Bitte korrigieren Sie 1 Angabe" in empty.content.decode()


def test_check_in_toggles_and_counts(world):
    anna = world.event_a.registrations.get()
    register(world.event_a, "Wanda", "Warte", status="waiting")
    client = staff_client(world.organiser_a)
    page = client.get(url("manage_checkin", world), {"q": "alp"})
    assert [p.pk for p in page.context["people"]] == [anna.pk]
    assert "Warte" not in page.content.decode()
    response = client.post(url("manage_check", world, anna.pk), {"attended": "1", "q": "alp"})
    assert response.status_code == 302 and response["Location"].endswith(f"#person-{anna.pk}")
    anna.refresh_from_db()
    assert anna.attended
    page = client.get(url("manage_checkin", world)).content.decode()
    assert "1 von 1 bestätigten Teilnehmenden sind anwesend." in page
    assert 'aria-pressed="true"' in page
    client.post(url("manage_check", world, anna.pk), {"attended": "0"})
    anna.refresh_from_db()
    assert not anna.attended
    waiting = world.event_a.registrations.get(status="waiting")
    client.post(url("manage_check", world, waiting.pk), {"attended": "1"})
    waiting.refresh_from_db()
    assert not waiting.attended


def test_csv_export_guards_against_formulas(world):
    world.event_a.questions = [{"type": "yesno", "id": "parken", "label": "Parkplatz"}]
    world.event_a.save()
    register(world.event_a, "=HYPERLINK(\"http://x\")", "Böse", organisation="+49 Amt",
             answers={"parken": True})  # fmt: skip
    client = staff_client(world.organiser_a)
    response = client.get(url("manage_export", world))
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"].split(", ")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Nachname;Vorname;E-Mail") and lines[0].endswith(";Parkplatz")
    assert "Alpha;Anna;anna.alpha@example.org;;Darmstadt;06411000;" in text
    evil = next(row for row in csv.reader(lines, delimiter=";") if row[0] == "Böse")
    assert evil[1] == '\'=HYPERLINK("http://x")' and evil[3] == "'+49 Amt"
    assert evil[-1] == "ja"


def test_badges_and_name_list_are_pdfs_with_the_names(world):
    register(world.event_a, "Jürgen", "Łukasz-Öztürk", organisation="Kreis Bergstraße")
    register(world.event_a, "Nicht", "Bestätigt", status="waiting")
    client = staff_client(world.organiser_a)
    badges = client.get(url("manage_badges", world))
    assert badges["Content-Type"] == "application/pdf"
    assert badges.content.startswith(b"%PDF")
    text = pdf_text(badges.content)
    assert "Anna Alpha" in text and "Jürgen Lukasz-Öztürk" in text
    assert "Darmstadt" in text and "Kreis Bergstraße" in text and "Bestätigt" not in text
    names = client.get(url("manage_name_list", world))
    assert names.content.startswith(b"%PDF")
    text = pdf_text(names.content)
    assert "Alpha, Anna" in text and "Unterschrift" in text


def test_statistics_numbers(world):
    event = world.event_a
    kassel, fulda = Territory.objects.get(key="06611000"), Territory.objects.get(key="06631009")
    yesterday = timezone.now() - timedelta(days=1)
    early = register(event, "K", "Eins", municipality=kassel)
    Registration.objects.filter(pk=early.pk).update(created_at=yesterday)
    register(event, "K", "Zwei", municipality=kassel, attended=True)
    register(event, "F", "Drei", municipality=fulda, status="waiting")
    register(event, "X", "Vier", status="cancelled", municipality=fulda)
    figures = statistics.figures(event)
    assert [(d.count, d.cumulative) for d in figures.days] == [(1, 1), (4, 5)]
    assert (figures.total, figures.confirmed, figures.attended) == (5, 3, 1)
    assert str(figures.attendance_rate) == "33.3"
    districts = [(p.name, p.count) for p in figures.per_regierungsbezirk]
    assert districts == [("Reg.-Bez. Kassel", 3), ("Reg.-Bez. Darmstadt", 1)]
    assert [(p.name, p.count) for p in figures.per_municipality] == [
        ("Kassel", 2), ("Darmstadt", 1), ("Fulda", 1)
    ]  # fmt: skip
    page = staff_client(world.organiser_a).get(url("manage_statistics", world)).content.decode()
    assert page.count('role="img"') == 3 and "Teilnehmende je Regierungsbezirk" in page
    assert "33,3 %" in page


def test_check_in_pages_through_a_large_event(world):
    world.event_a.capacity = 400
    world.event_a.save()
    for number in range(250):
        register(world.event_a, "Person", f"Nummer{number:03d}")
    client = staff_client(world.organiser_a)
    first = client.get(url("manage_checkin", world))
    assert len(first.context["people"]) == 100 and "seite=3" in first.content.decode()
    searched = client.get(url("manage_checkin", world), {"q": "Person"}).content.decode()
    assert "?q=Person&amp;seite=2" in searched  # the search stays when paging
    last = client.get(url("manage_checkin", world), {"seite": "3"})
    assert len(last.context["people"]) == 51  # 250 plus the one of the test world
    nonsense = client.get(url("manage_checkin", world), {"seite": "<x>"})
    assert nonsense.status_code == 200 and len(nonsense.context["people"]) == 100


def test_compound_answers_are_readable_in_the_csv():
    from rathaus.events.participants import _answer

    address = {"street": "Rheinstraße", "house_number": "12", "postal_code": "64283", "city": ""}
    assert _answer(address) == "Rheinstraße, 12, 64283"
    assert _answer([True, None]) == "ja, "
