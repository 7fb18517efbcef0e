"""Thin views of the application journey: start, steps, check answers, submit, receipt."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from rathaus.accounts.models import User
from rathaus.authentication import services as authentication
from rathaus.catalog.services import service_by_slug
from rathaus.core.errors import DomainError
from rathaus.core.municipalities import resolve_municipality
from rathaus.definitions import browser, engine, presentation
from rathaus.definitions.schema import localize
from rathaus.definitions.services import definition_of
from rathaus.organisations import services as organisations
from rathaus.organisations.http import organisation_asked
from rathaus.organisations.models import MemberRole
from rathaus.postbox.models import MessageFile
from rathaus.postbox.services import messages_of
from rathaus.submissions import processing, resume, services
from rathaus.submissions.access import SESSION_SUBMISSIONS, submission_for
from rathaus.submissions.forms import ResumeEmailForm
from rathaus.submissions.models import Draft
from rathaus.submissions.receipts import open_receipt
from rathaus.submissions.stepdata import StepInput

# Seconds after which a receipt that is still being made is worth asking for again.
RECEIPT_RETRY_SECONDS = 60

NOT_AVAILABLE = {
    "no_definition": gettext_noop("Diese Leistung kann noch nicht online beantragt werden."),
    "no_offer": gettext_noop("Für Ihre Gemeinde ist diese Leistung noch nicht online verfügbar."),
    "login_required": gettext_noop(
        "Für diesen Antrag melden Sie sich bitte mit Ihrem Servicekonto an."
    ),
    "organisation_required": gettext_noop(
        "Diese Leistung beantragen nur Organisationen. Legen Sie unter „Mein Konto“ ein "
        "Organisationskonto an oder lassen Sie sich in eines einladen."
    ),
    "not_for_organisation": gettext_noop(
        "Für diese Organisation können Sie diesen Antrag nicht stellen."
    ),
}


def _language() -> str:
    return (get_language() or "de")[:2]


def _draft(request: HttpRequest, draft_id: Any, with_offer: bool = True) -> Draft:
    draft = services.find_draft(draft_id, request.user, request.session, with_offer=with_offer)
    if draft is None:
        raise Http404
    return draft


@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    service = service_by_slug(slug)
    if service is None:
        raise Http404
    lookup = resolve_municipality(request.POST.get("gemeinde", ""))
    detail = reverse("catalog:detail", args=[slug])
    if lookup.territory is None:
        messages.error(request, _("Bitte wählen Sie zuerst Ihre Gemeinde."))
        return redirect(detail)
    choice = services.applicant_choice(service, request.user)
    chosen = request.POST.get("als", "")
    if choice.asks(chosen):
        context = {"service": service, "territory": lookup.territory,
                   "persons": choice.for_persons, "choices": choice.organisations,
                   "error": bool(chosen)}  # fmt: skip
        return render(request, "submissions/applicant.html", context, status=400 if chosen else 200)
    organisation = choice.organisation(chosen)
    try:
        draft = services.start_draft(
            service, lookup.territory, request.user, request.session, _language(), organisation
        )
    except services.NotAvailable as refusal:
        messages.error(request, _(NOT_AVAILABLE[refusal.code]))
        if refusal.code == "login_required":
            target = f"{detail}?{urlencode({'gemeinde': lookup.territory.key})}"
            return redirect(f"{reverse('authentication:login')}?{urlencode({'next': target})}")
        return redirect(f"{detail}?gemeinde={lookup.territory.key}")
    return redirect("submissions:step", draft.pk, 1)


@never_cache
def step(request: HttpRequest, draft_id: Any, number: int) -> HttpResponse:
    draft = _draft(request, draft_id, with_offer=False)
    if draft.submission is not None:
        return redirect("submissions:detail", draft.submission.reference)
    if (step_up := _step_up(request, draft)) is not None:
        return step_up
    nav = services.navigation(draft)
    if not nav.allowed(number):
        return redirect(_first_open_url(draft, nav))
    current = nav.steps[number - 1]
    locked = _locked(request, draft, current)
    if request.method != "POST":
        raw = engine.raw_of_step(current, draft.answers)
        engine.lock_raw(current, raw, locked)
        return _render_step(request, draft, nav, number, raw, {})
    step_input = StepInput(request.POST, request.FILES)
    engine.lock_raw(current, step_input.data.values, locked)  # confirmed data beats any POST
    if step_input.action == "save":  # "Speichern und später fortsetzen": keep this page too
        services.save_step(draft, current, step_input)
        return redirect("submissions:save", draft.pk)
    if step_input.action:
        step_input.apply_group_action(current)
        result = services.save_step(draft, current, step_input)
        return _render_step(request, draft, nav, number, result.raw, {})
    result = services.save_step(draft, current, step_input)
    if not result.valid:
        return _render_step(request, draft, nav, number, result.raw, result.errors, status=400)
    return redirect(_after_step(draft, number, request.GET.get("zurueck") == "pruefen"))


def _after_step(draft: Draft, number: int, from_check: bool) -> str:
    draft.refresh_from_db(fields=["answers", "completed_steps"])  # as saved; keeps its version
    nav = services.navigation(draft)
    if nav.complete and (from_check or number >= len(nav.steps)):
        return reverse("submissions:check", args=[draft.pk])
    if nav.allowed(number + 1):
        return reverse("submissions:step", args=[draft.pk, number + 1])
    return _first_open_url(draft, nav)


def _first_open_url(draft: Draft, nav: services.Navigation) -> str:
    if nav.complete:
        return reverse("submissions:check", args=[draft.pk])
    return reverse("submissions:step", args=[draft.pk, nav.first_open])


def _step_up(request: HttpRequest, draft: Draft) -> HttpResponse | None:
    """A service that needs a level of assurance (``assurance``) the login has not reached:
    the page asking for a login at that level first."""
    required = services.definition_for(draft).assurance
    if authentication.step_up_needed(request, required):
        return redirect(authentication.step_up_url(required, request.get_full_path()))
    return None


def _locked(request: HttpRequest, draft: Draft, step: Any) -> dict[str, Any]:
    """This step's answers an identity provider confirmed, where the service needs a level."""
    required = services.definition_for(draft).assurance
    return engine.locked_answers(step, authentication.locked_sources(request, required))


