"""Adding and removing images and documents of a project's draft."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rathaus.accounts.models import User
from rathaus.authentication.decorators import staff_required
from rathaus.projects import media
from rathaus.projects.editorial import WorkflowError
from rathaus.projects.forms import DocumentForm, ImageForm
from rathaus.projects.views.editor import (
    DOCUMENT_IDS,
    editable_project,
    manage_page,
    project_form,
)

KINDS = ("bild", "dokument")


@staff_required
@require_POST
def upload(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user = cast(User, request.user)
    if kind not in KINDS:
        raise Http404
    project = editable_project(request, pk)
    is_image = kind == "bild"
    form: forms.Form = (
        ImageForm(request.POST, request.FILES)
        if is_image
        else DocumentForm(request.POST, request.FILES, auto_id=DOCUMENT_IDS)
    )
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            if is_image:
                media.add_image(user, project, data["image"], data["alt_text"], data["caption"])
            else:
                media.add_document(user, project, data["document"], data["title"])
        except media.UploadRefused as problem:
            form.add_error("image" if is_image else "document", problem.message)
        except WorkflowError as problem:
            error = str(problem)
        else:
            messages.success(request, _("Die Datei ist dem Entwurf hinzugefügt."))
            return redirect("projects:manage", pk=project.pk)
    forms_on_page = {"image_form": form} if is_image else {"document_form": form}
    return manage_page(request, project, project_form(user, project), error=error,
                        **forms_on_page)  # fmt: skip


@staff_required
@require_POST
def remove(request: HttpRequest, pk: int, kind: str, media_id: int) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    project = editable_project(request, pk)
    try:
        media.remove_media(cast(User, request.user), project, kind, media_id)
    except WorkflowError as problem:
        messages.error(request, str(problem))
    return redirect("projects:manage", pk=project.pk)
