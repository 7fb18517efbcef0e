"""The "Testlauf": the designer fills in her draft on the citizen's own step pages and
submits it as a test application that goes nowhere."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from rathaus.accounts.http import current_user
from rathaus.authentication.decorators import staff_required
from rathaus.definitions import browser, engine, presentation
from rathaus.definitions.schema import localize
from rathaus.designer import trials
from rathaus.designer.models import TRIAL_HOURS, TrialRun
from rathaus.designer.views.common import opened
from rathaus.submissions.stepdata import StepInput

SUBMITTED = gettext_lazy(
    "Der Testantrag ist eingereicht. Er erreicht keine Sachbearbeitung und wird nach einem "
    "Tag gelöscht."
)


def _language() -> str:
    return (get_language() or "de")[:2]


@staff_required
@require_POST
def begin(request: HttpRequest, slug: str) -> HttpResponse:
    page = opened(request, slug)
    try:
        run = trials.start(page.user, page.head)
    except trials.NotTestable:
        messages.error(
            request, _("Beheben Sie zuerst die Probleme; dann ist ein Testlauf möglich.")
        )
        return redirect("designer:editor", slug)
    return redirect("designer:test_step", slug, run.pk, 1)


def _run(request: HttpRequest, run_id: Any) -> TrialRun:
    run = trials.find(current_user(request), run_id)
    if run is None:
        raise Http404
    return run


@staff_required
@never_cache
def step(request: HttpRequest, slug: str, run_id: Any, number: int) -> HttpResponse:
    run = _run(request, run_id)
    visible = trials.steps(run)
    if not 1 <= number <= len(visible):
        return redirect("designer:test_check", slug, run.pk)
    current = visible[number - 1]
    if request.method != "POST":
        return _render(request, run, visible, number, engine.raw_of_step(current, run.answers), {})
    step_input = StepInput(request.POST, None)
    if step_input.action == "save":
        trials.save_step(run, current, step_input)
        return redirect("designer:editor", slug)
    if step_input.action:  # a repeating group's item added or removed: show the step again
        step_input.apply_group_action(current)
        result = trials.save_step(run, current, step_input)
        return _render(request, run, visible, number, result.raw, {})
    result = trials.save_step(run, current, step_input)
    if result.valid:
        return redirect("designer:test_step", slug, run.pk, number + 1)
    return _render(request, run, visible, number, result.raw, result.errors, status=400)


def _render(request, run, visible, number, raw, errors, status=200) -> HttpResponse:
    """The citizen's step page, with the test run's answers."""
    run.refresh_from_db()
    definition, current, language = trials.definition_for(run), visible[number - 1], _language()
    fields = presentation.step_fields(definition, current, run.answers, raw, errors)
    slug = run.version.definition.slug
    back = reverse("designer:test_step", args=[slug, run.pk, number - 1]) if number > 1 else None
    context = {
        "test_run": run, "title": localize(definition.title, language), "step": current,
        "step_title": localize(current.title, language),
        "step_intro": localize(current.intro, language), "number": number,
        "total": len(visible), "fields": fields, "back_url": back, "hours": TRIAL_HOURS,
        "error_items": presentation.summary_items(fields, errors),
        "datalist": presentation.municipality_datalist()
        if presentation.has_address(fields) else [],
        "datalist_id": presentation.DATALIST_ID, "multipart": False,
        "rules": browser.step_context(definition, current, run.answers)
        if presentation.has_conditions(fields) else None,
    }  # fmt: skip
    return render(request, "designer/testrun_step.html", context, status=status)


@staff_required
@never_cache
def check(request: HttpRequest, slug: str, run_id: Any) -> HttpResponse:
    run = _run(request, run_id)
    summary = trials.complete(run, _language())
    if request.method == "POST" and summary.complete:
        trials.submit(run)
        messages.success(request, SUBMITTED)
        return redirect("designer:test_check", slug, run.pk)
    context = {"test_run": run, "summary": summary, "slug": slug, "hours": TRIAL_HOURS,
               "title": localize(trials.definition_for(run).title, _language())}  # fmt: skip
    return render(request, "designer/testrun_check.html", context)
