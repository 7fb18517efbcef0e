"""Public operations on cases. Every change goes through here, in one transaction, with
an append-only history entry and an audit entry; transitions ask ``workflow.check``.

Concurrency: each change states the case ``version`` it was based on; when another
change came first the operation raises ``Conflict`` and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from rathaus.accounts.models import Role
from rathaus.accounts.services import roles_of
from rathaus.audit.services import log_action
from rathaus.cases.models import STATE_LABELS, Case, CaseEvent
from rathaus.cases.workflow import DEFAULT, Transition, TransitionRefused, Workflow, from_spec

__all__ = [
    "may_work_cases",
    "RECEIVED",
    "STATE_LABELS",
    "Conflict",
    "TransitionRefused",
    "Change",
    "workflow_of",
    "open_case",
    "citizen_history",
    "state_label",
    "transition",
    "claim",
    "add_note",
    "assign_many",
    "record_download",
    "record_event",
    "reply_from_citizen",
    "citizen_answers",
    "withdraw",
    "may_withdraw",
]

RECEIVED = DEFAULT.initial
_DECLARED: dict[str, Workflow] = {}


class Conflict(Exception):
    """Someone else changed the case first; ``case`` is its state now."""

    def __init__(self, case: Case):
        super().__init__(case.pk)
        self.case = case


def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


def workflow_for(version: Any) -> Workflow:
    """The workflow a definition version declares, or the default one."""
    from rathaus.definitions.services import definition_of

    spec = definition_of(version).workflow
    if spec == "default":
        return DEFAULT
    cached = _DECLARED.get(version.checksum)
    if cached is None:
        cached = _DECLARED[version.checksum] = from_spec(spec, f"definition:{version.pk}")
    return cached


def workflow_of(case: Case) -> Workflow:
    if case.workflow == DEFAULT.name:
        return DEFAULT
    return workflow_for(case.submission.version)


def _due(workflow: Workflow, state: str, now) -> Any:
    days = workflow.state(state).deadline_days
    return now + timedelta(days=days) if days else None


def open_case(submission: Any, authority: Any) -> Case:
    """Create the one case of a new submission, in the caller's transaction."""
    now = timezone.now()
    workflow = workflow_for(submission.version)
    with transaction.atomic():
        case = Case.objects.create(
            submission=submission,
            authority=authority,
            state=workflow.initial,
            workflow=workflow.name,
            state_since=now,
            due_at=_due(workflow, workflow.initial, now),
        )
        CaseEvent.objects.create(case=case, kind="created", state=workflow.initial)
        log_action(None, "cases.opened", case, {"authority": authority.slug})
    return case


def citizen_history(case: Case) -> list[CaseEvent]:
    return list(case.events.filter(visible_to_citizen=True))


@dataclass(frozen=True)
class Change:
    """What a person sends with a transition; empty fields count as not given."""

    message: str = ""
    note: str = ""
    outcome: str = ""
    reasons: str = ""
    document: bool = False

    def given(self) -> set[str]:
        provided = {
            name
            for name in ("message", "note", "outcome", "reasons")
            if getattr(self, name).strip()
        }
        return provided | ({"document"} if self.document else set())


def _locked(case: Case, expected_version: int) -> Case:
    current = Case.objects.select_for_update().get(pk=case.pk)
    if current.version != expected_version:
        raise Conflict(current)
    return current


