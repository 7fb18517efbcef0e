"""The import report: what became what, what a designer must decide, what is good to know.

While mapping, a line points at the dict it is about (a step, a field or nothing for the
definition); its document path (``steps[1].fields[3]``) is known only when the document is
complete, so ``Report.lines`` resolves the targets at the very end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["mapped", "decision", "note"]
KINDS: tuple[Kind, ...] = ("mapped", "decision", "note")


@dataclass(frozen=True)
class ReportLine:
    kind: Kind
    fim_id: str
    path: str
    message: str


@dataclass
class _Pending:
    kind: Kind
    fim_id: str
    target: dict[str, Any] | None
    message: str


class Report:
    def __init__(self) -> None:
        self._pending: list[_Pending] = []

    def add(self, kind: Kind, fim_id: str, target: dict[str, Any] | None, message: str) -> None:
        self._pending.append(_Pending(kind, fim_id, target, message))

    def mapped(self, fim_id: str, target: dict[str, Any] | None, message: str) -> None:
        self.add("mapped", fim_id, target, message)

    def decision(self, fim_id: str, target: dict[str, Any] | None, message: str) -> None:
        self.add("decision", fim_id, target, message)

    def note(self, fim_id: str, target: dict[str, Any] | None, message: str) -> None:
        self.add("note", fim_id, target, message)

    def mark(self) -> int:
        return len(self._pending)

    def claim(self, mark: int, target: dict[str, Any]) -> None:
        """Lines added since ``mark`` without a target are about ``target`` (which did not
        exist yet when they were written)."""
        for pending in self._pending[mark:]:
            if pending.target is None:
                pending.target = target

    def retarget(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        """Lines about ``old`` are now about ``new`` (a step merged into another)."""
        for pending in self._pending:
            if pending.target is old:
                pending.target = new

    def lines(self, document: dict[str, Any]) -> list[ReportLine]:
        """The lines in document order (the definition first), each with its path."""
        paths = document_paths(document)
        order = {key: index for index, key in enumerate(paths)}
        ordered = sorted(self._pending, key=lambda p: order.get(id(p.target), -1))
        return [
            ReportLine(p.kind, p.fim_id, paths.get(id(p.target), ""), p.message) for p in ordered
        ]


def document_paths(document: dict[str, Any]) -> dict[int, str]:
    """The path of every step and field dict of a document in document order, keyed by the
    dict's identity."""
    paths: dict[int, str] = {}
    for s, step in enumerate(document.get("steps", [])):
        paths[id(step)] = f"steps[{s}]"
        for f, field in enumerate(step.get("fields", [])):
            paths[id(field)] = f"steps[{s}].fields[{f}]"
            for g, member in enumerate(field.get("fields", [])):
                paths[id(member)] = f"steps[{s}].fields[{f}].fields[{g}]"
    return paths
