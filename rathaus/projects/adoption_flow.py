"""How an adoption request (``TransferRequest``) moves, declared for the workflow kernel.

    offen → im_austausch → übernommen | nicht weiterverfolgt     (and straight from offen)

The two last states are final: a closed request cannot be reopened, whoever asks. The
project's side (its municipalities' staff) and the Smart Region office fire the
transitions; a message from the project's side moves an open request into the exchange.
Reaching "übernommen" lists the adopting municipality on the project.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rathaus.accounts.models import Actor
from rathaus.core.mail import absolute_link, send_mail_after_commit
from rathaus.projects.models import TransferRequest
from rathaus.workflow.services import Binding, State, Transition, Workflow
from rathaus.workflow.services import transition as _t

__all__ = ["ADOPTION", "ADOPTIONS", "PROJECT_SIDE", "OFFICE", "AdoptionChange", "notify"]

Status = TransferRequest.Status
PROJECT_SIDE, OFFICE = "project_side", "office"
_DECIDERS = [PROJECT_SIDE, OFFICE]
_OPEN = [Status.OPEN, Status.IN_EXCHANGE]

ADOPTION = Workflow.declare(
    "adoption",
    [
        State(Status.OPEN, Status.OPEN.label),
        State(Status.IN_EXCHANGE, Status.IN_EXCHANGE.label),
        State(Status.ADOPTED, Status.ADOPTED.label, final=True),
        State(Status.DROPPED, Status.DROPPED.label, final=True),
    ],
    [
        _t("austauschen", gettext_lazy("Im Austausch"), [Status.OPEN], Status.IN_EXCHANGE,
           _DECIDERS),
        _t("uebernehmen", gettext_lazy("Übernommen"), _OPEN, Status.ADOPTED, _DECIDERS),
        _t("einstellen", gettext_lazy("Nicht weiterverfolgt"), _OPEN, Status.DROPPED, _DECIDERS),
    ],
    roles=_DECIDERS,
)  # fmt: skip


@dataclass(frozen=True)
class AdoptionChange:
    tell: bool = True  # tell the asking municipality about the new status

    def given(self) -> set[str]:
        return set()


def notify(request: TransferRequest, to_project_side: bool, text: str) -> None:
    """Mail the other side (after commit) with a link to the conversation."""
    project = request.project
    revision = project.published
    if to_project_side:
        recipient = (revision.contact_email if revision else "") or project.authority.email
    else:
        recipient = request.requester.email if request.requester else ""
    if not recipient:
        return
    title = revision.title if revision else project.slug
    link = absolute_link("projects:transfer", pk=request.pk)
    subject = _("Übernahme von „%(title)s“") % {"title": title}
    send_mail_after_commit(subject, f"{text}\n\n{link}\n", [recipient])


class AdoptionBinding(Binding[TransferRequest]):
    model = TransferRequest
    audit_prefix = "projects"
    state_field = "status"

    def workflow_of(self, obj: TransferRequest) -> Workflow:
        return ADOPTION

    def apply(self, obj: TransferRequest, step: Transition, change: Any, now: datetime) -> None:
        if step.target == Status.ADOPTED:
            obj.project.adopted_by.add(obj.municipality)

    def audit(self, obj: TransferRequest, step: Transition, change: Any,
              previous: str) -> tuple[str, dict]:  # fmt: skip
        return "projects.transfer_status", {"status": step.target, "from": previous}

    def notify(self, obj: TransferRequest, step: Transition, actor: Actor,
               change: AdoptionChange, event: Any) -> None:  # fmt: skip
        if change.tell:
            text = _("Neuer Status: %(status)s") % {"status": obj.get_status_display()}
            notify(obj, False, text)


ADOPTIONS = AdoptionBinding()