def _bump(case: Case, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(case, name, value)
    case.version += 1
    case.save()


def transition(
    case: Case, transition_id: str, actor: Any, role: str, expected_version: int, change: Change
) -> tuple[Case, Transition]:
    """Fire a transition if the workflow allows it for ``role`` now; else refuse."""
    with transaction.atomic():
        current = _locked(case, expected_version)
        workflow = workflow_of(current)
        step = workflow.check(current.state, transition_id, role, change.given())
        now = timezone.now()
        fields: dict[str, Any] = {"state": step.target, "state_since": now,
                                  "due_at": _due(workflow, step.target, now)}  # fmt: skip
        if change.outcome:
            fields["outcome"] = change.outcome
        _bump(current, **fields)
        CaseEvent.objects.create(
            case=current,
            kind="transition",
            transition=step.id,
            state=step.target,
            actor=_user(actor),
            note=change.note,
            data={"outcome": change.outcome} if change.outcome else {},
        )
        log_action(actor, "cases.transition", current, {"transition": step.id, "to": step.target})
        from rathaus.cases.notify import tell_citizen

        tell_citizen(current, step, change.message, change.outcome, change.reasons)
    return current, step


def _assign(case: Case, assignee: Any, by: Any) -> None:
    _bump(case, assignee=assignee)
    CaseEvent.objects.create(
        case=case,
        kind="assignment",
        state=case.state,
        actor=_user(by),
        visible_to_citizen=False,
        data={"to": assignee.pk},
    )
    log_action(by, "cases.assigned", case, {"to": assignee.pk})


def claim(case: Case, clerk: Any, expected_version: int) -> Case:
    with transaction.atomic():
        current = _locked(case, expected_version)
        _assign(current, clerk, clerk)
    return current


def assign_many(cases: list[Case], assignee: Any, by: Any) -> int:
    """Assign cases to a clerk; only cases of authorities the assignee works for."""
    from rathaus.cases.inbox import clerk_authorities

    allowed = set(clerk_authorities(assignee).values_list("pk", flat=True))
    done = 0
    with transaction.atomic():
        for case in Case.objects.select_for_update().filter(pk__in=[c.pk for c in cases]):
            if case.authority_id in allowed:
                _assign(case, assignee, by)
                done += 1
    return done


def add_note(case: Case, clerk: Any, text: str) -> CaseEvent:
    """An internal note: part of the history, never shown to the citizen."""
    with transaction.atomic():
        event = CaseEvent.objects.create(case=case, kind="note", state=case.state, actor=clerk,
                                         visible_to_citizen=False, note=text[:5000])  # fmt: skip
        log_action(clerk, "cases.note_added", case, {"event": event.pk})
    return event


def citizen_answers(message: Any, actor: Any, text: str, files: list[Any]) -> Any:
    """The citizen answers a message, maybe with documents (stored with the application
    and listed in the answer); a case waiting for the citizen goes back to processing.
    Raises ``UploadRefused`` (nothing stored) when a file is refused."""
    from rathaus.postbox.services import reply
    from rathaus.submissions.services import add_documents

    with transaction.atomic():
        names = []
        if files and message.submission is not None:
            names = [a.original_name for a in add_documents(message.submission, files, actor)]
        body = text + ("\n\n" + "\n".join(f"– {n}" for n in names) if names else "")
        answer = reply(actor, message, body)
        if message.submission is not None and not reply_from_citizen(
            message.submission, actor, body
        ):
            case = Case.objects.filter(submission=message.submission).first()
            if case is not None:
                record_event(case, "message", {"from": "citizen", "message": str(answer.pk)})
    return answer


def reply_from_citizen(submission: Any, actor: Any, text: str) -> bool:
    """The citizen answered a request: the case goes back to processing. False when the
    case was not waiting for the citizen (the reply is then just a message)."""
    case = Case.objects.filter(submission=submission).first()
    if case is None or not _citizen_may(case, "antworten"):
        return False
    transition(case, "antworten", actor, "citizen", case.version, Change(message=text))
    return True


def _citizen_may(case: Case, transition_id: str) -> bool:
    return transition_id in {t.id for t in workflow_of(case).available(case.state, "citizen")}


def may_withdraw(case: Case) -> bool:
    return _citizen_may(case, "zurueckziehen")


def withdraw(case: Case, actor: Any, expected_version: int) -> Case:
    return transition(case, "zurueckziehen", actor, "citizen", expected_version, Change())[0]


def record_event(case: Case, kind: str, data: dict[str, Any]) -> CaseEvent:
    """A system event in the case history (not shown to the citizen)."""
    with transaction.atomic():
        event = CaseEvent.objects.create(
            case=case, kind=kind, state=case.state, visible_to_citizen=False, data=data
        )
        log_action(None, f"cases.{kind}", case, data)
    return event


def record_download(case: Case, clerk: Any, attachment: Any) -> CaseEvent:
    """Downloading an applicant's file is part of the case history (and the audit log)."""
    with transaction.atomic():
        event = CaseEvent.objects.create(
            case=case,
            kind="download",
            state=case.state,
            actor=clerk,
            visible_to_citizen=False,
            data={"attachment": str(attachment.pk), "name": attachment.original_name},
        )
        log_action(clerk, "cases.attachment_downloaded", case, {"attachment": str(attachment.pk)})
    return event


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def may_work_cases(user: Any) -> bool:
    """Clerks (of any authority) and platform administrators work cases."""
    return bool(user.is_superuser or Role.CLERK in roles_of(user))
