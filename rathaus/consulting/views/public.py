"""Thin views of the municipality's side: the start page, the request form, "Meine
Beratungsanfragen", one request with its timeline and the feedback form.

Municipal staff are staff: every page needs the second factor. Another person's request
answers 404, as if it did not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rathaus.authentication.decorators import current_user, staff_required
from rathaus.consulting import services
from rathaus.consulting.access import may_open
from rathaus.consulting.forms.public import FeedbackForm, RequestForm
from rathaus.consulting.models import ConsultingRequest


@staff_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    context = {
        "municipal": services.is_municipal(user),
        "consultant": services.is_consultant(user),
        "office": services.is_office(user),
    }
    if not may_open(user):
        raise PermissionDenied
    return render(request, "consulting/index.html", context)


def _input(form: RequestForm) -> services.RequestInput:
    data = form.cleaned_data
    return services.RequestInput(
        municipality=form.chosen_municipality(),
        topic=data["topic"],
        description=data["description"],
        preferred_dates=form.preferred_dates(),
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data.get("contact_phone", ""),
        language=(get_language() or "de")[:2],
        project=data.get("project"),
        submit_token=form.token(),
    )


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not services.is_municipal(user):
        raise PermissionDenied
    form = RequestForm(
        request.POST if request.method == "POST" else None,
        municipalities=services.municipalities_of(user),
        initial={"contact_email": user.email, "project": request.GET.get("projekt", "")[:120]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.submit_request(user, _input(form))
        except services.Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                _("Ihre Anfrage ist eingegangen. Ihre Vorgangsnummer: %(reference)s")
                % {"reference": created.reference},
            )
            return redirect("consulting:mine_detail", reference=created.reference)
    status = 400 if form.errors else 200
    return render(request, "consulting/request_form.html", {"form": form}, status=status)


@staff_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    requests = services.own_requests(current_user(request))
    return render(request, "consulting/mine.html", {"requests": requests[:200]})


def _own(request: HttpRequest, reference: str) -> ConsultingRequest:
    found = services.own_requests(current_user(request)).filter(reference=reference).first()
    if found is None:
        raise Http404
    return found


def _render_own(
    request: HttpRequest, found: ConsultingRequest, form: FeedbackForm | None = None
) -> HttpResponse:
    may_give = services.may_give_feedback(found, current_user(request))
    context = {
        "consulting_request": found,
        "timeline": services.requester_timeline(found),
        "feedback_form": form or (FeedbackForm() if may_give else None),
        "form": form,  # the page title says "Fehler:" when it has errors
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "consulting/mine_detail.html", context, status=status)


@staff_required
@require_safe
def mine_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _render_own(request, _own(request, reference))


@staff_required
@require_POST
def feedback(request: HttpRequest, reference: str) -> HttpResponse:
    found = _own(request, reference)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.give_feedback(found, current_user(request), data["rating"], data["text"])
        except services.Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Vielen Dank für Ihre Rückmeldung."))
            return redirect("consulting:mine_detail", reference=found.reference)
    return _render_own(request, found, form)
