"""Reading a definition file: YAML or JSON in, a checked ``ServiceDefinition`` out.

Every problem is reported with its path in the document (``steps[1].fields[0].pattern``)
so a designer can fix them all in one go: first the shape (pydantic), then what pydantic
cannot see (unique ids, rules that parse and name existing fields, rules that look
only backwards, prefill that fits the field).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError

from rathaus.definitions import expressions
from rathaus.definitions.schema import (
    FIXED_PLACEHOLDERS,
    PLACEHOLDER,
    AddressField,
    BaseField,
    DateField,
    EmailField,
    GroupField,
    PhoneField,
    ServiceDefinition,
    TextField,
    WorkflowSpec,
)
from rathaus.definitions.workflows import from_spec

MAX_DOCUMENT_BYTES = 1_000_000
FIELD_TYPES = frozenset(
    {"text", "textarea", "number", "money", "date", "email", "phone", "iban", "select",
     "radio", "checkboxes", "yesno", "address", "file", "info", "group"}
)  # fmt: skip
PREFILL_FITS: dict[str, tuple[type[BaseField], ...]] = {
    "profile.address": (AddressField,),
    "profile.birth_date": (DateField,),
    "profile.email": (EmailField, TextField),
    "profile.phone": (PhoneField, TextField),
    "profile.given_names": (TextField,),
    "profile.family_name": (TextField,),
}


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DefinitionInvalid(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


def load_definition(raw: bytes | str) -> ServiceDefinition:
    """Parse and check a whole definition file; raises ``DefinitionInvalid``."""
    return validate_document(read_document(raw))


def read_document(raw: bytes | str) -> Any:
    if isinstance(raw, bytes):
        if len(raw) > MAX_DOCUMENT_BYTES:
            raise DefinitionInvalid([Problem("", "The file is larger than 1 MB.")])
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise DefinitionInvalid([Problem("", "The file is not UTF-8 text.")]) from error
    if raw.lstrip().startswith(("{", "[")):
        try:
            return json.loads(raw)
        except json.JSONDecodeError as error:
            message = f"Not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
            raise DefinitionInvalid([Problem("", message)]) from error
    return _read_yaml(raw)


def _read_yaml(text: str) -> Any:
    try:
        # Aliases could multiply a small file into a huge document: refuse them.
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, yaml.SafeLoader)):
            raise DefinitionInvalid([Problem("", "YAML anchors and aliases are not allowed.")])
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DefinitionInvalid([Problem("", f"Not valid YAML: {problem}{where}")]) from error


def validate_document(data: Any) -> ServiceDefinition:
    try:
        definition = ServiceDefinition.model_validate(data)
    except ValidationError as error:
        raise DefinitionInvalid(
            [Problem(format_location(e["loc"]), e["msg"]) for e in error.errors()]
        ) from error
    problems = list(semantic_problems(definition))
    if problems:
        raise DefinitionInvalid(problems)
    return definition


def format_location(location: tuple[int | str, ...]) -> str:
    """('steps', 0, 'fields', 2, 'text', 'pattern') -> 'steps[0].fields[2].pattern'."""
    path = ""
    for index, part in enumerate(location):
        if isinstance(part, int):
            path += f"[{part}]"
        elif part in FIELD_TYPES and index and isinstance(location[index - 1], int):
            continue  # the discriminator tag pydantic adds after a union member's index
        else:
            path += f".{part}" if path else str(part)
    return path


def semantic_problems(definition: ServiceDefinition) -> Iterator[Problem]:
    yield from _duplicates("steps", [step.id for step in definition.steps], "step id")
    yield from _duplicates("fees", [fee.id for fee in definition.fees], "fee id")
    ids = [field.id for _, field in definition.all_fields()]
    yield from _duplicates("steps", ids, "field id")
    yield from _rule_problems(definition)
    yield from _prefill_problems(definition)
    yield from _workflow_problems(definition)
    yield from _placeholder_problems(definition)


def _duplicates(path: str, values: list[str], what: str) -> Iterator[Problem]:
    for value in sorted({v for v in values if values.count(v) > 1}):
        yield Problem(path, f"The {what} '{value}' is used more than once.")


def _rule_problems(definition: ServiceDefinition) -> Iterator[Problem]:
    """Rules must parse and may name only fields shown on this step or before it."""
    seen: set[str] = set()
    for s, step in enumerate(definition.steps):
        step_path = f"steps[{s}]"
        yield from _check_rule(f"{step_path}.visible_if", step.visible_if, seen)
        seen_with_step = seen | {field.id for field in step.fields if field.has_value}
        for f, field in enumerate(step.fields):
            yield from _field_rules(f"{step_path}.fields[{f}]", field, seen_with_step)
        seen = seen_with_step
    for i, fee in enumerate(definition.fees):
        yield from _check_rule(f"fees[{i}].when", fee.when, seen)
        yield from _check_rule(f"fees[{i}].quantity", fee.quantity, seen)


def _field_rules(path: str, field: BaseField, known: set[str]) -> Iterator[Problem]:
    yield from _check_rule(f"{path}.visible_if", field.visible_if, known)
    yield from _check_rule(f"{path}.required_if", field.required_if, known)
    if isinstance(field, GroupField):
        local = known | {member.id for member in field.fields}
        for g, member in enumerate(field.fields):
            yield from _field_rules(f"{path}.fields[{g}]", member, local)


def _check_rule(path: str, source: str | None, known: set[str]) -> Iterator[Problem]:
    if source is None:
        return
    try:
        expression = expressions.parse(source)
    except expressions.ExpressionError as error:
        yield Problem(path, error.message)
        return
    for message in expressions.check(expression, known):
        yield Problem(path, message)


def _prefill_problems(definition: ServiceDefinition) -> Iterator[Problem]:
    for path, field in definition.all_fields():
        if field.prefill and not isinstance(field, PREFILL_FITS[field.prefill]):
            yield Problem(
                f"{path}.prefill", f"'{field.prefill}' does not fit a {field.type} field."
            )  # type: ignore[attr-defined]


def _workflow_problems(definition: ServiceDefinition) -> Iterator[Problem]:
    if isinstance(definition.workflow, WorkflowSpec):
        ids = [t.id for t in definition.workflow.transitions]
        yield from _duplicates("workflow.transitions", ids, "transition id")
        for message in from_spec(definition.workflow).problems():
            yield Problem("workflow", message)


def _placeholder_problems(definition: ServiceDefinition) -> Iterator[Problem]:
    known = {*FIXED_PLACEHOLDERS, *(f"answer.{f.id}" for _p, f in definition.all_fields())}
    for index, decision in enumerate(definition.decision_texts):
        texts = [decision.text] if isinstance(decision.text, str) else decision.text.values()
        for name in sorted({n for t in texts for n in PLACEHOLDER.findall(t)} - known):
            yield Problem(f"decision_texts[{index}].text", f"Unknown placeholder '{{{name}}}'.")
