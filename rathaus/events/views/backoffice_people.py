"""Registrations with filter, search and the waiting list; messages to all participants;
the team of organisers (changed by the office only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rathaus.authentication.decorators import current_user, staff_required
from rathaus.events import access, organising, participants, services
from rathaus.events.forms import FilterForm, MessageForm, OrganiserForm
from rathaus.events.models import Event, Registration
from rathaus.events.views.backoffice import managed_event, page

PAGE_SIZE = 100
ACTIONS = {
    "nachruecken": gettext_lazy("%(name)s ist ein Platz angeboten."),
    "warteliste": gettext_lazy("%(name)s steht wieder auf der Warteliste."),
    "stornieren": gettext_lazy("Die Anmeldung von %(name)s ist storniert."),
}


@staff_required
@require_safe
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    found = participants.find(event, data.get("status", ""), data.get("q", ""))
    listing = Paginator(found, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "filter_form": form,
        "page_obj": listing,
        "query": query.urlencode(),
        "counts": participants.counts(event),
        "seats_left": services.seats_left(event),
        "waiting": participants.waiting_list(event)[:200],
        "section": "registrations",
    }
    return page(request, "registrations.html", event, context=context)


def _registration(event: Event, registration_pk: int) -> Registration:
    found = event.registrations.filter(pk=registration_pk).first()
    if found is None:
        raise Http404
    return found


@staff_required
@require_POST
def registration_action(request: HttpRequest, pk: int, registration_pk: int, action: str):
    user, event = current_user(request), managed_event(request, pk)
    person = _registration(event, registration_pk)
    if action not in ACTIONS:
        raise Http404
    try:
        if action == "nachruecken":
            services.move_up(user, person)
        elif action == "warteliste":
            services.move_to_waiting(user, person)
        else:
            services.cancel(person, actor=user)
    except services.Refused as refused:
        messages.error(request, str(refused.message))
    else:
        name = f"{person.given_name} {person.family_name}"
        messages.success(request, ACTIONS[action] % {"name": name})
    anchor = "#warteliste" if request.POST.get("back") == "warteliste" else ""
    return redirect(reverse("events:manage_registrations", args=[event.pk]) + anchor)


@staff_required
@require_http_methods(["GET", "POST"])
def messages_page(request: HttpRequest, pk: int) -> HttpResponse:
    user, event = current_user(request), managed_event(request, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sent = participants.send_message(user, event, data["subject"], data["body"],
                                         include_waiting=data["include_waiting"])  # fmt: skip
        count = sent.recipients
        messages.success(request, ngettext("Die Nachricht geht an %(count)s Person.",
                                           "Die Nachricht geht an %(count)s Personen.", count)
                         % {"count": count})  # fmt: skip
        return redirect("events:manage_messages", pk=event.pk)
    context = {"form": form, "sent": event.messages.select_related("sender")[:100],
               "counts": participants.counts(event), "section": "messages"}  # fmt: skip
    return page(request, "messages.html", event, 400 if form.errors else 200, context)


@staff_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, pk: int) -> HttpResponse:
    user, event = current_user(request), managed_event(request, pk)
    form = OrganiserForm(request.POST or None)
    if request.method == "POST":
        if not access.can_manage_team(user, event):
            raise PermissionDenied
        if form.is_valid():
            try:
                added = organising.add_organiser(user, event, form.cleaned_data["email"])
            except organising.EventError as refused:
                form.add_error("email", str(refused))
            else:
                messages.success(request, _("%(email)s gehört jetzt zum Team.")
                                 % {"email": added.email})  # fmt: skip
                return redirect("events:manage_team", pk=event.pk)
    context = {"form": form, "members": event.organisers.order_by("email"), "section": "team",
               "can_change": access.can_manage_team(user, event)}  # fmt: skip
    return page(request, "team.html", event, 400 if form.errors else 200, context)


@staff_required
@require_POST
def team_remove(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    user, event = current_user(request), managed_event(request, pk)
    if not access.can_manage_team(user, event):
        raise PermissionDenied
    organising.remove_organiser(user, event, user_pk)
    messages.success(request, _("Die Person gehört nicht mehr zum Team."))
    return redirect("events:manage_team", pk=event.pk)
