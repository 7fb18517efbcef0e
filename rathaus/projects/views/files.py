"""Images and documents of projects, served only to those who may see the revision they
belong to: everyone for the published revision of a visible project, editors for drafts."""

from __future__ import annotations

from typing import cast

from django.http import Http404, HttpRequest
from django.views.decorators.http import require_safe

from rathaus.accounts.models import User
from rathaus.core.files import file_response
from rathaus.projects.access import can_edit
from rathaus.projects.models import Project, RevisionDocument, RevisionImage

MODELS: dict[str, type[RevisionImage] | type[RevisionDocument]] = {
    "bild": RevisionImage,
    "dokument": RevisionDocument,
}


@require_safe
def media(request: HttpRequest, kind: str, pk: int):
    model = MODELS.get(kind)
    # Images and documents are not tenant-owned: only those of the tenant's projects.
    mine = Project.objects.all()
    item = (
        model.objects.select_related("revision__project")
        .filter(pk=pk, revision__project__in=mine)
        .first()
        if model
        else None
    )
    if item is None or not item.file:
        raise Http404
    project = item.revision.project
    public = project.published_id == item.revision_id
    if not public and not can_edit(cast(User, request.user), project):
        raise Http404
    return file_response(item.file)
