"""What the mapping steps share: the report, the id registries, the code lists and the
rules waiting to be written as notes once every element has its document id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from rathaus.definitions.fim.genericode import CodeList
from rathaus.definitions.fim.idents import Identifiers
from rathaus.definitions.fim.model import Element, Multiplicity, Rule
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

    def element_notes(
        self, element: Element, multiplicity: Multiplicity, target: dict[str, Any]
    ) -> None:
        """What every group and field may need said: inactive in FIM, a broken multiplicity."""
        label = {"label": element.title}
        if element.inactive:
            self.report.note(
                element.fim_id, target,
                _("„%(label)s“ ist in FIM als inaktiv gekennzeichnet.") % label,
            )  # fmt: skip
        if not multiplicity.valid:
            self.report.decision(
                element.fim_id, target,
                _(
                    "Die Anzahl (Multiplizität) von „%(label)s“ ist ungültig; das Element wurde "
                    "als optional (0:1) übernommen."
                ) % label,
            )  # fmt: skip

    def attach_rules(self, rules: list[Rule], target: dict[str, Any], owner: str) -> None:
        self.attachments.extend(Attachment(rule, target, owner) for rule in rules)