def _render_step(request, draft, nav, number, raw, errors, status=200) -> HttpResponse:
    definition = services.definition_for(draft)
    current = nav.steps[number - 1]
    answers = services.counted_answers(draft)
    fixed = engine.lock_raw(current, dict(raw), _locked(request, draft, current))
    fields = presentation.step_fields(
        definition, current, answers, raw, errors, fixed, authentication.session_provider(request)
    )
    context = {
        "draft": draft,
        "definition": definition,
        "title": localize(definition.title, _language()),
        "step": current,
        "step_title": localize(current.title, _language()),
        "step_intro": localize(current.intro, _language()),
        "number": number,
        "total": len(nav.steps),
        "fields": fields,
        "error_items": presentation.summary_items(fields, errors),
        "datalist": presentation.municipality_datalist()
        if presentation.has_address(fields)
        else [],
        "datalist_id": presentation.DATALIST_ID,
        "multipart": any(f.type == "file" for f in fields),
        "rules": browser.step_context(definition, current, answers)
        if presentation.has_conditions(fields)
        else None,
        "back_url": reverse("submissions:step", args=[draft.pk, number - 1])
        if number > 1
        else None,
    }
    return render(request, "submissions/step.html", context, status=status)


@never_cache
def check(request: HttpRequest, draft_id: Any) -> HttpResponse:
    draft = _draft(request, draft_id)
    if draft.submission is not None:
        return redirect("submissions:detail", draft.submission.reference)
    if (step_up := _step_up(request, draft)) is not None:
        return step_up
    nav = services.navigation(draft)
    if not nav.complete:
        return redirect(_first_open_url(draft, nav))
    definition = services.definition_for(draft)
    error = ""
    if request.method == "POST":
        if definition.declaration and request.POST.get("declaration") != "yes":
            error = _("Bitte bestätigen Sie die Erklärung.")
        else:
            try:
                submission = services.submit(
                    draft, request.POST.get("idempotency_key", ""), request.user
                )
            except services.Incomplete as incomplete:
                messages.error(request, _("Bitte vervollständigen Sie diesen Schritt."))
                return redirect("submissions:step", draft.pk, incomplete.step_number)
            _remember_submission(request, submission.reference)
            return redirect("submissions:detail", submission.reference)
    language = _language()
    answers = services.counted_answers(draft)
    sections = [
        {"number": i, "title": localize(s.title, language),
         "rows": engine.answer_rows(s, answers, language)}
        for i, s in enumerate(nav.steps, 1)
    ]  # fmt: skip
    context = {
        "draft": draft,
        "title": localize(definition.title, language),
        "sections": sections,
        "fees": services.fee_summary(draft, language, answers),
        "declaration": localize(definition.declaration, language),
        "error": error,
        "error_list": [{"anchor": "declaration", "label": _("Erklärung"), "message": error}],
    }
    return render(request, "submissions/check.html", context, status=400 if error else 200)


def _remember_submission(request: HttpRequest, reference: str) -> None:
    refs = request.session.get(SESSION_SUBMISSIONS, [])[-19:]
    request.session[SESSION_SUBMISSIONS] = [*refs, reference]


