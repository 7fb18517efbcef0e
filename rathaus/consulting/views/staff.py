"""Thin views of the partner's queue, the office's overview and the request page with its
actions (route, assign, status and appointment, internal notes).

A consultant reaches only the requests of her partner organisations; any other request
answers 404, as if it did not exist. The office reaches all. A refused action shows the
page again (status 400) with the message and everything typed kept.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from rathaus.authentication.decorators import current_user, staff_required
from rathaus.consulting import services
from rathaus.consulting.forms.staff import AssignForm, FilterForm, NoteForm, PartnerForm, StatusForm
from rathaus.consulting.models import ConsultingPartner, ConsultingRequest, Status

PAGE_SIZE = 50


def _filtered(requests: QuerySet[ConsultingRequest], data: dict[str, Any]):
    if data.get("status"):
        requests = requests.filter(status=data["status"])
    partner = data.get("partner", "")
    if partner == "ohne":
        requests = requests.filter(partner__isnull=True)
    elif partner:
        requests = requests.filter(partner_id=partner)
    return requests


def _list(
    request: HttpRequest,
    requests: QuerySet[ConsultingRequest],
    partners: QuerySet[ConsultingPartner] | None,
) -> HttpResponse:
    form = FilterForm(request.GET or None, partners=partners)
    data = form.cleaned_data if form.is_valid() else {}
    counts = dict(requests.order_by().values_list("status").annotate(n=Count("id")))
    page = Paginator(_filtered(requests, data), PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "filter_form": form,
        "page": page,
        "query": query.urlencode(),
        "counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
        "office": partners is not None,
        "without_partner": requests.filter(partner__isnull=True).count() if partners else 0,
    }
    return render(request, "consulting/queue.html", context)


@staff_required
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not services.is_consultant(user):
        raise PermissionDenied
    return _list(request, services.partner_requests(user), None)


@staff_required
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not services.is_office(user):
        raise PermissionDenied
    return _list(request, services.staff_requests(user), ConsultingPartner.objects.all())


def _found(request: HttpRequest, reference: str) -> ConsultingRequest:
    user = current_user(request)
    if not (services.is_office(user) or services.is_consultant(user)):
        raise PermissionDenied
    found = services.staff_requests(user).filter(reference=reference).first()
    if found is None:
        raise Http404
    return found


def _render(request: HttpRequest, found: ConsultingRequest, bound: forms.Form | None = None):
    """The request page; ``bound`` is a form posted with errors, shown instead of a new one."""
    open_request = not services.is_closed(found)
    office = services.is_office(current_user(request))
    forms_shown: dict[str, forms.Form | None] = {
        "assign_form": AssignForm(consultants=services.consultants_of(found))
        if open_request and found.partner
        else None,
        "status_form": StatusForm() if open_request else None,
        "partner_form": PartnerForm() if office and services.may_route(found) else None,
        "note_form": NoteForm(),
    }
    if bound is not None:
        forms_shown[f"{bound.prefix}_form"] = bound
    context = {
        **forms_shown,
        "form": bound,  # the page title says "Fehler:" when it has errors
        "consulting_request": found,
        "events": found.events.select_related("actor"),
        "notes": found.notes.select_related("author"),
        "office": office,
    }
    status = 400 if bound is not None and bound.errors else 200
    return render(request, "consulting/detail.html", context, status=status)


@staff_required
@require_safe
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _render(request, _found(request, reference))


def _act(request: HttpRequest, found: ConsultingRequest, form: forms.Form, action, done: str):
    """Run ``action(cleaned_data)`` for a valid form; refusals go back to the page."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except services.Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, done)
            return redirect("consulting:detail", reference=found.reference)
    return _render(request, found, form)


@staff_required
@require_POST
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    found = _found(request, reference)
    form = AssignForm(request.POST, consultants=services.consultants_of(found))
    user = current_user(request)

    def action(data: dict[str, Any]) -> None:
        services.assign(found, data["assignee"], user)

    return _act(request, found, form, action, _("Die Anfrage ist zugewiesen."))


@staff_required
@require_POST
def change_status(request: HttpRequest, reference: str) -> HttpResponse:
    found = _found(request, reference)
    form = StatusForm(request.POST)
    user = current_user(request)

    def action(data: dict[str, Any]) -> None:
        services.change_status(found, data["status"], user, appointment_at=form.appointment_at(),
                               message=data["message"])  # fmt: skip

    return _act(request, found, form, action, _("Der Status ist geändert."))


@staff_required
@require_POST
def set_partner(request: HttpRequest, reference: str) -> HttpResponse:
    found = _found(request, reference)
    if not services.is_office(current_user(request)):
        raise PermissionDenied
    form = PartnerForm(request.POST)
    user = current_user(request)

    def action(data: dict[str, Any]) -> None:
        services.set_partner(found, data["partner"], user)

    return _act(request, found, form, action, _("Der Beratungspartner ist festgelegt."))


@staff_required
@require_POST
def note(request: HttpRequest, reference: str) -> HttpResponse:
    found = _found(request, reference)
    form = NoteForm(request.POST)
    user = current_user(request)

    def action(data: dict[str, Any]) -> None:
        services.add_note(found, user, data["text"])

    return _act(request, found, form, action, _("Die Notiz ist gespeichert."))
