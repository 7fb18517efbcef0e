"""The designer's start page: her services, those she can copy, and four ways to begin."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rathaus.accounts.http import posted
from rathaus.authentication.decorators import staff_required
from rathaus.definitions.models import CodeList, DefinitionVersion
from rathaus.designer import services
from rathaus.designer.forms.start import (
    MAX_FILE,
    MAX_FIM,
    CodeListForm,
    CopyForm,
    EmptyForm,
    FileForm,
    FimForm,
)
from rathaus.designer.views.common import designer

STARTS: dict[str, type[EmptyForm | CopyForm | FileForm | FimForm]] = {
    "leer": EmptyForm,
    "kopie": CopyForm,
    "datei": FileForm,
    "fim": FimForm,
}


@staff_required
def index(request: HttpRequest) -> HttpResponse:
    user = designer(request)
    definitions = services.visible_definitions(user).prefetch_related("versions")
    own: list[dict[str, Any]] = []
    shared: list[dict[str, Any]] = []
    for definition in definitions.order_by("title"):
        versions = sorted(definition.versions.all(), key=lambda v: -v.number)
        row = {"definition": definition, "head": versions[0] if versions else None,
               "current": next((v for v in versions if v.status == "published"), None)}  # fmt: skip
        (own if services.may_edit(user, definition) else shared).append(row)
    return render(request, "designer/index.html", {"own": own, "shared": shared})


def _copy_sources(user: Any) -> list[tuple[str, str]]:
    sources = []
    for definition in services.visible_definitions(user).order_by("title"):
        version = (
            definition.versions.filter(status=DefinitionVersion.Status.PUBLISHED).first()
            or definition.versions.first()
        )
        if version is not None:
            sources.append(
                (str(version.pk), f"{definition.title} ({definition.slug} v{version.number})")
            )
    return sources


def _forms(request: HttpRequest, user: Any, chosen: str) -> dict[str, Any]:
    authorities = list(services.design_authorities(user))
    forms = {}
    for key, form_class in STARTS.items():
        data = posted(request) if key == chosen else None
        files = request.FILES if key == chosen and request.method == "POST" else None
        extra: dict[str, Any] = {"sources": _copy_sources(user)} if key == "kopie" else {}
        forms[key] = form_class(data, files, authorities=authorities, prefix=key, **extra)
    return forms


def _begin(user: Any, key: str, form: Any) -> DefinitionVersion:
    data = form.cleaned_data
    authority = data.get("authority")
    if key == "leer":
        return services.start_empty(
            user, data["title"], title_en=data["title_en"], slug=data["slug"], authority=authority
        )
    if key == "kopie":
        source = DefinitionVersion.objects.select_related("definition").get(pk=data["source"])
        return services.start_copy(user, source, title=data["title"], authority=authority)
    if key == "datei":
        upload = data["file"]
        if upload.size > MAX_FILE:
            raise services.Refused(_("Die Datei ist größer als 1 MB."), "file")
        return services.start_from_file(user, upload.read(), upload.name, authority=authority)
    uploads = data["schema_files"]
    if sum(upload.size for upload in uploads) > MAX_FIM:
        raise services.Refused(_("Die Dateien sind zusammen größer als 20 MB."), "schema_files")
    files = {upload.name: upload.read() for upload in uploads}
    return services.start_from_fim(user, files, authority=authority)


@staff_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    user = designer(request)
    chosen = request.POST.get("start", "") if request.method == "POST" else ""
    forms = _forms(request, user, chosen)
    form = forms.get(chosen)
    if form is not None and form.is_valid():
        try:
            version = _begin(user, chosen, form)
        except services.Refused as refused:
            form.add_error(
                refused.field if refused.field in form.fields else None, str(refused.message)
            )
        else:
            messages.success(request, _("Der Dienst ist als Entwurf angelegt."))
            return redirect("designer:editor", version.definition.slug)
    status = 400 if form is not None and form.errors else 200
    context = {"forms": forms, "chosen": chosen, "has_errors": status == 400}
    return render(request, "designer/start.html", context, status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def code_lists(request: HttpRequest) -> HttpResponse:
    """The code lists designers can fill choices from; upload one more."""
    user = designer(request)
    form = CodeListForm(posted(request), request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            kept = services.upload_code_list(user, upload.read(5_000_001), upload.name)
        except services.Refused as refused:
            form.add_error("file", str(refused.message))
        else:
            messages.success(
                request, _("Die Codeliste „%(name)s“ ist gespeichert.") % {"name": kept}
            )
            return redirect("designer:code_lists")
    context = {"form": form, "code_lists": CodeList.objects.all()}
    return render(request, "designer/code_lists.html", context, status=400 if form.errors else 200)
