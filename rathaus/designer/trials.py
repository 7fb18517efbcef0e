"""Test applications of a draft ("Testlauf"): the engine and the citizen's step pages,
without a catalogue entry, a submission or a case — nothing reaches a clerk.

Files are not uploaded in a test run (nothing is stored that a citizen did not send);
file fields are optional here and say so. Test runs are deleted a day after they
started by the retention job (``purge_trial_runs``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from rathaus.accounts.models import User
from rathaus.audit.services import log_action
from rathaus.definitions import engine
from rathaus.definitions.models import Definition, DefinitionVersion
from rathaus.definitions.problems import problems_of
from rathaus.definitions.schema import FileField, GroupField, ServiceDefinition, Step, localize
from rathaus.designer.models import TRIAL_HOURS, TrialRun
from rathaus.submissions.stepdata import StepInput

__all__ = ["NotTestable", "start", "definition_for", "steps", "save_step", "complete",
           "submit", "purge_trial_runs", "find"]  # fmt: skip


class NotTestable(Exception):
    """The version still has problems: the engine cannot run it yet."""


def _relaxed(definition: ServiceDefinition) -> ServiceDefinition:
    """The definition with file fields optional (a test run uploads nothing)."""

    def relax(field: Any) -> Any:
        if isinstance(field, FileField):
            return field.model_copy(update={"required": False, "required_if": None})
        if isinstance(field, GroupField):
            return field.model_copy(update={"fields": [relax(f) for f in field.fields]})
        return field

    steps = [
        s.model_copy(update={"fields": [relax(f) for f in s.fields]}) for s in definition.steps
    ]
    return definition.model_copy(update={"steps": steps})


_DEFINITIONS: dict[str, ServiceDefinition] = {}


def definition_for(run: TrialRun) -> ServiceDefinition:
    checksum = run.version.checksum
    if checksum not in _DEFINITIONS:
        _DEFINITIONS[checksum] = _relaxed(ServiceDefinition.model_validate(run.version.document))
    return _DEFINITIONS[checksum]


def start(user: User, version: DefinitionVersion) -> TrialRun:
    if problems_of(version.document):
        raise NotTestable(version)
    return TrialRun.objects.create(version=version, created_by=user)


def find(user: User, run_id: Any) -> TrialRun | None:
    """The user's own test run of a definition of this tenant (anyone else's, and her runs
    in another tenant, are not found: runs are not tenant-owned, definitions are)."""
    try:
        return TrialRun.objects.select_related("version__definition").get(
            pk=run_id, created_by=user, version__definition__in=Definition.objects.all()
        )
    except (TrialRun.DoesNotExist, ValueError, TypeError):
        return None


def steps(run: TrialRun) -> list[Step]:
    return engine.visible_steps(definition_for(run), run.answers)


def save_step(run: TrialRun, step: Step, step_input: StepInput) -> engine.StepResult:
    definition = definition_for(run)
    with transaction.atomic():
        run = TrialRun.objects.select_for_update().get(pk=run.pk)
        others = {k: v for k, v in run.answers.items() if k not in {f.id for f in step.fields}}
        result = engine.read_step(definition, step, step_input.data, others)
        run.answers = {**others, **result.values}
        done = [s for s in run.completed_steps if s != step.id]
        run.completed_steps = done + ([step.id] if result.valid and not step_input.action else [])
        run.save(update_fields=["answers", "completed_steps"])
    return result


@dataclass
class Summary:
    rows: list[tuple[str, list[engine.AnswerRow]]]
    fees: engine.FeeSummary
    complete: bool


def complete(run: TrialRun, language: str) -> Summary:
    definition = definition_for(run)
    visible = engine.visible_steps(definition, run.answers)
    done = all(step.id in run.completed_steps for step in visible)
    answers = engine.check_all(definition, run.answers)[0]
    rows = [
        (localize(step.title, language), engine.answer_rows(step, answers, language))
        for step in visible
    ]
    return Summary(rows, engine.compute_fees(definition, answers, language), done)


def submit(run: TrialRun) -> TrialRun:
    """Mark the test application submitted: no submission, no case, no mail."""
    TrialRun.objects.filter(pk=run.pk, submitted_at__isnull=True).update(
        submitted_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def purge_trial_runs(now: datetime | None = None) -> int:
    """Delete test runs a day after they started (the retention job, daily)."""
    cutoff = (now or timezone.now()) - timedelta(hours=TRIAL_HOURS)
    with transaction.atomic():
        deleted, _by_model = TrialRun.objects.filter(created_at__lt=cutoff).delete()
        if deleted:
            log_action(None, "designer.trial_runs_purged", None, {"count": deleted})
    return deleted
