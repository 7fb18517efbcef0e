"""The workflow a service definition declares, as a kernel ``Workflow``.

A definition says ``workflow: default`` (the cases app's standard processing) or declares
its own states and transitions (``schema.WorkflowSpec``). This module holds the vocabulary
such a declaration may use (the roles that work a case and what a transition may need) and
turns a declaration into a ``Workflow``; the definition's validation reports its problems.
"""

from __future__ import annotations

from rathaus.definitions.schema import LocalText, WorkflowSpec
from rathaus.workflow.services import State, Transition, Workflow

__all__ = ["CASE_ROLES", "CASE_NEEDS", "from_spec"]

CASE_ROLES = frozenset({"clerk", "citizen", "api", "system"})
CASE_NEEDS = frozenset({"message", "note", "outcome", "reasons", "document"})


def from_spec(spec: WorkflowSpec, name: str = "definition") -> Workflow:
    """A workflow declared in a service definition."""
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
    return Workflow(name, spec.initial, states, transitions, CASE_ROLES, CASE_NEEDS)


def _german(text: LocalText | None) -> str:
    if text is None:
        return ""
    return text if isinstance(text, str) else text.get("de", "")


def _english(text: LocalText | None) -> str:
    return "" if text is None or isinstance(text, str) else text.get("en", "")
