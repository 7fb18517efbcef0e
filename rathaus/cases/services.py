"""Public operations on cases. Every change goes through here, in one transaction, with
an append-only history entry and an audit entry; transitions go through the workflow
kernel (``rathaus.workflow.kernel.fire`` with the case binding ``cases.binding.CASES``).

Concurrency: each change states the case ``version`` it was based on; when another
change came first the operation raises ``Conflict`` and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from rathaus.accounts.models import Actor, Role, User
from rathaus.accounts.services import roles_of
from rathaus.audit.services import log_action
from rathaus.cases.binding import CASES
from rathaus.cases.inbox import clerk_authorities
from rathaus.cases.models import Case, CaseEvent
from rathaus.cases.workflow import DEFAULT, name_for, workflow_for, workflow_of
from rathaus.core.models import Authority
from rathaus.postbox.models import Message
from rathaus.postbox.services import reply
from rathaus.submissions.models import Attachment, Submission
from rathaus.submissions.services import add_documents
from rathaus.workflow.services import (
    Conflict,
    Transition,
    TransitionRefused,
    actor_user,
    bump,
    fire,
    lock,
)

__all__ = [
    "may_work_cases",
    "RECEIVED",
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


def state_label(case: Case, state: str | None = None) -> str:
    """The label of ``state`` (default: the case's own) in the case's workflow."""
    return workflow_of(case).state(case.state if state is None else state).title(get_language())


def open_case(submission: Submission, authority: Authority) -> Case:
    """Create the one case of a new submission, in the caller's transaction."""
    now = timezone.now()
    workflow = workflow_for(submission.version)
    with transaction.atomic():
        case = Case.objects.create(
            submission=submission,
            authority=authority,
            state=workflow.initial,
            workflow=name_for(submission.version),
            state_since=now,
            due_at=workflow.due(workflow.initial, now),
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


def transition(
    case: Case, transition_id: str, actor: Actor, role: str, expected_version: int, change: Change
) -> tuple[Case, Transition]:
    """Fire a transition if the workflow allows it for ``role`` now; else refuse."""
    fired = fire(CASES, case, transition_id, actor=actor, role=role, change=change,
                 expected_version=expected_version)  # fmt: skip
    return fired.obj, fired.transition


def _assign(case: Case, assignee: User, by: Actor) -> None:
    case.assignee = assignee
    bump(CASES, case)
    CaseEvent.objects.create(
        case=case,
        kind="assignment",
        state=case.state,
        actor=actor_user(by),
        visible_to_citizen=False,
        data={"to": assignee.pk},
    )
    log_action(by, "cases.assigned", case, {"to": assignee.pk})


def claim(case: Case, clerk: User, expected_version: int) -> Case:
    with transaction.atomic():
        current = lock(CASES, case, expected_version)
        _assign(current, clerk, clerk)
    return current


def assign_many(cases: list[Case], assignee: User, by: Actor) -> int:
    """Assign cases to a clerk; only cases of authorities the assignee works for."""
    allowed = set(clerk_authorities(assignee).values_list("pk", flat=True))
    done = 0
    with transaction.atomic():
        for case in Case.objects.select_for_update().filter(pk__in=[c.pk for c in cases]):
            if case.authority_id in allowed:
                _assign(case, assignee, by)
                done += 1
    return done


def add_note(case: Case, clerk: User, text: str) -> CaseEvent:
    """An internal note: part of the history, never shown to the citizen."""
    with transaction.atomic():
        event = CaseEvent.objects.create(case=case, kind="note", state=case.state, actor=clerk,
                                         visible_to_citizen=False, note=text[:5000])  # fmt: skip
        log_action(clerk, "cases.note_added", case, {"event": event.pk})
    return event


def citizen_answers(
    message: Message, actor: User, text: str, files: list[UploadedFile]
) -> Message | None:
    """The citizen answers a message about an application, maybe with documents (stored
    with the application and listed in the answer); a case waiting for the citizen goes
    back to processing. ``None`` for a message about no application (the postbox's
    plain reply). Registered as a ``postbox.replies`` handler. Raises ``UploadRefused``
    (nothing stored) when a file is refused."""
    if message.submission is None:
        return None
    with transaction.atomic():
        stored = add_documents(message.submission, files, actor) if files else []
        names = [a.original_name for a in stored]
        body = text + ("\n\n" + "\n".join(f"– {n}" for n in names) if names else "")
        answer = reply(actor, message, body)
        if not reply_from_citizen(message.submission, actor, body):
            case = Case.objects.filter(submission=message.submission).first()
            if case is not None:
                record_event(case, "message", {"from": "citizen", "message": str(answer.pk)})
    return answer


def reply_from_citizen(submission: Submission, actor: Actor, text: str) -> bool:
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


def withdraw(case: Case, actor: Actor, expected_version: int) -> Case:
    return transition(case, "zurueckziehen", actor, "citizen", expected_version, Change())[0]


def record_event(case: Case, kind: str, data: dict[str, Any]) -> CaseEvent:
    """A system event in the case history (not shown to the citizen)."""
    with transaction.atomic():
        event = CaseEvent.objects.create(
            case=case, kind=kind, state=case.state, visible_to_citizen=False, data=data
        )
        log_action(None, f"cases.{kind}", case, data)
    return event


def record_download(case: Case, clerk: User, attachment: Attachment) -> CaseEvent:
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


def may_work_cases(user: User) -> bool:
    """Clerks (of any authority) and platform administrators work cases."""
    return bool(user.is_superuser or Role.CLERK in roles_of(user))
