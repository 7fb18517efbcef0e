"""Versions of a definition: the list, a readable diff between any two, publishing and
rolling back, release for reuse, and the export as YAML, JSON or FIM field list."""

from __future__ import annotations

import json

import yaml
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rathaus.authentication.decorators import staff_required
from rathaus.catalog.models import Offer
from rathaus.definitions.diff import DocumentDiff, diff_documents
from rathaus.definitions.fim import FimError, fim_field_list
from rathaus.definitions.models import DefinitionVersion
from rathaus.definitions.services import current_version
from rathaus.designer import services
from rathaus.designer.views.common import opened


def _version(page: services.Any, number: int) -> DefinitionVersion:
    version = page.definition.versions.select_related("created_by").filter(number=number).first()
    if version is None:
        raise Http404
    return version


@staff_required
def history(request: HttpRequest, slug: str) -> HttpResponse:
    page = opened(request, slug)
    versions = (
        page.definition.versions.select_related("created_by")
        .defer("document", "report")
        .order_by("-number")
    )  # the documents are not shown: loading them cost most of the page
    offers = Offer.objects.filter(service__definition_slug=slug).select_related("territory")
    context = {
        "page": page, "versions": versions, "current": current_version(slug),
        "offers": [offer.territory.name for offer in offers],
    }  # fmt: skip
    return render(request, "designer/versions.html", context)


def _number(value: str | None, fallback: int) -> int:
    try:
        return int(value or fallback)
    except ValueError:
        return fallback


@staff_required
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    """``?von=3&bis=5``: what changed from version 3 to version 5 (any two, any order)."""
    page = opened(request, slug)
    newer = _version(page, _number(request.GET.get("bis"), page.head.number))
    older = _version(page, _number(request.GET.get("von"), max(1, newer.number - 1)))
    diff = diff_documents(older.document, newer.document)
    context = {
        "page": page,
        "older": older,
        "newer": newer,
        "diff": diff,
        "sections": _sections(diff),
    }
    return render(request, "designer/diff.html", context)


def _sections(diff: DocumentDiff) -> dict[str, list[str]]:
    """The diff's sentences by the part of the definition they concern."""
    subject = _("Dienst")
    definition = [change.sentence(subject) for change in diff.attributes]
    definition += diff.workflow.sentences() if diff.workflow else []
    return {
        "definition": definition,
        "steps": [line for item in diff.steps for line in item.sentences()],
        "fields": [line for item in diff.fields for line in item.sentences()],
        "rules": [rule.sentence() for rule in diff.rules],
        "fees": [line for item in diff.fees for line in item.sentences()],
        "decisions": [line for item in diff.decision_texts for line in item.sentences()],
    }


@staff_required
@require_POST
def publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    page = opened(request, slug)
    try:
        version = services.publish_version(page.user, _version(page, number))
    except services.Refused as refused:
        messages.error(request, str(refused.message))
    except services.NotPublishable as blocked:
        refusal = _("Version %(n)d hat noch %(count)d Problem(e); veröffentlichen geht erst ohne.")
        messages.error(request, refusal % {"n": number, "count": len(blocked.problems)})
    else:
        done = _("Version %(n)d ist veröffentlicht: neue Anträge verwenden sie.")
        messages.success(request, done % {"n": version.number})
    return redirect("designer:versions", slug)


@staff_required
@require_POST
def restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    page = opened(request, slug, edit=True)
    try:
        version = services.restore(page.user, _version(page, number))
    except services.EditConflict:
        messages.error(request, _("Inzwischen hat jemand anderes gespeichert; bitte noch einmal."))
    else:
        done = _("Version %(old)d ist als Entwurf %(n)d wiederhergestellt.")
        messages.success(request, done % {"old": number, "n": version.number})
    return redirect("designer:versions", slug)


@staff_required
@require_POST
def reuse(request: HttpRequest, slug: str) -> HttpResponse:
    page = opened(request, slug)
    wanted = request.POST.get("reusable") == "1"
    try:
        services.set_reusable(page.user, page.definition, wanted)
    except services.Refused as refused:
        messages.error(request, str(refused.message))
    else:
        messages.success(
            request,
            _("Andere Behörden können diesen Dienst jetzt übernehmen.")
            if wanted
            else _("Der Dienst ist nicht mehr zur Nachnutzung freigegeben."),
        )
    return redirect("designer:editor", slug)


@staff_required
@require_POST
def offer(request: HttpRequest, slug: str) -> HttpResponse:
    page = opened(request, slug)
    try:
        created = services.offer(page.user, page.definition)
    except services.Refused as refused:
        messages.error(request, str(refused.message))
    else:
        done = _("Der Dienst ist online beantragbar für %(where)s.")
        messages.success(request, done % {"where": created.territory.name})
    return redirect("designer:versions", slug)


@staff_required
def export(request: HttpRequest, slug: str, number: int, format: str) -> HttpResponse:  # noqa: A002
    """The document as YAML or JSON (what an import reads back unchanged), or the FIM
    field list for a specialist system."""
    page = opened(request, slug)
    version = _version(page, number)
    if format == "yaml":
        body = yaml.safe_dump(version.document, allow_unicode=True, sort_keys=False)
        content_type, suffix = "application/yaml; charset=utf-8", "yaml"
    elif format == "json":
        body = json.dumps(version.document, ensure_ascii=False, indent=2) + "\n"
        content_type, suffix = "application/json", "json"
    elif format == "fim.json":
        try:
            fields = fim_field_list(version.document)
        except FimError as error:
            raise Http404 from error  # not imported from FIM
        body = json.dumps(fields, ensure_ascii=False, indent=2) + "\n"
        content_type, suffix = "application/json", "fim.json"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slug}-v{number}.{suffix}"'
    return response
