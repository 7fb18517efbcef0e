"""Declared state machines: states with their flags, transitions with roles and needs.

A ``Workflow`` is plain data (immutable): which states exist, which are final or wait for
the applicant, how many days a state may last (its deadline), and which transitions lead
from which states to which, who may fire them (``roles``) and what must be given with them
(``needs``, e.g. a message or an outcome). ``check()`` is the only gate every transition
passes, through ``rathaus.workflow.kernel.fire``. Each app declares its own workflows with
its own vocabulary of roles and needs; ``problems()`` checks a declaration against it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from rathaus.core.errors import DomainError

__all__ = ["State", "Transition", "Workflow", "TransitionRefused", "transition"]


@dataclass(frozen=True)
class State:
    id: str
    label: Any  # str or lazy translation
    label_en: str = ""  # for workflows declared in documents (code uses gettext instead)
    deadline_days: int | None = None  # overdue after this many days in the state
    final: bool = False
    waiting_for_applicant: bool = False

    def title(self, language: str = "") -> str:
        return self.label_en if language == "en" and self.label_en else str(self.label)


@dataclass(frozen=True)
class Transition:
    id: str
    label: Any
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    needs: frozenset[str] = frozenset()
    label_en: str = ""
    citizen_message: Any = ""  # what the applicant is told ("" = nothing)

    def title(self, language: str = "") -> str:
        return self.label_en if language == "en" and self.label_en else str(self.label)


def transition(  # noqa: A002
    id: str,
    label: Any,
    sources: Iterable[str],
    target: str,
    roles: Iterable[str],
    needs: Iterable[str] = (),
    label_en: str = "",
    message: Any = "",
) -> Transition:
    """A transition written compactly in a declaration."""
    return Transition(
        id, label, frozenset(sources), target, frozenset(roles), frozenset(needs), label_en, message
    )


class TransitionRefused(DomainError):
    """The workflow does not allow this transition now. ``reason`` says why, for code:
    ``unknown`` (no such transition), ``state`` (not from the current state), ``role``
    (not for this actor) or ``missing:<needs>`` (something required was not given)."""

    def __init__(self, reason: str, message: Any = None):
        super().__init__(message or _("Dieser Statuswechsel ist nicht möglich."))
        self.reason = reason


@dataclass(frozen=True)
class Workflow:
    name: str
    initial: str
    states: dict[str, State]
    transitions: dict[str, Transition] = field(default_factory=dict)
    roles: frozenset[str] = frozenset()  # the vocabulary this workflow may use
    needs: frozenset[str] = frozenset()

    @classmethod
    def declare(
        cls,
        name: str,
        states: Iterable[State],
        transitions: Iterable[Transition],
        *,
        roles: Iterable[str],
        needs: Iterable[str] = (),
        initial: str = "",
    ) -> Workflow:
        listed = list(states)
        return cls(
            name,
            initial or listed[0].id,
            {s.id: s for s in listed},
            {t.id: t for t in transitions},
            frozenset(roles),
            frozenset(needs),
        )

    def state(self, state_id: str) -> State:
        return self.states.get(state_id) or State(state_id, state_id)

    @property
    def final_states(self) -> frozenset[str]:
        return frozenset(s.id for s in self.states.values() if s.final)

    @property
    def waiting_states(self) -> frozenset[str]:
        return frozenset(s.id for s in self.states.values() if s.waiting_for_applicant)

    def due(self, state_id: str, since: datetime) -> datetime | None:
        """When a stay in ``state_id`` that began at ``since`` becomes overdue."""
        days = self.state(state_id).deadline_days
        return since + timedelta(days=days) if days else None

    def available(self, state: str, role: str) -> list[Transition]:
        """The transitions ``role`` may fire from ``state``, in declaration order."""
        return [t for t in self.transitions.values() if state in t.sources and role in t.roles]

    def leading_to(self, state: str, target: str, role: str) -> Transition | None:
        """The first transition ``role`` may fire from ``state`` to ``target``."""
        return next((t for t in self.available(state, role) if t.target == target), None)

    def check(self, state: str, transition_id: str, role: str, given: Iterable[str]) -> Transition:
        """The transition if it may fire now with what was given; else ``TransitionRefused``."""
        found = self.transitions.get(transition_id)
        if found is None:
            raise TransitionRefused("unknown")
        if state not in found.sources:
            raise TransitionRefused("state")
        if role not in found.roles:
            raise TransitionRefused("role")
        missing = found.needs - set(given)
        if missing:
            raise TransitionRefused("missing:" + ",".join(sorted(missing)))
        return found

    def problems(self) -> list[str]:
        """What is wrong with the declaration (empty when it is sound)."""
        found = (
            []
            if self.initial in self.states
            else [f"initial state '{self.initial}' is not a state"]
        )
        for t in self.transitions.values():
            found += self._transition_problems(t)
        found += [f"state '{s}' cannot be reached" for s in sorted(self._unreachable())]
        return found

    def _transition_problems(self, t: Transition) -> list[str]:
        unknown = (t.sources | {t.target}) - set(self.states)
        return (
            [f"transition '{t.id}' names unknown state '{s}'" for s in sorted(unknown)]
            + [
                f"transition '{t.id}' names unknown role '{r}'"
                for r in sorted(t.roles - self.roles)
            ]
            + [f"transition '{t.id}' needs unknown '{n}'" for n in sorted(t.needs - self.needs)]
            + [
                f"transition '{t.id}' leaves final state '{s}'"
                for s in sorted(t.sources)
                if s in self.states and self.states[s].final
            ]
        )

    def _unreachable(self) -> set[str]:
        seen, todo = {self.initial}, [self.initial]
        while todo:
            current = todo.pop()
            for t in self.transitions.values():
                if current in t.sources and t.target not in seen:
                    seen.add(t.target)
                    todo.append(t.target)
        return set(self.states) - seen
