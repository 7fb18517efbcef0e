"""Thin views of the OZG coverage dashboard: the dashboard, one page per Gemeinde, CSV.

Public pages (no login), except the operator's overview of every Land. Filter and order
come from the URL through ``CoverageFilterForm``; unknown values are named in an error
summary and replaced by the defaults, so no link breaks the page.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from rathaus.authentication.decorators import staff_required
from rathaus.catalog.models import LifeSituation
from rathaus.core.csvexport import download
from rathaus.core.services import municipality_by_key
from rathaus.coverage import graphics, services
from rathaus.coverage.export import coverage_csv
from rathaus.coverage.forms import SORT_CHOICES, CoverageFilterForm


def _query(situation: LifeSituation | None, sort: str = services.DEFAULT_SORT) -> str:
    """The query string that keeps the filter (empty for the defaults)."""
    params = {"lebenslage": situation.slug} if situation else {}
    if sort != services.DEFAULT_SORT:
        params["sort"] = sort
    return f"?{urlencode(params)}" if params else ""


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    form = CoverageFilterForm(request.GET)
    situation, sort = form.chosen_life_situation(), form.chosen_sort()
    report = services.coverage_report(situation)
    detail_query = _query(situation)

    def href(row: services.MunicipalityCoverage) -> str:
        return reverse("coverage:municipality", args=[row.municipality.key]) + detail_query

    context = {
        "form": form,
        "report": report,
        "rows": [(row, href(row)) for row in services.sorted_municipalities(report, sort)],
        "kreise": [(kreis, graphics.kreis_label(kreis.kreis)) for kreis in report.kreise],
        "map": graphics.coverage_map(report, href),
        "chart": graphics.kreis_chart(report),
        "export_url": reverse("coverage:export") + _query(situation, sort),
        "sort_label": dict(SORT_CHOICES)[sort],
    }
    return render(request, "coverage/dashboard.html", context)


@require_safe
def municipality(request: HttpRequest, key: str) -> HttpResponse:
    place = municipality_by_key(key)
    if place is None:
        raise Http404("unknown Gemeinde")
    form = CoverageFilterForm(request.GET, with_sort=False)
    situation = form.chosen_life_situation()
    report = services.coverage_report(situation)
    row = report.for_key(place.key)
    if row is None:  # pragma: no cover  (every Gemeinde is in the report)
        raise Http404("unknown Gemeinde")
    context = {
        "form": form,
        "place": place,
        "row": row,
        "kreis_label": graphics.kreis_label(row.kreis) if row.kreis else "",
        "report": report,
        "online": [status for status in row.statuses if status.online],
        "offline": [status for status in row.statuses if not status.online],
        "dashboard_url": reverse("coverage:dashboard") + _query(situation),
        "catalog_query": f"?{urlencode({'gemeinde': place.key})}",
    }
    return render(request, "coverage/municipality.html", context)


@require_safe
def export(request: HttpRequest) -> HttpResponse:
    form = CoverageFilterForm(request.GET)
    if not form.is_valid():
        message = _("Unbekannte Lebenslage oder Sortierung: bitte den Link von der Seite nutzen.")
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    situation, sort = form.chosen_life_situation(), form.chosen_sort()
    report = services.coverage_report(situation)
    text = coverage_csv(report, services.sorted_municipalities(report, sort))
    name = f"ozg-abdeckung-{situation.slug if situation else 'alle'}.csv"
    return download(text, name, "text/csv; charset=utf-8")


@require_safe
@staff_required
def tenants(request: HttpRequest) -> HttpResponse:
    """The operator's view: every Land's coverage side by side (platform administrators)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    return render(request, "coverage/tenants.html", {"rows": services.tenants_overview()})
