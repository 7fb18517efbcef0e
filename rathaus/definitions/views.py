"""The designer's pages: upload a definition file, see every problem with its path,
preview the steps as citizens will see them, publish."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rathaus.accounts.models import User
from rathaus.authentication.decorators import staff_required
from rathaus.definitions import engine
from rathaus.definitions.forms import UploadForm
from rathaus.definitions.models import Definition, DefinitionVersion
from rathaus.definitions.presentation import step_fields
from rathaus.definitions.schema import localize
from rathaus.definitions.services import (
    DefinitionInvalid,
    definition_of,
    import_definition,
    may_design,
    publish,
)

MAX_UPLOAD = 1_000_000


def _designer(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not may_design(user):
        raise PermissionDenied
    return user


@staff_required
def index(request: HttpRequest) -> HttpResponse:
    user = _designer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        raw = upload.read(MAX_UPLOAD + 1)
        try:
            version = import_definition(raw, actor=user, source=f"upload:{upload.name}"[:200])
        except DefinitionInvalid as invalid:
            problems = invalid.problems
        else:
            messages.success(request, _("Die Datei ist gültig und als Entwurf gespeichert."))
            return redirect("definitions:version", version.definition.slug, version.number)
    context = {
        "form": form,
        "problems": problems,
        "definitions": Definition.objects.prefetch_related("versions"),
    }
    return render(request, "definitions/index.html", context, status=400 if problems else 200)


def _version(slug: str, number: int) -> DefinitionVersion:
    version = (
        DefinitionVersion.objects.filter(definition__slug=slug, number=number)
        .select_related("definition")
        .first()
    )
    if version is None:
        raise Http404
    return version


@staff_required
def version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    _designer(request)
    version = _version(slug, number)
    definition = definition_of(version)
    steps = [
        {"title": localize(step.title, "de"), "fields": step_fields(definition, step, {}, {}, {})}
        for step in definition.steps
    ]
    context = {
        "version": version,
        "definition": definition,
        "steps": steps,
        "fees": [(localize(f.label, "de"), f.amount, f.when, f.quantity) for f in definition.fees],
        "visible_without_answers": len(engine.visible_steps(definition, {})),
    }
    return render(request, "definitions/version.html", context)


@staff_required
@require_POST
def version_publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    user = _designer(request)
    version = publish(_version(slug, number), actor=user)
    messages.success(request, _("Version %(n)d ist veröffentlicht.") % {"n": version.number})
    return redirect("definitions:version", slug, number)
