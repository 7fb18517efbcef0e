"""What the importer reads from a Stammdatenschema, independent of the XDatenfelder version.

XDatenfelder 2.0 and 3.0.0 differ in details (where labels, constraints and rule texts
live); both readers produce these plain objects, and the mapping only ever sees them.
A multiplicity belongs to the position of an element (``Child``), not to the element: the
same Datenfeldgruppe can be required in one place and optional in another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MULTIPLICITY = re.compile(r"^\s*(\d{1,6})\s*:\s*(\d{1,6}|\*)\s*$")


@dataclass(frozen=True)
class Multiplicity:
    lower: int
    upper: int | None  # None: unbounded ('*')
    valid: bool = True

    @classmethod
    def parse(cls, raw: str | None) -> Multiplicity:
        """'1:1', '0:*', '2:5'; anything else is read as '0:1' and marked invalid."""
        match = _MULTIPLICITY.match(raw or "")
        if not match:
            return cls(0, 1, valid=False)
        lower = int(match.group(1))
        upper = None if match.group(2) == "*" else int(match.group(2))
        if upper is not None and (upper < 1 or upper < lower):
            return cls(0, 1, valid=False)
        return cls(lower, upper)

    @property
    def required(self) -> bool:
        return self.lower >= 1

    @property
    def repeats(self) -> bool:
        return self.upper is None or self.upper > 1

    def __str__(self) -> str:
        return f"{self.lower}:{'*' if self.upper is None else self.upper}"


@dataclass(frozen=True)
class Rule:
    fim_id: str
    version: str | None
    name: str | None
    text: str | None  # the free-text definition of the rule
    script: str | None  # a script, when it does more than the empty default


@dataclass(frozen=True)
class Constraints:
    min_length: int | None = None
    max_length: int | None = None
    min_value: str | None = None
    max_value: str | None = None
    pattern: str | None = None
    unreadable: bool = False


@dataclass(frozen=True)
class CodeListRef:
    urn: str | None
    version: str | None
    version_uri: str | None
    fim_id: str | None = None  # XDatenfelder 2.0: the C-number of the code list


@dataclass
class Element:
    fim_id: str
    version: str | None
    name: str | None
    label: str | None  # bezeichnungEingabe
    help: str | None  # hilfetextEingabe
    inactive: bool = False
    rules: list[Rule] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.label or self.name or self.fim_id


@dataclass
class DataField(Element):
    feldart: str | None = None
    datentyp: str | None = None
    constraints: Constraints = field(default_factory=Constraints)
    content: str | None = None  # inhalt: the text of a label, a preset value
    code_list: CodeListRef | None = None
    values: list[tuple[str, str]] = field(default_factory=list)  # 3.0 inline 'werte'
    code_key: str | None = None
    name_key: str | None = None
    media_types: list[str] = field(default_factory=list)
    prefill: str | None = None  # 3.0 vorbefuellung


@dataclass
class Group(Element):
    children: list[Child] = field(default_factory=list)
    kind: str | None = None  # 3.0 'art' of a group


@dataclass
class Child:
    element: DataField | Group
    multiplicity: Multiplicity


@dataclass
class Schema:
    fim_id: str
    version: str | None
    name: str | None
    title: str | None  # bezeichnungEingabe (2.0) or bezeichnung (3.0)
    description: str | None
    definition: str | None
    help: str | None
    legal_basis: str | None
    standard: str
    rules: list[Rule] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
