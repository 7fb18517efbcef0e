"""Public pages: the project list with search and facets, a project, the exports and feed,
and the Modellprojekte Smart Cities collection."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from rathaus.core.csvexport import download
from rathaus.projects import maps, presentation, query, services
from rathaus.projects.forms import ProjectSearchForm
from rathaus.projects.models import ModelProject
from rathaus.search.echo import search_echo


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    form = ProjectSearchForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    text = form.cleaned_data.get("q", "") if valid and form.is_bound else ""
    sort = form.cleaned_data.get("sort", "") if valid and form.is_bound else ""
    project_query = query.from_params(request.GET, text, sort)
    found = services.find(project_query)
    project_map, place_rows = maps.project_map(found.places, found.version)
    context = {
        "form": form,
        "query": project_query,
        "found": found,
        "facets": presentation.facet_groups(found.facets, project_query),
        "pages": presentation.page_links(project_query, found),
        "echo": search_echo(text),
        "params": query.to_params(project_query),
        "project_map": project_map,
        "place_rows": place_rows,
        "language": (get_language() or "de")[:2],
    }
    return render(request, "projects/index.html", context)


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = services.published_project(slug)
    if project is None:
        raise Http404
    context = {
        "project": project,
        "revision": project.published,
        **presentation.detail_context(project, request.user),
    }
    return render(request, "projects/detail.html", context)


@require_safe
def model_projects(request: HttpRequest) -> HttpResponse:
    rows = ModelProject.objects.select_related("territory")
    years = sorted({row.year for row in rows})
    context = {"groups": [(year, [r for r in rows if r.year == year]) for year in years]}
    return render(request, "projects/model_projects.html", context)


@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    body = services.export_csv()
    return download(body, "smart-region-projekte.csv", "text/csv; charset=utf-8")


@require_safe
def export_json(request: HttpRequest) -> HttpResponse:
    body = services.export_json()
    return download(body, "smart-region-projekte.json", "application/json")


@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    body = services.atom_feed()
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
