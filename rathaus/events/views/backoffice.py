"""The organisers' back office: my events, create, edit, copy, publish, cancel, mark done.

Someone else's event answers 404 (``managed_event``), as if it did not exist. A refused
form shows the page again with status 400, every typed value kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rathaus.authentication.decorators import current_user, staff_required
from rathaus.core.models import Authority
from rathaus.events import access, organising, participants, services
from rathaus.events.forms import CopyForm, DoneForm, EventForm
from rathaus.events.models import Event, Registration

HOLDS_SEAT = Q(registrations__status__in=services.HOLDS_SEAT)
Status = Registration.Status


def managed_event(request: HttpRequest, pk: int) -> Event:
    event = access.managed_events(current_user(request)).filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def page(
    request: HttpRequest,
    template: str,
    event: Event,
    status: int = 200,
    context: dict[str, Any] | None = None,
    **extra: Any,
) -> HttpResponse:
    """A page of one event, with the event's navigation and the office flag."""
    context = {**(context or {}), **extra}
    context.update(event=event, office=access.is_office(current_user(request)))
    return render(request, f"events/backoffice/{template}", context, status=status)


def _with_counts(events):
    return events.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
        seats_left=Greatest(F("capacity") - Count("registrations", filter=HOLDS_SEAT), 0),
    ).order_by("starts_at")


@staff_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    user, now = current_user(request), timezone.now()
    events = _with_counts(access.managed_events(user))
    context = {
        "upcoming": events.filter(ends_at__gte=now),
        "past": events.filter(ends_at__lt=now).reverse()[:50],
        "can_create": access.can_create(user),
    }
    return render(request, "events/backoffice/index.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not access.can_create(user):
        raise PermissionDenied
    authorities = access.organiser_authorities(user)
    form = EventForm(request.POST or None, authorities=authorities,
                     initial={"organiser": authorities.first()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        event = organising.create_event(user, form.content())
        messages.success(request, _("Die Veranstaltung ist als Entwurf gespeichert."))
        return redirect("events:manage_event", pk=event.pk)
    status = 400 if form.errors else 200
    return render(request, "events/backoffice/create.html", {"form": form}, status=status)


@staff_required
@require_safe
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    return _overview(request, event)


def _overview(request: HttpRequest, event: Event, done_form: DoneForm | None = None,
              error: str = "") -> HttpResponse:  # fmt: skip
    context = {
        "counts": participants.counts(event),
        "seats_left": services.seats_left(event),
        "done_form": done_form or DoneForm(initial={"attendance": event.attendance}),
        "error_items": [{"message": error}] if error else None,
        "section": "overview",
    }
    failed = bool(error or (done_form and done_form.errors))
    return page(request, "overview.html", event, 400 if failed else 200, context)


@staff_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user, event = current_user(request), managed_event(request, pk)
    mine = access.organiser_authorities(user)
    authorities = Authority.objects.filter(Q(pk__in=mine) | Q(pk=event.organiser_id))
    form = EventForm(request.POST or None, instance=event, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        try:
            organising.update_event(user, event, form.content())
        except organising.EventError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Ihre Änderungen sind gespeichert."))
            return redirect("events:manage_event", pk=event.pk)
    if form.errors:
        event.refresh_from_db()  # the form wrote the typed values into the instance
    return page(request, "edit.html", event, status=400 if form.errors else 200, form=form,
                section="edit")  # fmt: skip


@staff_required
@require_POST
def change_state(request: HttpRequest, pk: int) -> HttpResponse:
    user, event = current_user(request), managed_event(request, pk)
    action = request.POST.get("action", "")
    done_form = DoneForm(request.POST) if action == "done" else None
    if done_form is not None and not done_form.is_valid():
        return _overview(request, event, done_form)
    attendance = done_form.cleaned_data["attendance"] if done_form is not None else None
    try:
        notice = organising.change_state(user, event, action, attendance=attendance)
    except organising.EventError as refused:
        return _overview(request, event, done_form, str(refused))
    messages.success(request, notice)
    return redirect("events:manage_event", pk=event.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def copy(request: HttpRequest, pk: int) -> HttpResponse:
    user, event = current_user(request), managed_event(request, pk)
    if not access.can_create(user):
        raise PermissionDenied
    initial = {"title": event.title}
    form = CopyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = organising.copy_event(user, event, data["title"], data["starts_at"], data["ends_at"])
        messages.success(request, _("Die Kopie ist als Entwurf gespeichert."))
        return redirect("events:manage_event", pk=new.pk)
    return page(request, "copy.html", event, status=400 if form.errors else 200, form=form,
                section="copy")  # fmt: skip
