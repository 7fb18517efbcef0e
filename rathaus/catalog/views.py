"""Thin views of the catalogue: search and filter services, a service with who is responsible."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from rathaus.catalog import services
from rathaus.catalog.forms import CatalogSearchForm
from rathaus.core.municipalities import (
    datalist_options,
    lookup_error,
    municipality_suggestions,
    resolve_municipality,
)
from rathaus.definitions.services import current_version, definition_of
from rathaus.search.echo import search_echo


def _language() -> str:
    return (get_language() or "de")[:2]


def _search_form(request: HttpRequest) -> CatalogSearchForm:
    """The search form; a signed-in citizen's own Gemeinde fills in when the URL names none,
    a Gemeinde key from a result link shows as "Name (key)"."""
    return CatalogSearchForm(services.catalogue_query(request.GET, request.user) or None)


def _municipality(form: CatalogSearchForm):
    """The Gemeinde from the form, or None (with the reason added to the form's errors)."""
    text = form.cleaned_data.get("gemeinde", "") if form.is_valid() else ""
    if not text:
        return None
    lookup = resolve_municipality(text)
    if lookup.territory is None:
        form.add_error("gemeinde", lookup_error(text, lookup))
    return lookup.territory


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    form = _search_form(request)
    municipality = _municipality(form) if form.is_bound else None
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    situation = form.cleaned_data.get("lebenslage") if form.is_valid() else None
    online = bool(form.is_valid() and form.cleaned_data.get("online"))
    ids = services.catalogue_ids(query, situation, municipality, online)
    page = Paginator(ids, services.CATALOGUE_PAGE).get_page(request.GET.get("seite"))
    shown = services.services_by_ids(list(page.object_list))
    responsible = services.resolve_many(shown, municipality) if municipality else {}
    results = [(service, responsible.get(service.pk)) for service in shown]
    params = request.GET.copy()
    params.pop("seite", None)
    context = {
        "form": form,
        "results": results,
        "page": page,
        "params": params.urlencode(),
        "municipality": municipality,
        "query": query,
        "echo": search_echo(query),
        "language": _language(),
        "datalist": datalist_options(municipality_suggestions("")),
    }
    return render(request, "catalog/index.html", context)


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = services.service_by_slug(slug)
    if service is None:
        raise Http404
    form = _search_form(request)
    municipality = _municipality(form) if form.is_bound else None
    responsibility = services.resolve(service, municipality) if municipality else None
    version = current_version(service.definition_slug) if service.definition_slug else None
    definition = definition_of(version) if version else None
    context = {
        "service": service,
        "form": form,
        "municipality": municipality,
        "responsibility": responsibility,
        "definition": definition,
        "can_apply": bool(
            definition and responsibility and responsibility.offer and responsibility.offer.online
        ),
        "language": _language(),
        "datalist": datalist_options(municipality_suggestions("")),
    }
    return render(request, "catalog/detail.html", context)
