"""The demo events: idempotent, all marked as examples, the congress as the issue describes
(``load_demo`` loads every Land's demo; Hessen's scope shows Hessen's events only)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from rathaus.events.models import Event, EventRegion, Registration

pytestmark = pytest.mark.django_db


def test_demo_events_load_twice_the_same(hessen, hamburg, schleswig_holstein, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    events = Event.objects.all()
    assert events.count() == 11 and all(e.is_example for e in events)
    congress = Event.objects.get(slug="kongress-digitale-staedte-digitale-regionen")
    assert congress.capacity == 400 and congress.speakers.count() == 29
    assert congress.exhibitors.count() == 21
    workshops = [s for s in congress.sessions.all() if s.needs_registration]
    assert len(workshops) == 4 and len({w.starts_at for w in workshops}) == 2
    assert {"keynote", "panel"} <= set(congress.sessions.values_list("kind", flat=True))
    assert congress.organisers.filter(email="smart-region@demo.rathaus.invalid").exists()
    assert congress.organiser.slug == "smart-region-hessen"
    conferences = Event.objects.filter(kind="regionalkonferenz", state="published")
    assert sorted(e.region.slug for e in conferences) == ["rb-darmstadt", "rb-giessen", "rb-kassel"]
    assert all(120 <= e.capacity <= 160 for e in conferences)
    assert Event.objects.filter(kind="regionalforum", format="online").count() == 4
    assert Event.objects.filter(kind="webinar").count() == 2
    full = Event.objects.get(slug="webinar-foerdermittel")
    assert Registration.objects.filter(event=full, status="waiting").count() == 2
    past = Event.objects.get(state="done")
    assert past.attendance and past.sessions.get().materials.filter(published=True).count() == 2
    assert EventRegion.objects.get(slug="rb-kassel").territory.key == "066"


def test_calendar_marks_examples(client, hessen, hamburg, schleswig_holstein, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    page = client.get("/veranstaltungen/").content.decode()
    assert page.count("kern-badge--warning") >= 10 and "Digitale Städte – Digitale Regionen" in page
    detail = client.get("/veranstaltungen/kongress-digitale-staedte-digitale-regionen/")
    assert "erfundenes Beispiel" in detail.content.decode()
