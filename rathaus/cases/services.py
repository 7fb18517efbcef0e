"""Public operations of the cases app used by other apps (the seam to submissions)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from rathaus.audit.services import log_action
from rathaus.cases.models import Case, CaseEvent

__all__ = ["RECEIVED", "STATE_LABELS", "open_case", "citizen_history", "state_label"]

RECEIVED = "eingegangen"
STATE_LABELS = {
    RECEIVED: _("Eingegangen"),
    "in_bearbeitung": _("In Bearbeitung"),
    "rueckfrage": _("Rückfrage"),
    "entschieden": _("Entschieden"),
    "abgeschlossen": _("Abgeschlossen"),
    "zurueckgezogen": _("Zurückgezogen"),
}


def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


def open_case(submission: Any, authority: Any) -> Case:
    """Create the one case of a new submission, in the caller's transaction."""
    with transaction.atomic():
        case = Case.objects.create(submission=submission, authority=authority, state=RECEIVED)
        CaseEvent.objects.create(case=case, kind="created", state=RECEIVED)
        log_action(None, "cases.opened", case, {"authority": authority.slug})
    return case


def citizen_history(case: Case) -> list[CaseEvent]:
    return list(case.events.filter(visible_to_citizen=True))