@require_safe
@never_cache
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    submission = submission_for(request, reference)
    definition_title = localize(definition_of(submission.version).title, _language())
    status = processing.status_of(submission)
    context = {
        "submission": submission,
        "title": definition_title,
        "state": status.label if status else "",
        "history": [(step, step.label) for step in processing.history_of(submission)],
        "can_withdraw": bool(status and status.may_withdraw)
        and (
            submission.organisation is None
            or organisations.may(request.user, submission.organisation, MemberRole.APPLY)
        ),
        "waiting": bool(status and status.waiting),
        "version": status.version if status else 0,
        "postbox_url": reverse("postbox:inbox")
        + (f"?organisation={submission.organisation_id}" if submission.organisation_id else ""),
    }
    return render(request, "submissions/detail.html", context)


@require_POST
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    submission = submission_for(request, reference, MemberRole.APPLY)
    try:
        processing.withdraw(submission, request.user, int(request.POST.get("version", "-1")))
        messages.success(request, _("Sie haben Ihren Antrag zurückgezogen."))
    except (ValueError, DomainError):
        messages.error(request, _("Der Antrag kann jetzt nicht mehr zurückgezogen werden."))
    return redirect("submissions:detail", reference)


@require_safe
def receipt(request: HttpRequest, reference: str) -> HttpResponse | FileResponse:
    """Read-only: the receipt the after-submission task stored; until it has, a page
    asking to try again shortly (503, Retry-After). A GET never renders or stores it."""
    submission = submission_for(request, reference)
    stored = open_receipt(submission)
    if stored is None:
        context = {"submission": submission}
        pending = render(request, "submissions/receipt_pending.html", context, status=503)
        pending["Retry-After"] = str(RECEIPT_RETRY_SECONDS)
        add_never_cache_headers(pending)
        return pending
    return FileResponse(
        stored,
        as_attachment=True,
        filename=f"Eingangsbestaetigung-{submission.reference}.pdf",
        content_type="application/pdf",
    )


@require_POST
def discard(request: HttpRequest, draft_id: Any) -> HttpResponse:
    draft = _draft(request, draft_id)
    if draft.submission_id is None:
        services.discard(draft, request.user)
        messages.success(request, _("Der Entwurf wurde gelöscht."))
    if request.user.is_authenticated:
        return redirect("submissions:mine")
    return redirect("catalog:index")


@never_cache
def save(request: HttpRequest, draft_id: Any) -> HttpResponse:
    draft = _draft(request, draft_id)
    if draft.submission is not None:
        return redirect("submissions:detail", draft.submission.reference)
    form = ResumeEmailForm(request.POST or None)
    sent = ""
    if request.method == "POST" and draft.user_id is None and form.is_valid():
        sent = form.cleaned_data["email"]
        resume.send_resume_link(draft, sent)
    context = {
        "draft": draft,
        "form": form,
        "sent": sent,
        "continue_url": _first_open_url(draft, services.navigation(draft)),
    }
    return render(request, "submissions/save.html", context, status=400 if form.errors else 200)


@never_cache
@require_safe
def resume_link(request: HttpRequest, token: str) -> HttpResponse:
    draft = resume.resume(token, request.session)
    if draft is None:
        context = {"days": resume.RESUME_DAYS}
        return render(request, "submissions/resume_invalid.html", context, status=410)
    return redirect(_first_open_url(draft, services.navigation(draft)))


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    """The person's own applications, or an organisation's (``?organisation=<id>``)."""
    language, user = _language(), cast(User, request.user)
    organisation = organisation_asked(request)
    submissions = [
        {"submission": s, "title": localize(definition_of(s.version).title, language),
         "state": status.label if (status := processing.status_of(s)) else ""}
        for s in services.submissions_of(user, organisation).select_related("version", "case")
    ]  # fmt: skip
    drafts = [
        {"draft": d, "title": localize(definition_of(d.version).title, language),
         "next": min(services.navigation(d).first_open, len(services.navigation(d).steps))}
        for d in services.drafts_of(user, organisation).select_related("version")
    ]  # fmt: skip
    context = {"submissions": submissions, "drafts": drafts, "organisation": organisation,
               "organisations": organisations.organisations_of(user)}  # fmt: skip
    return render(request, "submissions/mine.html", context)


@login_required
@require_safe
def documents(request: HttpRequest) -> HttpResponse:
    """Receipts of the applications and the files authorities sent: the person's own, or
    an organisation's (``?organisation=<id>``)."""
    user = cast(User, request.user)
    organisation = organisation_asked(request)
    context = {
        "receipts": services.submissions_of(user, organisation).select_related("service"),
        "files": MessageFile.objects.filter(
            message__in=messages_of(user, organisation)
        ).select_related("message"),
        "organisation": organisation,
        "organisations": organisations.organisations_of(user),
    }
    return render(request, "submissions/documents.html", context)
