"""The one place that decides whether a case may move from one state to another.

A workflow is a set of states and transitions. Each transition names the states it may
start from, its target, the roles that may fire it (``clerk``, ``citizen``, ``api``,
``system``) and what it needs (``message`` to the citizen, ``note``, ``outcome``,
``reasons``, ``document``). A definition may declare its own workflow (checked when it is
loaded); otherwise the default serves:

    eingegangen → in_bearbeitung → rueckfrage ⇄ in_bearbeitung → entschieden → abgeschlossen
    and zurueckgezogen by the citizen from any open state.

``check()`` is the only gate: every route (clerk pages, citizen pages, the API) calls it
through ``cases.services.transition``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop

ROLES = frozenset({"clerk", "citizen", "api", "system"})
NEEDS = frozenset({"message", "note", "outcome", "reasons", "document"})
OUTCOME_LABELS = {
    "bewilligt": gettext_noop("bewilligt"),
    "abgelehnt": gettext_noop("abgelehnt"),
    "teilweise": gettext_noop("teilweise bewilligt"),
}
OUTCOMES = tuple(OUTCOME_LABELS)


@dataclass(frozen=True)
class State:
    id: str
    label: str
    label_en: str = ""
    deadline_days: int | None = None  # overdue after this many days in the state
    final: bool = False
    waiting_for_citizen: bool = False


@dataclass(frozen=True)
class Transition:
    id: str
    label: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    needs: frozenset[str] = frozenset()
    label_en: str = ""
    citizen_message: str = ""  # what the citizen is told in the postbox ("" = nothing)

    def title(self, language: str) -> str:
        return self.label_en if language == "en" and self.label_en else self.label


class TransitionRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Workflow:
    name: str
    initial: str
    states: dict[str, State]
    transitions: dict[str, Transition] = field(default_factory=dict)

    def state(self, state_id: str) -> State:
        return self.states.get(state_id) or State(state_id, state_id)

    def available(self, state: str, role: str) -> list[Transition]:
        """The transitions ``role`` may fire from ``state``, in declaration order."""
        return [t for t in self.transitions.values() if state in t.sources and role in t.roles]

    def check(self, state: str, transition_id: str, role: str, given: Iterable[str]) -> Transition:
        """The transition if it may fire now with what was given; else ``TransitionRefused``."""
        transition = self.transitions.get(transition_id)
        if transition is None:
            raise TransitionRefused("unknown")
        if state not in transition.sources:
            raise TransitionRefused("state")
        if role not in transition.roles:
            raise TransitionRefused("role")
        missing = transition.needs - set(given)
        if missing:
            raise TransitionRefused("missing:" + ",".join(sorted(missing)))
        return transition

    def problems(self) -> list[str]:
        """What is wrong with a declared workflow (empty when it is sound)."""
        found = (
            []
            if self.initial in self.states
            else [f"initial state '{self.initial}' is not a state"]
        )
        for t in self.transitions.values():
            unknown = (t.sources | {t.target}) - set(self.states)
            found += [f"transition '{t.id}' names unknown state '{s}'" for s in sorted(unknown)]
            found += [
                f"transition '{t.id}' names unknown role '{r}'" for r in sorted(t.roles - ROLES)
            ]
            found += [f"transition '{t.id}' needs unknown '{n}'" for n in sorted(t.needs - NEEDS)]
            found += [f"transition '{t.id}' leaves final state '{s}'" for s in sorted(t.sources)
                      if s in self.states and self.states[s].final]  # fmt: skip
        found += [f"state '{s}' cannot be reached" for s in sorted(self._unreachable())]
        return found

    def _unreachable(self) -> set[str]:
        seen, todo = {self.initial}, [self.initial]
        while todo:
            current = todo.pop()
            for t in self.transitions.values():
                if current in t.sources and t.target not in seen:
                    seen.add(t.target)
                    todo.append(t.target)
        return set(self.states) - seen


def _t(id, label, sources, target, roles, needs=(), label_en="", message=""):  # noqa: A002
    return Transition(id, label, frozenset(sources), target, frozenset(roles), frozenset(needs),
                      label_en, message)  # fmt: skip


OPEN = ("eingegangen", "in_bearbeitung", "rueckfrage")
DEFAULT = Workflow(
    name="default",
    initial="eingegangen",
    states={
        s.id: s
        for s in (
            State("eingegangen", "Eingegangen", "Received", deadline_days=5),
            State("in_bearbeitung", "In Bearbeitung", "In progress", deadline_days=20),
            State(
                "rueckfrage",
                "Rückfrage",
                "Waiting for you",
                deadline_days=30,
                waiting_for_citizen=True,
            ),
            State("entschieden", "Entschieden", "Decided", deadline_days=14),
            State("abgeschlossen", "Abgeschlossen", "Closed", final=True),
            State("zurueckgezogen", "Zurückgezogen", "Withdrawn", final=True),
        )
    },  # fmt: skip
    transitions={
        t.id: t
        for t in (
            _t(
                "bearbeiten",
                "Bearbeitung beginnen",
                ["eingegangen"],
                "in_bearbeitung",
                ["clerk", "api"],
                label_en="Start processing",
                message=gettext_noop("Ihr Antrag wird jetzt bearbeitet."),
            ),
            _t(
                "rueckfrage",
                "Unterlagen anfordern",
                ["in_bearbeitung"],
                "rueckfrage",
                ["clerk", "api"],
                ["message"],
                "Request documents",
            ),
            _t(
                "antworten",
                "Antwort der Antragstellerin oder des Antragstellers",
                ["rueckfrage"],
                "in_bearbeitung",
                ["citizen"],
                ["message"],
                "Citizen replied",
            ),
            _t(
                "entscheiden",
                "Entscheiden",
                ["in_bearbeitung"],
                "entschieden",
                ["clerk", "api"],
                ["outcome", "reasons", "document"],
                "Decide",
            ),
            _t(
                "abschliessen",
                "Abschließen",
                ["entschieden"],
                "abgeschlossen",
                ["clerk", "api"],
                label_en="Close",
            ),
            _t(
                "zurueckziehen",
                "Antrag zurückziehen",
                OPEN,
                "zurueckgezogen",
                ["citizen"],
                label_en="Withdraw the application",
            ),
        )
    },  # fmt: skip
)


def from_spec(spec: Any, name: str = "definition") -> Workflow:
    """A workflow declared in a service definition (``definitions.schema.WorkflowSpec``)."""
    states = {
        s.id: State(s.id, _german(s.label), _english(s.label), s.deadline_days, s.final,
                    s.waiting_for_citizen)
        for s in spec.states
    }  # fmt: skip
    transitions = {
        t.id: Transition(t.id, _german(t.label), frozenset(t.sources), t.to, frozenset(t.roles),
                         frozenset(t.needs), _english(t.label), _german(t.citizen_message))
        for t in spec.transitions
    }  # fmt: skip
    return Workflow(name, spec.initial, states, transitions)


def _german(text: Any) -> str:
    if text is None:
        return ""
    return text if isinstance(text, str) else text.get("de", "")


def _english(text: Any) -> str:
    return "" if text is None or isinstance(text, str) else text.get("en", "")
