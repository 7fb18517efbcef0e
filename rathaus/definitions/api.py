"""Read-only API of published service definitions (the documents, as JSON)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from ninja import Router, Schema

from rathaus.core.apierrors import Error, ValidationError
from rathaus.definitions.models import DefinitionVersion
from rathaus.definitions.services import current_version, published_versions

router = Router(tags=["Dienstdefinitionen"])


# The error bodies of the whole REST API. They live here, in the lowest app with a router,
# so that every router can declare them (apps in layers: no app imports rathaus.api);
# rathaus.api.errors installs the handlers that answer with them.


class DefinitionOut(Schema):
    slug: str
    title: str
    version: int
    published_at: str


class DefinitionDocumentOut(DefinitionOut):
    document: dict[str, Any]


def _out(version: DefinitionVersion, with_document: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": version.definition.slug,
        "title": version.definition.title,
        "version": version.number,
        "published_at": version.published_at.isoformat() if version.published_at else "",
    }
    if with_document:
        data["document"] = version.document
    return data


def _published():
    return published_versions()


@router.get("", response=list[DefinitionOut])
def definition_list(request):
    """The newest published version of every definition."""
    newest: dict[str, DefinitionVersion] = {}
    for version in _published().order_by("definition__slug", "number"):
        newest[version.definition.slug] = version
    return [_out(v) for v in newest.values()]


@router.get("/{slug}", response={200: DefinitionDocumentOut, 404: Error, 422: ValidationError})
def definition_current(request, slug: str):
    version = current_version(slug)
    if version is None:
        raise Http404
    return _out(version, with_document=True)


@router.get(
    "/{slug}/versions/{number}",
    response={200: DefinitionDocumentOut, 404: Error, 422: ValidationError},
)
def definition_version(request, slug: str, number: int):
    """A published version, as every submission pinned to it renders."""
    version = _published().filter(definition__slug=slug, number=number).first()
    if version is None:
        raise Http404
    return _out(version, with_document=True)
