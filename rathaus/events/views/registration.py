"""Registration pages: the form, and the person's own registration reached by its token
link (status, workshops, confirm an offered seat, cancel, calendar file). No account is
needed; a wrong or old token answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rathaus.core.formrendering import error_summary
from rathaus.core.municipalities import datalist_options, municipality_suggestions
from rathaus.definitions.engine import StepResult
from rathaus.events import ical, listing, questions, seats, services
from rathaus.events.forms import DATALIST_ID, RegistrationForm, WorkshopChoiceForm
from rathaus.events.models import Event, Registration
from rathaus.events.prefill import initial_for
from rathaus.events.views.public import ics_response, public_event

TOKEN_MAX = 64


def _input(form: RegistrationForm, answers: StepResult) -> services.RegistrationInput:
    data = form.cleaned_data
    return services.RegistrationInput(
        given_name=data["given_name"], family_name=data["family_name"], email=data["email"],
        organisation=data.get("organisation", ""), municipality=form.territory,
        role=data.get("role", ""), accessibility_needs=data.get("accessibility_needs", ""),
        dietary_needs=data.get("dietary_needs", ""), answers=answers.values,
        language=(get_language() or "de")[:2], submit_token=form.token(),
    )  # fmt: skip


def _refused(form: Any, refused: services.Refused) -> None:
    field = refused.field if refused.field in form.fields else None
    form.add_error(field, str(refused.message))


def _render_form(request: HttpRequest, event: Event, form: RegistrationForm,
                 answers: StepResult) -> HttpResponse:  # fmt: skip
    question_views = questions.views(event.questions, answers.raw, answers.errors)
    error_items: list[Any] = list(error_summary(form)) if form.is_bound else []
    error_items += questions.summary(question_views, answers.errors)
    context = {
        "event": event,
        "form": form,
        "question_views": question_views,
        "rules": questions.rules(event.questions, question_views),
        "error_items": error_items,
        "datalist": datalist_options(municipality_suggestions("")),
        "datalist_id": DATALIST_ID,
        "state": listing.seat_state(event),
    }
    status = 400 if error_items else 200
    return render(request, "events/public/register.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = public_event(slug)
    reason = services.closed_reason(event)
    if reason is not None:
        context = {"event": event, "reason": reason}
        return render(request, "events/public/register_closed.html", context)
    if request.method != "POST":
        form = RegistrationForm(initial=initial_for(request.user), event=event)
        return _render_form(request, event, form, StepResult())
    form = RegistrationForm(request.POST, event=event)
    answers = questions.read(event.questions, request.POST)
    if form.is_valid() and answers.valid:
        user = request.user if request.user.is_authenticated else None
        try:
            created = services.register(
                event, _input(form, answers), user=user, workshops=form.workshop_ids()
            )
        except services.Refused as refused:
            _refused(form, refused)
        else:
            messages.success(request, _("Vielen Dank für Ihre Anmeldung."))
            return redirect("events:registration", token=created.token)
    return _render_form(request, event, form, answers)


def _own(token: str) -> Registration:
    if len(token) > TOKEN_MAX:
        raise Http404
    # Registrations are not tenant-owned: a token opens one of the tenant's events only.
    found = Registration.objects.select_related("event", "municipality").filter(
        token=token, anonymised=False, event__in=Event.objects.all()
    )
    registration = found.first()
    if registration is None or registration.event.state == Event.State.DRAFT:
        raise Http404
    return registration


def _render_own(request: HttpRequest, registration: Registration,
                workshop_form: WorkshopChoiceForm | None = None) -> HttpResponse:  # fmt: skip
    event = registration.event
    confirmed = registration.status == Registration.Status.CONFIRMED
    open_now = services.closed_reason(event) is None
    if workshop_form is None and confirmed and open_now:
        chosen = list(registration.workshops.values_list("session_id", flat=True))
        workshop_form = WorkshopChoiceForm(initial={"workshops": chosen}, event=event)
    if workshop_form is not None and not workshop_form.fields["workshops"].queryset.exists():  # type: ignore[attr-defined]
        workshop_form = None
    context = {
        "registration": registration,
        "event": event,
        "confirmed": confirmed,
        "final": services.is_final(registration),
        "online_link": event.online_link if seats.sees_online_link(registration) else "",
        "over": timezone.now() >= event.ends_at or event.state == Event.State.CANCELLED,
        "workshops": registration.workshops.select_related("session").order_by(
            "session__starts_at"
        ),
        "answers": questions.rows(event.questions, registration.answers),
        "workshop_form": workshop_form,
        "form": workshop_form,
        "error_items": error_summary(workshop_form)
        if workshop_form is not None and workshop_form.is_bound else [],
    }  # fmt: skip
    status = 400 if context["error_items"] else 200
    response = render(request, "events/public/registration.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_safe
def own(request: HttpRequest, token: str) -> HttpResponse:
    return _render_own(request, _own(token))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _own(token)
    if services.is_final(registration):
        return redirect("events:registration", token=token)
    if request.method == "POST":
        try:
            services.cancel(registration)
        except services.Refused as refused:
            messages.error(request, str(refused.message))
        else:
            messages.success(request, _("Ihre Anmeldung ist storniert."))
        return redirect("events:registration", token=token)
    context = {"registration": registration, "event": registration.event}
    return render(request, "events/public/cancel.html", context)


@never_cache
@require_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    registration = _own(token)
    try:
        services.confirm_offer(registration)
    except services.Refused as refused:
        messages.error(request, str(refused.message))
    else:
        messages.success(request, _("Ihr Platz ist bestätigt. Wir freuen uns auf Sie."))
    return redirect("events:registration", token=token)


@never_cache
@require_POST
def workshops(request: HttpRequest, token: str) -> HttpResponse:
    registration = _own(token)
    form = WorkshopChoiceForm(request.POST, event=registration.event)
    if form.is_valid():
        chosen = [s.pk for s in form.cleaned_data["workshops"]]
        try:
            services.choose_workshops(registration, chosen)
        except services.Refused as refused:
            _refused(form, refused)
        else:
            messages.success(request, _("Ihre Workshops sind gespeichert."))
            return redirect("events:registration", token=token)
    return _render_own(request, registration, form)


@never_cache
@require_safe
def own_ics(request: HttpRequest, token: str) -> HttpResponse:
    registration = _own(token)
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404
    event = registration.event
    link = seats.sees_online_link(registration)
    entry = ical.event_entry(event, online_link=link)
    return ics_response(ical.calendar([entry], name=event.title), f"{event.slug}.ics")
