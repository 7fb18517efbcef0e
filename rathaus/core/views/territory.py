"""Public pages of the territory: the municipality search (HTML, or JSON for autocomplete)
and one page per territory with its place in the hierarchy and its authorities.

The search works without JavaScript: ``GET /gebiete/suche/?q=Darm`` renders a form and a
results table; with ``Accept: application/json`` or ``?format=json`` it answers
``[{"key": ..., "name": ..., "kreis": ...}]`` (or HTTP 400 with ``{"error": ...}``).
"""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from rathaus.core import services, territory_sections
from rathaus.core.forms import LENGTH_HINT, TerritorySearchForm
from rathaus.core.models import Territory

HTML_LIMIT = 25
JSON_LIMIT = 10
CHILDREN_HEADINGS: dict[str, Promise] = {
    Territory.Level.REGIERUNGSBEZIRK: _("Regierungsbezirke"),
    Territory.Level.KREIS: _("Kreise und kreisfreie Städte"),
    Territory.Level.GEMEINDE: _("Gemeinden"),
}


def _wants_json(request: HttpRequest) -> bool:
    if request.GET.get("format") == "json":
        return True
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _as_json(municipality: Territory) -> dict[str, str | None]:
    parent = municipality.parent
    kreis = parent.name if parent and parent.level == Territory.Level.KREIS else None
    return {"key": municipality.key, "name": municipality.name, "kreis": kreis}


def _json_search(form: TerritorySearchForm) -> JsonResponse:
    if not form.is_valid():
        errors = form.errors.get("q") or [LENGTH_HINT]
        return JsonResponse({"error": str(errors[0])}, status=400)
    results = services.search_municipalities(form.cleaned_data["q"], limit=JSON_LIMIT)
    return JsonResponse(
        [_as_json(municipality) for municipality in results],
        safe=False,
        json_dumps_params={"ensure_ascii": False},
    )


def _html_search(request: HttpRequest, form: TerritorySearchForm, bound: bool) -> HttpResponse:
    query, results = "", []
    if bound and form.is_valid():
        query = form.cleaned_data["q"]
        results = services.search_municipalities(query, limit=HTML_LIMIT)
    context = {
        "form": form,
        "query": query,
        "results": results,
        "searched": bool(query),
        "limit": HTML_LIMIT,
    }
    return render(request, "core/territory/search.html", context)


@require_safe
def territory_search(request: HttpRequest) -> HttpResponse:
    bound = "q" in request.GET
    form = TerritorySearchForm(request.GET if bound else None)
    wants_json = _wants_json(request)
    response = _json_search(form) if wants_json else _html_search(request, form, bound)
    patch_vary_headers(response, ["Accept"])
    return response


def _rows(territories) -> list[dict[str, object]]:
    return [{"territory": t, "kind": services.kind_label(t)} for t in territories]


@require_safe
def territory_detail(request: HttpRequest, key: str) -> HttpResponse:
    territory = services.territory_by_key(key)
    if territory is None:
        raise Http404("unknown territory key")
    children = list(territory.children.order_by("search_name", "key"))
    area = territory.area_hectares
    context = {
        "territory": territory,
        "kind": services.kind_label(territory),
        "ancestors": list(reversed(services.resolution_chain(territory)[1:])),
        "area_km2": Decimal(area) / 100 if area is not None else None,
        "children": _rows(children),
        "children_heading": CHILDREN_HEADINGS.get(children[0].level) if children else None,
        "authorities": services.authorities_for(territory),
        "sections": territory_sections.sections_for(territory),
    }
    return render(request, "core/territory/detail.html", context)
