"""What the mapping steps share: the report, the id registries, the code lists and the
rules waiting to be written as notes once every element has its document id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rathaus.definitions.fim.genericode import CodeList
from rathaus.definitions.fim.idents import Identifiers
from rathaus.definitions.fim.model import Rule
from rathaus.definitions.fim.report import Report


@dataclass
class Attachment:
    rule: Rule
    target: dict[str, Any]  # the step, field or definition the rule belongs to
    owner: str  # the label of the FIM element that carries the rule


@dataclass
class Context:
    code_lists: list[CodeList]
    report: Report = field(default_factory=Report)
    field_ids: Identifiers = field(default_factory=Identifiers)
    step_ids: Identifiers = field(default_factory=Identifiers)
    attachments: list[Attachment] = field(default_factory=list)

    def attach_rules(self, rules: list[Rule], target: dict[str, Any], owner: str) -> None:
        self.attachments.extend(Attachment(rule, target, owner) for rule in rules)
