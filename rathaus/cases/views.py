"""The clerk's pages: inbox, case page, transitions, claim, notes, attachment downloads.

Every page is for clerks with a verified second factor; a case outside the clerk's
authorities answers 404, as if it did not exist.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from rathaus.accounts.http import current_user
from rathaus.accounts.models import User
from rathaus.authentication import areas
from rathaus.authentication.decorators import staff_required
from rathaus.cases import inbox, services, statistics
from rathaus.cases.decisions import OUTCOME_LABELS, all_texts
from rathaus.cases.forms import (
    OUTCOME_CHOICES,
    InboxFilterForm,
    NoteForm,
    TransitionForm,
    VersionForm,
)
from rathaus.definitions import engine
from rathaus.definitions.schema import localize
from rathaus.definitions.services import definition_of

CONFLICT = gettext_noop(
    "Jemand hat den Vorgang inzwischen geändert. Sie sehen jetzt den aktuellen Stand."
)
REFUSALS = {
    "state": gettext_noop("Dieser Schritt ist im aktuellen Status nicht möglich."),
    "role": gettext_noop("Diesen Schritt dürfen Sie nicht ausführen."),
    "unknown": gettext_noop("Diesen Schritt gibt es nicht."),
}


def _clerk(request: HttpRequest) -> User:
    """The clerk behind the request; 403 for anybody else. Asked through the request's
    staff areas (``may_work_cases`` behind ``areas.cases``), so the header's link to the
    inbox reuses the answer instead of reading the roles again."""
    if not areas.for_request(request).cases:
        raise PermissionDenied
    return cast(User, request.user)


def _case(request: HttpRequest, case_id: int):
    case = inbox.case_for(_clerk(request), case_id)
    if case is None:
        raise Http404
    return case


@staff_required
@require_safe
def inbox_view(request: HttpRequest) -> HttpResponse:
    user = _clerk(request)
    offered = inbox.offered_services(user)
    form = InboxFilterForm(request.GET or None, services=offered)
    data = form.cleaned_data if form.is_valid() else {}
    filters = inbox.Filters(
        state=data.get("state", ""), service=data.get("service", ""),
        overdue=data.get("overdue", False), mine=data.get("mine", False),
        unassigned=data.get("unassigned", False), query=data.get("q", ""),
        sort=data.get("sort") or "newest",
    )  # fmt: skip
    page = inbox.page(user, filters, request.GET.get("nach", "")[:80])
    query = request.GET.copy()
    query.pop("nach", None)
    context = {
        "form": form,
        "services": offered,  # what the unfiltered form's HTML depends on besides language
        "page": page,
        "rows": inbox.rows(page.cases),
        "colleagues": inbox.colleagues(user),
        "counts": inbox.counts(user),
        "query": query.urlencode(),
    }
    return render(request, "cases/inbox.html", context)


@staff_required
@require_safe
def detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _render_case(request, _case(request, case_id))


def _render_case(request: HttpRequest, case, posted=None, error: str = "") -> HttpResponse:
    submission = case.submission
    definition = definition_of(submission.version)
    language = (get_language() or "de")[:2]
    sections = [
        (localize(step.title, language), engine.answer_rows(step, submission.answers, language))
        for step in engine.visible_steps(definition, submission.answers)
    ]
    steps = services.workflow_of(case).available(case.state, "clerk")
    context = {
        "case": case,
        "submission": submission,
        "title": localize(definition.title, language),
        "sections": sections,
        "state": case.get_state_label(),
        "outcome": _(OUTCOME_LABELS[case.outcome]) if case.outcome in OUTCOME_LABELS else "",
        "events": case.events.select_related("actor"),
        "attachments": submission.attachments.all(),
        "transitions": [(step, step.title(language)) for step in steps],
        "outcome_choices": OUTCOME_CHOICES,
        "decision_texts": all_texts(case, language),
        "conversation": submission.messages.order_by("created_at"),
        "note_form": NoteForm(),
        "posted": posted or {},
        "action_error": [{"anchor": "", "label": "", "message": error}] if error else [],
    }
    return render(request, "cases/detail.html", context, status=400 if error else 200)


@staff_required
@require_POST
def act(request: HttpRequest, case_id: int) -> HttpResponse:
    """Fire a transition. A refusal shows the case again with everything typed kept; a
    conflict (someone was faster) shows the new state."""
    case = _case(request, case_id)
    form = TransitionForm(request.POST)
    posted = {k: request.POST.get(k, "") for k in ("transition", "message", "outcome", "reasons")}
    if not form.is_valid():
        return _render_case(request, case, posted, _("Bitte prüfen Sie Ihre Angaben."))
    data = form.cleaned_data
    change = services.Change(
        message=data["message"],
        note=data["note"],
        outcome=data["outcome"],
        reasons=data["reasons"],
        document=bool(data["outcome"] and data["reasons"].strip()),  # the PDF is rendered for it
    )
    try:
        case, _step = services.transition(
            case, data["transition"], request.user, "clerk", data["version"], change
        )
    except services.Conflict:
        messages.error(request, _(CONFLICT))
    except services.TransitionRefused as refused:
        return _render_case(request, case, posted, _refusal(refused.reason))
    else:
        messages.success(
            request, _("Der Vorgang ist jetzt: %(s)s.") % {"s": case.get_state_label()}
        )
    return redirect("cases:detail", case.pk)


def _refusal(reason: str) -> str:
    if reason.startswith("missing:"):
        return _("Für diesen Schritt fehlen Angaben: Nachricht, Ergebnis oder Begründung.")
    return _(REFUSALS.get(reason, REFUSALS["unknown"]))


@staff_required
@require_POST
def claim(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    form = VersionForm(request.POST)
    try:
        version = form.cleaned_data["version"] if form.is_valid() else -1
        services.claim(case, current_user(request), version)
        messages.success(request, _("Sie bearbeiten diesen Vorgang."))
    except services.Conflict:
        messages.error(request, _(CONFLICT))
    return redirect("cases:detail", case.pk)


@staff_required
@require_POST
def note(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(case, current_user(request), form.cleaned_data["text"])
        messages.success(request, _("Die Notiz ist gespeichert."))
    else:
        messages.error(request, _("Bitte schreiben Sie eine Notiz."))
    return redirect("cases:detail", case.pk)


@staff_required
@require_safe
def attachment(request: HttpRequest, case_id: int, attachment_id: Any) -> FileResponse:
    case = _case(request, case_id)
    found = case.submission.attachments.filter(pk=attachment_id).first()
    if found is None:
        raise Http404
    services.record_download(case, current_user(request), found)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.original_name,
                        content_type=found.content_type)  # fmt: skip


@staff_required
@require_safe
def statistics_view(request: HttpRequest) -> HttpResponse:
    user = _clerk(request)
    authorities = inbox.clerk_authorities(user).order_by("name")
    context = {"reports": [statistics.figures(authority) for authority in authorities[:20]]}
    return render(request, "cases/statistics.html", context)


@staff_required
@require_POST
def assign(request: HttpRequest) -> HttpResponse:
    """Assign several cases at once to a clerk of their authority."""
    user = _clerk(request)
    cases = inbox.visible_cases(user).filter(pk__in=_ids(request.POST.getlist("cases")))
    assignee = User.objects.filter(pk__in=_ids([request.POST.get("assignee", "")])).first()
    if assignee is None or not cases.exists():
        messages.error(request, _("Bitte wählen Sie Vorgänge und eine Person aus."))
        return redirect("cases:inbox")
    done = services.assign_many(list(cases), assignee, user)
    messages.success(request, _("%(n)d Vorgänge zugewiesen.") % {"n": done})
    return redirect("cases:inbox")


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()][:200]
