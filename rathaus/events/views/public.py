"""Public pages: the calendar with filters, the event page, ``.ics`` files and the feed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from rathaus.accounts.services import portal_name
from rathaus.core.markdown import render_markdown
from rathaus.events import ical, listing
from rathaus.events.forms import CalendarFilter
from rathaus.events.models import Event

ICS_TYPE = "text/calendar; charset=utf-8"


def public_event(slug: str) -> Event:
    event = listing.public_events().filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


@require_safe
def calendar(request: HttpRequest) -> HttpResponse:
    filters = CalendarFilter(request.GET or None)
    past = filters.value("zeit") == "vergangen"
    events = listing.calendar_events(
        kind=filters.value("art"), region=filters.value("region"),
        format=filters.value("form"), past=past,
    )  # fmt: skip
    context = {"filters": filters, "events": events, "past": past,
               "filtered": any(filters.value(n) for n in ("art", "region", "form"))}  # fmt: skip
    return render(request, "events/public/calendar.html", context)


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = public_event(slug)
    over = event.ends_at < timezone.now()
    days = listing.programme_days(event, with_materials=over)
    context = {
        "event": event,
        "over": over,
        "description": render_markdown(event.description),
        "state": listing.seat_state(event),
        "days": days,
        "session_heading": "h4" if len(days) > 1 else "h3",
        "speakers": event.speakers.all(),
        "exhibitors": event.exhibitors.all(),
        "projects": listing.presented_projects(event),
    }
    return render(request, "events/public/detail.html", context)


def ics_response(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = public_event(slug)
    entry = ical.event_entry(event)
    return ics_response(ical.calendar([entry], name=event.title), f"{event.slug}.ics")


@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    entries = [ical.event_entry(event) for event in listing.feed_events()]
    name = _("Veranstaltungen – %(portal)s") % {"portal": portal_name()}
    return ics_response(ical.calendar(entries, name=name), "veranstaltungen.ics")
