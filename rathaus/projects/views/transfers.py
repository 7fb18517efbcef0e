"""Transfer requests: ask to adopt a project, talk, set the status."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rathaus.authentication.decorators import current_user, staff_required
from rathaus.projects import presentation, services, transfer
from rathaus.projects.forms import TransferMessageForm, TransferStatusForm

TRANSFER_PAGE = 50


@staff_required
@require_POST
def ask(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    project = services.published_project(slug)
    if project is None:
        raise Http404
    options = {str(t.pk): t for t in transfer.can_request_transfer(user, project)}
    form = TransferMessageForm(request.POST)
    municipality = options.get(request.POST.get("municipality", ""))
    error, field = "", {}
    if not form.is_valid():
        error = _("Bitte schreiben Sie eine Nachricht (höchstens 5.000 Zeichen).")
        field = {"anchor": "transfer-text", "label": _("Ihre Nachricht an das Projekt")}
    elif municipality is None:
        error = _("Für diese Kommune können Sie keine Übernahme anfragen.")
    else:
        try:
            created = transfer.request_transfer(
                user, project, municipality, form.cleaned_data["text"]
            )
        except transfer.TransferError as problem:
            error = str(problem)
        else:
            messages.success(request, _("Ihre Anfrage ist beim Projekt angekommen."))
            return redirect("projects:transfer", pk=created.pk)
    context = {
        "project": project,
        "revision": project.published,
        "transfer_form": form,
        "transfer_error": [{"message": error, **field}],
        **presentation.detail_context(project, user),
    }
    return render(request, "projects/detail.html", context, status=400)


@staff_required
def transfers(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    requests = transfer.visible_requests(user).order_by("-created_at")
    per_project = (
        requests.values("project__slug", "project__published__title")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", "project__published__title")
    )
    page = Paginator(requests, TRANSFER_PAGE).get_page(request.GET.get("seite"))
    context = {"requests": page, "per_project": per_project, "office": services.is_office(user)}
    return render(request, "projects/transfers.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    item = transfer.find_request(user, pk)
    if item is None:
        raise Http404
    message_form = TransferMessageForm(request.POST if "text" in request.POST else None)
    choices = transfer.status_choices(user, item)
    status_form = TransferStatusForm(
        request.POST if "status" in request.POST else None, choices=choices
    )
    error = ""
    if request.method == "POST":
        try:
            if message_form.is_bound and message_form.is_valid():
                transfer.post_message(user, item, message_form.cleaned_data["text"])
                return redirect("projects:transfer", pk=item.pk)
            if status_form.is_bound and request.POST.get("status") == item.status:
                messages.success(request, _("Der Status ist gespeichert."))  # a second click
                return redirect("projects:transfer", pk=item.pk)
            if status_form.is_bound and not status_form.is_valid():
                error = str(status_form.errors["status"][0])
            elif status_form.is_bound:
                transfer.set_status(user, item, status_form.cleaned_data["status"])
                messages.success(request, _("Der Status ist gespeichert."))
                return redirect("projects:transfer", pk=item.pk)
        except transfer.TransferError as problem:
            error = str(problem)
    context = {
        "item": item,
        "thread": item.messages.select_related("author"),
        "message_form": message_form,
        "status_form": status_form if choices else None,
        "error_items": [{"message": error}] if error else None,
    }
    failed = request.method == "POST"
    return render(request, "projects/transfer.html", context, status=400 if failed else 200)
