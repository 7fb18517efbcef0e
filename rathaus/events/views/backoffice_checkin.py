"""Check-in at the door (POST buttons that work on a phone without JavaScript), the badge
and name-list PDFs, the participant export (CSV) and the statistics page."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from rathaus.authentication.decorators import current_user, staff_required
from rathaus.core.csvexport import csv_response
from rathaus.core.errors import DomainError
from rathaus.core.svgchart import Bar, render_bar_chart
from rathaus.events import badges, participants, statistics
from rathaus.events.forms import SearchForm
from rathaus.events.models import Event, Registration
from rathaus.events.views.backoffice import managed_event, page
from rathaus.events.views.backoffice_people import _registration

CHART_ROWS = 20
CHECKIN_PAGE = 100  # people per check-in page (searching is faster at the door)


def _confirmed(event: Event):
    return event.registrations.filter(status=Registration.Status.CONFIRMED)


@staff_required
@require_safe
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    people = participants.find(event, Registration.Status.CONFIRMED, query)
    number = request.GET.get("seite", "")
    shown = Paginator(people, CHECKIN_PAGE).get_page(number if number.isdigit() else 1)
    context = {"form": form, "people": shown, "query": query,
               "params": urlencode({"q": query}) if query else "",
               "counts": participants.counts(event), "section": "checkin"}  # fmt: skip
    return page(request, "checkin.html", event, context=context)


@staff_required
@require_POST
def check(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    person = _registration(event, registration_pk)
    attended = request.POST.get("attended") == "1"
    try:
        participants.set_attended(current_user(request), person, attended)
    except DomainError as refused:
        messages.error(request, str(refused.message))
    else:
        name = f"{person.given_name} {person.family_name}"
        notice = _("%(name)s ist anwesend.") if attended else _("%(name)s ist nicht anwesend.")
        messages.success(request, notice % {"name": name})
    query = request.POST.get("q", "")[:100]
    url = reverse("events:manage_checkin", args=[event.pk])
    return redirect(f"{url}?{urlencode({'q': query})}#person-{person.pk}" if query else
                    f"{url}#person-{person.pk}")  # fmt: skip


@staff_required
@require_safe
def export(request: HttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    rows = list(participants.export_rows(event))
    response = csv_response(f"teilnehmende-{event.slug}.csv", participants.export_header(event),
                            rows)  # fmt: skip
    response["Cache-Control"] = "no-store"
    return response


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _people(event: Event) -> list[Registration]:
    confirmed = _confirmed(event).select_related("municipality")
    return list(confirmed.order_by("family_name", "given_name", "pk"))


@staff_required
@require_safe
def badge_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    return _pdf(badges.badge_sheet(event, _people(event)), f"namensschilder-{event.slug}.pdf")


@staff_required
@require_safe
def name_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    return _pdf(badges.name_list(event, _people(event)), f"namensliste-{event.slug}.pdf")


def _chart(rows: list[statistics.Place], title: str, id_prefix: str):
    bars = [Bar(place.name, place.count) for place in rows[:CHART_ROWS]]
    description = _("Anzahl der Anmeldungen; die Zahlen stehen auch in der Tabelle darunter.")
    return render_bar_chart(bars, title=title, description=description, decimals=0,
                            id_prefix=id_prefix)  # fmt: skip


@staff_required
@require_safe
def statistics_page(request: HttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    figures = statistics.figures(event)
    days = [Bar(f"{d.day:%d.%m.%Y}", d.cumulative) for d in figures.days[-CHART_ROWS:]]
    context = {
        "figures": figures,
        "days_chart": render_bar_chart(
            days, title=_("Anmeldungen insgesamt nach Tagen"), decimals=0, id_prefix="days",
            description=_("Zahl der Anmeldungen bis zu jedem Tag; Tabelle darunter."),
        ),
        "district_chart": _chart(figures.per_regierungsbezirk,
                                 _("Teilnehmende je Regierungsbezirk"), "districts"),
        "town_chart": _chart(figures.per_municipality, _("Teilnehmende je Kommune"), "towns"),
        "section": "statistics",
    }  # fmt: skip
    return page(request, "statistics.html", event, context=context)
