"""How cases move: the default processing workflow, and the workflow of each case.

A definition may declare its own workflow (``definitions.workflows``); otherwise the
default serves:

    eingegangen → in_bearbeitung → rueckfrage ⇄ in_bearbeitung → entschieden → abgeschlossen
    and zurueckgezogen by the citizen from any open state.

Every change of a case's state goes through ``rathaus.workflow.kernel.fire`` with the
binding in ``cases.binding`` (see ``cases.services.transition``); nothing else sets
``Case.state``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from rathaus.definitions.models import DefinitionVersion
from rathaus.definitions.services import definition_of
from rathaus.definitions.workflows import CASE_NEEDS, CASE_ROLES, from_spec
from rathaus.workflow.services import State, Workflow
from rathaus.workflow.services import transition as _t

__all__ = ["DEFAULT", "workflow_for", "name_for", "workflow_of", "named", "open_q"]

if TYPE_CHECKING:
    from rathaus.cases.models import Case

_OPEN = ("eingegangen", "in_bearbeitung", "rueckfrage")

DEFAULT = Workflow.declare(
    "default",
    [
        State("eingegangen", _("Eingegangen"), deadline_days=5),
        State("in_bearbeitung", _("In Bearbeitung"), deadline_days=20),
        State("rueckfrage", _("Rückfrage"), deadline_days=30, waiting_for_applicant=True),
        State("entschieden", _("Entschieden"), deadline_days=14),
        State("abgeschlossen", _("Abgeschlossen"), final=True),
        State("zurueckgezogen", _("Zurückgezogen"), final=True),
    ],
    [
        _t("bearbeiten", _("Bearbeitung beginnen"), ["eingegangen"], "in_bearbeitung",
           ["clerk", "api"], message=gettext_noop("Ihr Antrag wird jetzt bearbeitet.")),
        _t("rueckfrage", _("Unterlagen anfordern"), ["in_bearbeitung"], "rueckfrage",
           ["clerk", "api"], ["message"]),
        _t("antworten", _("Antwort der Antragstellerin oder des Antragstellers"), ["rueckfrage"],
           "in_bearbeitung", ["citizen"], ["message"]),
        _t("entscheiden", _("Entscheiden"), ["in_bearbeitung"], "entschieden", ["clerk", "api"],
           ["outcome", "reasons", "document"]),
        _t("abschliessen", _("Abschließen"), ["entschieden"], "abgeschlossen", ["clerk", "api"]),
        _t("zurueckziehen", _("Antrag zurückziehen"), _OPEN, "zurueckgezogen", ["citizen"]),
    ],
    roles=CASE_ROLES,
    needs=CASE_NEEDS,
)  # fmt: skip

_DECLARED: dict[str, Workflow] = {}  # by checksum: a stored version never changes


def workflow_for(version: DefinitionVersion) -> Workflow:
    """The workflow a definition version declares, or the default one (cached by the
    document's checksum: versions with the same content share one)."""
    spec = definition_of(version).workflow
    if spec == "default":
        return DEFAULT
    if version.checksum not in _DECLARED:
        _DECLARED[version.checksum] = from_spec(spec, "definition")
    return _DECLARED[version.checksum]


def name_for(version: DefinitionVersion) -> str:
    """What a case records as its workflow: ``default`` or ``definition:<version pk>``."""
    workflow = workflow_for(version)
    return DEFAULT.name if workflow is DEFAULT else f"definition:{version.pk}"


def named(name: str) -> Workflow:
    """The workflow a case records by name (``default`` or ``definition:<version pk>``);
    one small query for a declared one (for figures over many cases of few workflows): the
    checksum finds the parsed document, which is read only the first time."""
    if not name.startswith("definition:"):
        return DEFAULT
    number = int(name.split(":", 1)[1])
    return workflow_for(DefinitionVersion.objects.only("checksum").get(pk=number))


def workflow_of(case: Case) -> Workflow:
    if case.workflow == DEFAULT.name:
        return DEFAULT
    return workflow_for(case.submission.version)


def open_q(names: list[str]) -> Q:
    """Cases not in a final state of their own workflow (for the workflows ``names``)."""
    condition = Q(pk__in=[])
    for name in names:
        condition |= Q(workflow=name) & ~Q(state__in=named(name).final_states)
    return condition
