"""Calendar (filters, nonsense input), event page, .ics files, and the token pages: a
participant sees only her own registration; a wrong token answers 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rathaus.events.models import Event, EventRegion, Material, Registration, Session, Speaker
from tests.events.helpers import make_event, sign_up, workshop

pytestmark = pytest.mark.django_db
CALENDAR = "/veranstaltungen/"


@pytest.fixture
def events():
    return {
        "kongress": make_event(slug="kongress", capacity=12, is_example=True),
        "forum": make_event(slug="forum", kind=Event.Kind.REGIONAL_FORUM,
                            format=Event.Format.ONLINE, online_link="https://geheim.example/x",
                            region=EventRegion.objects.get(slug="nordhessen")),
        "entwurf": make_event(slug="entwurf", state=Event.State.DRAFT),
        "vorbei": make_event(slug="vorbei", state=Event.State.DONE, attendance=80,
                             starts_at=timezone.now() - timedelta(days=10)),
    }  # fmt: skip


def titles(response) -> list[str]:
    return [e.slug for e in response.context["events"]]


def test_calendar_lists_public_upcoming_events_with_their_state(client, events):
    response = client.get(CALENDAR)
    assert titles(response) == ["kongress", "forum"]
    page = response.content.decode()
    assert "noch 12 Plätze" in page and "Beispiel" in page
    assert 'href="/veranstaltungen/kalender.ics"' in page


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"art": "regionalforum"}, ["forum"]),
        ({"region": "nordhessen"}, ["forum"]),
        ({"form": "praesenz"}, ["kongress"]),
        ({"zeit": "vergangen"}, ["vorbei"]),
        ({"art": "<script>", "region": "x" * 5000, "form": ["a", "b"], "zeit": "🙂"},
         ["kongress", "forum"]),
        ({"art": "kongress", "region": "rb-kassel"}, []),
    ],
)  # fmt: skip
def test_calendar_filters_ignore_nonsense(client, events, query, expected):
    response = client.get(CALENDAR, query)
    assert response.status_code == 200
    assert titles(response) == expected
    assert "<script>" not in response.content.decode()


def test_event_page_shows_programme_people_and_seat_state(client, events):
    event = events["kongress"]
    speaker = Speaker.objects.create(event=event, name="Anna Beispiel", organisation="Stadt")
    talk = Session.objects.create(event=event, kind=Session.Kind.KEYNOTE, title="Auftakt",
                                  starts_at=event.starts_at, room="Plenum",
                                  ends_at=event.starts_at + timedelta(hours=1))  # fmt: skip
    talk.speakers.add(speaker)
    workshop(event, "Open Data", 13, 15, capacity=1)
    page = client.get(f"{CALENDAR}kongress/").content.decode()
    for text in ("Auftakt", "Plenum", "Anna Beispiel", "noch 12 Plätze", "Jetzt anmelden",
                 "Open Data", "erfundenes Beispiel"):  # fmt: skip
        assert text in page


def test_full_event_offers_the_waiting_list(client):
    event = make_event(capacity=1)
    sign_up(event, 1)
    sign_up(event, 2)
    page = client.get(f"{CALENDAR}{event.slug}/").content.decode()
    assert "ausgebucht – Warteliste" in page and "Auf die Warteliste setzen" in page


def test_past_event_shows_published_materials_only(client, events):
    event = events["vorbei"]
    talk = Session.objects.create(event=event, kind=Session.Kind.TALK, title="Rückblick",
                                  starts_at=event.starts_at,
                                  ends_at=event.starts_at + timedelta(hours=1))  # fmt: skip
    Material.objects.create(session=talk, kind="video", title="Video", url="https://v.example/1",
                            published=True)  # fmt: skip
    Material.objects.create(session=talk, kind="folien", title="Geheim", url="https://v.example/2")
    page = client.get(f"{CALENDAR}vorbei/").content.decode()
    assert "https://v.example/1" in page and "Geheim" not in page
    assert "Jetzt anmelden" not in page


def test_drafts_are_not_public(client, events):
    assert client.get(f"{CALENDAR}entwurf/").status_code == 404
    assert client.get(f"{CALENDAR}entwurf.ics").status_code == 404
    assert client.get(f"{CALENDAR}entwurf/anmelden/").status_code == 404


def test_online_link_is_never_on_public_pages(client, events):
    for url in (CALENDAR, f"{CALENDAR}forum/", f"{CALENDAR}forum.ics", f"{CALENDAR}kalender.ics"):
        assert "geheim.example" not in client.get(url).content.decode()


def test_ics_and_feed(client, events):
    response = client.get(f"{CALENDAR}kongress.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.content.decode().count("BEGIN:VEVENT") == 1
    feed = client.get(f"{CALENDAR}kalender.ics").content.decode()
    assert feed.count("BEGIN:VEVENT") == 2  # no draft, no past event


def test_token_page_shows_own_registration_and_the_link_to_confirmed_only(client, events):
    forum = events["forum"]
    forum.capacity = 1
    forum.save()
    mine, other = sign_up(forum, 1), sign_up(forum, 2)
    page = client.get(f"{CALENDAR}anmeldung/{mine.token}/").content.decode()
    assert "Person1" in page and "Person2" not in page and "geheim.example" in page
    waiting = client.get(f"{CALENDAR}anmeldung/{other.token}/").content.decode()
    assert "geheim.example" not in waiting and "Warteliste" in waiting
    assert client.get(f"{CALENDAR}anmeldung/{other.token}/termin.ics").status_code == 404
    ics = client.get(f"{CALENDAR}anmeldung/{mine.token}/termin.ics").content.decode()
    assert "geheim.example" in ics.replace("\r\n ", "")


@pytest.mark.parametrize("token", ["falsch", "x" * 65, "%3Cscript%3E"])
def test_wrong_token_is_404(client, events, token):
    sign_up(events["kongress"], 1)
    assert client.get(f"{CALENDAR}anmeldung/{token}/").status_code == 404
    assert client.post(f"{CALENDAR}anmeldung/{token}/stornieren/").status_code == 404


def test_cancel_by_link_asks_first_then_moves_one_up(client):
    event = make_event(capacity=1)
    first, second = sign_up(event, 1), sign_up(event, 2)
    url = f"{CALENDAR}anmeldung/{first.token}/stornieren/"
    assert "wirklich stornieren" in client.get(url).content.decode()
    assert Registration.objects.get(pk=first.pk).status == "confirmed"
    response = client.post(url, follow=True)
    assert "Ihre Anmeldung ist storniert." in response.content.decode()
    assert Registration.objects.get(pk=second.pk).status == "offered"
    page = client.get(f"{CALENDAR}anmeldung/{second.token}/").content.decode()
    assert "Platz bestätigen" in page
    client.post(f"{CALENDAR}anmeldung/{second.token}/bestaetigen/")
    assert Registration.objects.get(pk=second.pk).status == "confirmed"


def test_workshop_change_on_the_token_page(client):
    event = make_event(capacity=5)
    a, b = workshop(event, "A", 13, 15), workshop(event, "B", 14, 16)
    mine = sign_up(event, 1)
    url = f"{CALENDAR}anmeldung/{mine.token}/workshops/"
    response = client.post(url, {"workshops": [a.pk, b.pk]})
    assert response.status_code == 400
    assert "zur selben Zeit" in response.content.decode()
    client.post(url, {"workshops": [a.pk]})
    assert list(mine.workshops.values_list("session", flat=True)) == [a.pk]
