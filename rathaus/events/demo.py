"""Demo events (development only, through ``core.demo``'s hook), per tenant. Hessen: the
congress "Digitale Städte – Digitale Regionen", three regional conferences, four virtual
regional forums, two webinars (one full, with a waiting list) and one past conference
with materials. The other tenants: one event of their Smart Region office each
(``EVENTS``). Every event is ``is_example``. Idempotent: rows are found by their slugs,
titles and e-mail addresses; dates move with the day the demo is loaded."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from rathaus.accounts.demo import office_email
from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.core import demo as core_demo
from rathaus.core import pdf
from rathaus.core.demo import DemoLogin
from rathaus.core.models import Authority, Territory
from rathaus.events import demo_data as data
from rathaus.events.models import (
    Event,
    EventRegion,
    Exhibitor,
    Material,
    Registration,
    Session,
    Speaker,
    WorkshopSeat,
)

CONGRESS = "kongress-digitale-staedte-digitale-regionen"
REGION_KEYS = {"rb-darmstadt": "064", "rb-giessen": "065", "rb-kassel": "066"}
Kind, Format, State = Event.Kind, Event.Format, Event.State
Status = Registration.Status
EXPO_QUESTION = [
    {"type": "radio", "id": "teilnahme_expo", "label": "Besuchen Sie die EXPO?",
     "options": [{"value": "ja", "label": "Ja"}, {"value": "nein", "label": "Nein"}]},
]  # fmt: skip

# The events of the other tenants' demos (fields of ``Event``, plus ``days`` and ``hours``).
EVENTS: dict[str, list[dict[str, Any]]] = {
    "hamburg": [
        {"slug": "werkstatt-digitale-stadt-hamburg", "title": "Werkstatt Digitale Stadt",
         "kind": Kind.WORKSHOP, "format": Format.IN_PERSON, "days": 30, "hours": ("10:00", "15:00"),
         "summary": "Bezirksämter und Fachbehörden zeigen einander ihre Vorhaben für die "
         "digitale Stadt und planen gemeinsame Piloten.",
         "description": "## Worum es geht\n\nKurze Berichte aus den Bezirken, danach "
         "Arbeitsgruppen zu Daten, Mobilität und Bürgerservice.",
         "capacity": 80, "venue": "Rathaus Hamburg, Kaisersaal (Beispiel)",
         "address": "Rathausmarkt 1, 20095 Hamburg",
         "accessibility": "Stufenlos erreichbar über den Aufzug im Innenhof."},
    ],
    "schleswig-holstein": [
        {"slug": "webinar-smarte-region-schleswig-holstein",
         "title": "Webinar: Offene Daten für Kommunen in Schleswig-Holstein",
         "kind": Kind.WEBINAR, "format": Format.ONLINE, "days": 21, "hours": ("11:00", "12:00"),
         "summary": "Eine Stunde Überblick: welche Daten Gemeinden, Ämter und Kreise zuerst "
         "veröffentlichen können, mit Zeit für Fragen.",
         "capacity": 100,
         "online_link": "https://konferenz.demo.rathaus.invalid/offene-daten-sh"},
    ],
}  # fmt: skip


def _at(day: date, clock: str) -> datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hours, minutes)))


def _day(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def link_regions() -> None:
    for slug, key in REGION_KEYS.items():
        territory = Territory.objects.filter(key=key).first()
        if territory is not None:
            EventRegion.objects.filter(slug=slug, territory__isnull=True).update(
                territory=territory
            )


def _event(slug: str, organiser: Authority, team: User | None, **fields: Any) -> Event:
    day = timezone.localtime(fields["starts_at"]).date()
    fields.setdefault("retention_until", day + timedelta(days=180))
    fields.setdefault("state", State.PUBLISHED)
    event, _created = Event.objects.update_or_create(
        slug=slug, defaults={**fields, "organiser": organiser, "is_example": True}
    )
    if team is not None:
        event.organisers.add(team)
    return event


def _speakers(event: Event) -> list[Speaker]:
    people = []
    for index in range(data.SPEAKER_COUNT):
        name = f"{data.GIVEN[index]} {data.FAMILY[index % len(data.FAMILY)]}"
        organisation = data.ORGANISATIONS[index % len(data.ORGANISATIONS)]
        speaker, _created = Speaker.objects.update_or_create(
            event=event, name=name,
            defaults={"organisation": f"{organisation} (Beispiel)",
                      "profile": "Erfundene Person zur Vorführung der Plattform (Beispiel)."},
        )  # fmt: skip
        people.append(speaker)
    return people


def _programme(event: Event, day: date, people: list[Speaker]) -> list[Session]:
    sessions = []
    for title, kind, start, end, room, capacity, talks, moderation in data.CONGRESS_PROGRAMME:
        session, _created = Session.objects.update_or_create(
            event=event, title=title,
            defaults={"kind": kind, "starts_at": _at(day, start), "ends_at": _at(day, end),
                      "room": room, "capacity": capacity},
        )  # fmt: skip
        session.speakers.set([people[i] for i in talks])
        session.moderators.set([people[i] for i in moderation])
        sessions.append(session)
    return sessions


def _exhibitors(event: Event) -> None:
    for index in range(data.EXHIBITOR_COUNT):
        topic = data.EXHIBITOR_TOPICS[index % len(data.EXHIBITOR_TOPICS)]
        Exhibitor.objects.update_or_create(
            event=event, organisation=f"Beispielfirma {index + 1}: {topic}",
            defaults={"stand": f"E{index + 1:02d}", "contact": "expo@demo.rathaus.invalid",
                      "description": f"Erfundener Aussteller zum Thema {topic} (Beispiel)."},
        )  # fmt: skip


def _congress(office: Authority, team: User | None) -> Event:
    day = _day(60)
    event = _event(
        CONGRESS, office, team, title="Digitale Städte – Digitale Regionen", kind=Kind.CONGRESS,
        format=Format.HYBRID, summary="Der Kongress für die Digitalisierung der hessischen "
        "Kommunen: Keynote, Podien, vier Workshops und eine EXPO mit 21 Ausstellern.",
        description="## Worum es geht\n\nKommunen zeigen, was sie umgesetzt haben, und "
        "planen gemeinsam die nächsten Schritte.",
        starts_at=_at(day, "09:00"), ends_at=_at(day, "18:00"), capacity=400,
        venue="Kurhaus Wiesbaden (Beispiel)", address="Kurhausplatz 1, 65189 Wiesbaden",
        accessibility="Alle Räume sind stufenlos erreichbar; Induktionsschleife im Plenum; "
        "Gebärdensprachdolmetschung für Keynote und Podien.",
        online_link="https://stream.demo.rathaus.invalid/kongress",
        registration_opens_at=timezone.now() - timedelta(days=14),
        questions=EXPO_QUESTION,
    )  # fmt: skip
    sessions = _programme(event, day, _speakers(event))
    _exhibitors(event)
    _register(event, 3, workshop=sessions[5])
    return event


def _regional(office: Authority, team: User | None) -> list[Event]:
    events = []
    for slug, region, city, venue, address, capacity, days in data.CONFERENCES:
        day = _day(days)
        events.append(_event(
            slug, office, team, title=f"Regionalkonferenz {city}", kind=Kind.REGIONAL_CONFERENCE,
            format=Format.IN_PERSON, region=EventRegion.objects.get(slug=region),
            summary=f"Kommunen des Regierungsbezirks tauschen sich in {city} über ihre "
            "Digitalisierungsprojekte aus.", starts_at=_at(day, "10:00"),
            ends_at=_at(day, "16:00"), capacity=capacity, venue=venue, address=address,
            accessibility="Stufenlos erreichbar, barrierefreie Toiletten.",
        ))  # fmt: skip
    for slug, name, days in data.FORUMS:
        day = _day(days)
        events.append(_event(
            f"regionalforum-{slug}", office, team, title=f"Virtuelles Regionalforum {name}",
            kind=Kind.REGIONAL_FORUM, format=Format.ONLINE,
            region=EventRegion.objects.get(slug=slug), summary="Online an Projektideen "
            f"arbeiten: Kommunen aus {name} entwickeln gemeinsam Vorhaben weiter.",
            starts_at=_at(day, "14:00"), ends_at=_at(day, "16:30"), capacity=60,
            online_link=f"https://konferenz.demo.rathaus.invalid/forum-{slug}",
        ))  # fmt: skip
    return events


def _webinars(office: Authority, team: User | None) -> list[Event]:
    events = []
    for slug, title, capacity, days in data.WEBINARS:
        day = _day(days)
        events.append(_event(
            slug, office, team, title=title, kind=Kind.WEBINAR, format=Format.ONLINE,
            summary="Eine Stunde Überblick mit Zeit für Fragen.", starts_at=_at(day, "11:00"),
            ends_at=_at(day, "12:00"), capacity=capacity,
            online_link=f"https://konferenz.demo.rathaus.invalid/{slug}",
        ))  # fmt: skip
    _register(events[1], events[1].capacity + 2)
    return events


def _past(office: Authority, team: User | None) -> Event:
    day = _day(-45)
    event = _event(
        "regionalkonferenz-mittelhessen-fruehjahr", office, team,
        title="Regionalkonferenz Mittelhessen (Frühjahr)", kind=Kind.REGIONAL_CONFERENCE,
        format=Format.IN_PERSON, region=EventRegion.objects.get(slug="rb-giessen"),
        summary="Rückblick: Vorträge und Folien der Frühjahrskonferenz.", state=State.DONE,
        starts_at=_at(day, "10:00"), ends_at=_at(day, "15:00"), capacity=130, attendance=112,
        venue="Rathaus Wetzlar (Beispiel)", address="Ernst-Leitz-Straße 30, 35578 Wetzlar",
        retention_until=day + timedelta(days=120),
    )  # fmt: skip
    talk, _created = Session.objects.update_or_create(
        event=event, title="Vortrag: Ein Jahr kommunale Datenplattform",
        defaults={"kind": Session.Kind.TALK, "starts_at": _at(day, "10:30"),
                  "ends_at": _at(day, "11:15"), "room": "Großer Saal"},
    )  # fmt: skip
    if not talk.materials.exists():
        story = [pdf.paragraph("Ein Jahr kommunale Datenplattform (Beispiel)", "Title")]
        slides = ContentFile(pdf.render("Folien (Beispiel)", "Rathaus", story), "folien.pdf")
        Material.objects.create(session=talk, kind=Material.Kind.SLIDES, published=True,
                                title="Folien zum Vortrag (Beispiel)", file=slides)  # fmt: skip
        video = "https://video.demo.rathaus.invalid/datenplattform"
        Material.objects.create(session=talk, kind=Material.Kind.VIDEO, published=True,
                                title="Aufzeichnung (Beispiel)", url=video)  # fmt: skip
    return event


def _register(event: Event, count: int, workshop: Session | None = None) -> None:
    for index in range(count):
        status = Status.CONFIRMED if index < event.capacity else Status.WAITING
        registration, created = Registration.objects.get_or_create(
            event=event, email=f"teilnahme{index + 1}.{event.pk}@demo.rathaus.invalid",
            defaults={"status": status, "given_name": data.GIVEN[index % len(data.GIVEN)],
                      "family_name": "Beispiel", "organisation": "Gemeinde Probedorf (Beispiel)",
                      "role": "Digitalisierungsbeauftragte"},
        )  # fmt: skip
        if created and workshop is not None and index == 0:
            WorkshopSeat.objects.create(registration=registration, session=workshop)


def _hessian_programme(office: Authority, team: User | None) -> list[Event]:
    link_regions()
    return [_congress(office, team), *_regional(office, team), *_webinars(office, team),
            _past(office, team)]  # fmt: skip


def _simple(office: Authority, team: User | None, row: dict[str, Any]) -> Event:
    """One event of ``EVENTS``: its day in ``days`` from today, its hours as "10:00"."""
    fields = dict(row)
    day = _day(fields.pop("days"))
    starts, ends = fields.pop("hours")
    return _event(fields.pop("slug"), office, team, starts_at=_at(day, starts),
                  ends_at=_at(day, ends), **fields)  # fmt: skip


def load_demo_events(authorities: dict[str, Authority]) -> list[DemoLogin]:
    """Create or update the demo events of the tenant in scope, organised by its Smart
    Region office; returns no new logins (the office's exists)."""
    land = core_demo.land()
    office = authorities[land.office]
    team = User.objects.filter(email=office_email()).first()
    if land.tenant == "hessen":
        events = _hessian_programme(office, team)
    else:
        events = [_simple(office, team, row) for row in EVENTS.get(land.tenant, [])]
    log_action(None, "events.demo_loaded", None, {"events": len(events)})
    return []
