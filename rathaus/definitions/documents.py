"""Reading a definition file: YAML or JSON in, a checked ``ServiceDefinition`` out.

Every problem is reported with its path in the document (``steps[1].fields[0].pattern``)
so a designer can fix them all in one go: first the shape (pydantic, in the words of
``shape_messages.message_for``), then what pydantic cannot see (unique ids, rules that
parse and name existing fields, rules that look only backwards, prefill that fits the
field, a sound workflow, known placeholders).

Messages are plain German for the people who design services: gettext msgids, translated
when a problem is found, never at import. The workflow kernel's findings are recognised by
their English wording (an unknown one is kept inside a German sentence).
``definitions.problems`` lists the problems for the designer and says where each one is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
    Step,
    TextField,
    WorkflowSpec,
)
from rathaus.definitions.shape_messages import (
    FIELD_TYPES,
    EnglishTexts,
    from_english,
    message_for,
)
from rathaus.definitions.vocabulary import PREFILL, field_type_label, label_of
from rathaus.definitions.workflows import from_spec

__all__ = [
    "FIELD_TYPES",
    "MAX_DOCUMENT_BYTES",
    "DefinitionInvalid",
    "Problem",
    "format_location",
    "load_definition",
    "message_for",
    "read_document",
    "semantic_problems",
    "validate_document",
    "workflow_message",
]

MAX_DOCUMENT_BYTES = 1_000_000
PREFILL_FITS: dict[str, tuple[type[BaseField], ...]] = {
    "profile.address": (AddressField,),
    "profile.birth_date": (DateField,),
    "profile.email": (EmailField, TextField),
    "profile.phone": (PhoneField, TextField),
    "profile.given_names": (TextField,),
    "profile.family_name": (TextField,),
    "organisation.name": (TextField,),
    "organisation.register_entry": (TextField,),
    "organisation.email": (EmailField, TextField),
    "organisation.address": (AddressField,),
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


def _refused(message: str) -> DefinitionInvalid:
    return DefinitionInvalid([Problem("", message)])


def read_document(raw: bytes | str) -> Any:
    if isinstance(raw, bytes):
        if len(raw) > MAX_DOCUMENT_BYTES:
            raise _refused(_("Die Datei ist größer als 1 MB."))
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _refused(_("Die Datei ist kein Text in UTF-8.")) from error
    if raw.lstrip().startswith(("{", "[")):
        return _read_json(raw)
    return _read_yaml(raw)


def _read_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = _(
            "Die Datei ist kein gültiges JSON: %(detail)s (Zeile %(line)s, Spalte %(column)s)."
        )
        values = {"detail": error.msg, "line": error.lineno, "column": error.colno}
        raise _refused(message % values) from error
    except ValueError as error:  # a number too long for Python
        message = _("Die Datei ist kein gültiges JSON: %(detail)s.") % {"detail": error}
        raise _refused(message) from error
    except RecursionError as error:
        raise _refused(_("Die Datei ist zu tief verschachtelt.")) from error


def _read_yaml(text: str) -> Any:
    try:
        # Aliases could multiply a small file into a huge document: refuse them.
        events = yaml.parse(text, yaml.SafeLoader)
        aliased = any(isinstance(event, yaml.AliasEvent) for event in events)
        data = None if aliased else yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise _yaml_refused(error) from error
    except ValueError as error:  # a value Python cannot hold: 2024-13-45, a huge number
        message = _("Die Datei ist kein gültiges YAML: %(detail)s.") % {"detail": error}
        raise _refused(message) from error
    except RecursionError as error:
        raise _refused(_("Die Datei ist zu tief verschachtelt.")) from error
    if aliased:
        raise _refused(_("YAML-Anker und -Verweise (& und *) sind nicht erlaubt."))
    return data


def _yaml_refused(error: yaml.YAMLError) -> DefinitionInvalid:
    mark = getattr(error, "problem_mark", None)
    detail = getattr(error, "problem", None) or str(error)
    if mark is None:
        return _refused(_("Die Datei ist kein gültiges YAML: %(detail)s.") % {"detail": detail})
    message = _("Die Datei ist kein gültiges YAML: %(detail)s (Zeile %(line)s, Spalte %(column)s).")
    return _refused(message % {"detail": detail, "line": mark.line + 1, "column": mark.column + 1})


def validate_document(data: Any) -> ServiceDefinition:
    try:
        definition = ServiceDefinition.model_validate(data)
    except ValidationError as error:
        raise DefinitionInvalid(
            [Problem(format_location(e["loc"]), message_for(e)) for e in error.errors()]
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


# --- what pydantic cannot see --------------------------------------------------------------

# Why a rule may not name a field that exists: it is asked later, on the step the rule
# shows or hides, or inside a repeating group.
_ELSEWHERE: dict[str, Promise] = {
    "later": gettext_lazy(
        "Das Feld „%(name)s“ wird erst in einem späteren Schritt gefragt; Regeln können nur "
        "Felder dieses und früherer Schritte verwenden."
    ),
    "step": gettext_lazy(
        "Das Feld „%(name)s“ steht auf diesem Schritt; ob der Schritt gezeigt wird, kann nur "
        "von Feldern früherer Schritte abhängen."
    ),
    "group": gettext_lazy(
        "Das Feld „%(name)s“ gehört zu einer wiederholbaren Gruppe; nur Regeln in derselben "
        "Gruppe können es verwenden."
    ),
}
# The problems the workflow kernel finds in a declaration, by their English wording.
_WORKFLOW_TEXTS: EnglishTexts = [
    (
        re.compile(r"initial state '(?P<state>.*)' is not a state"),
        gettext_lazy("Der Anfangsstatus „%(state)s“ ist keiner der Status dieses Ablaufs."),
    ),
    (
        re.compile(r"transition '(?P<transition>.*)' names unknown state '(?P<state>.*)'"),
        gettext_lazy("Der Übergang „%(transition)s“ nennt den unbekannten Status „%(state)s“."),
    ),
    (
        re.compile(r"transition '(?P<transition>.*)' names unknown role '(?P<role>.*)'"),
        gettext_lazy("Der Übergang „%(transition)s“ nennt die unbekannte Rolle „%(role)s“."),
    ),
    (
        re.compile(r"transition '(?P<transition>.*)' needs unknown '(?P<need>.*)'"),
        gettext_lazy("Der Übergang „%(transition)s“ verlangt die unbekannte Angabe „%(need)s“."),
    ),
    (
        re.compile(r"transition '(?P<transition>.*)' leaves final state '(?P<state>.*)'"),
        gettext_lazy(
            "Der Übergang „%(transition)s“ führt aus dem Endstatus „%(state)s“ heraus; ein "
            "Endstatus schließt den Vorgang ab."
        ),
    ),
    (
        re.compile(r"state '(?P<state>.*)' cannot be reached"),
        gettext_lazy("Der Status „%(state)s“ ist vom Anfangsstatus aus nicht erreichbar."),
    ),
]


def semantic_problems(definition: ServiceDefinition) -> Iterator[Problem]:
    steps, fees = [s.id for s in definition.steps], [f.id for f in definition.fees]
    step_twice = _("Die Kennung „%(id)s“ haben mehrere Schritte; jeder braucht eine eigene.")
    yield from _duplicates("steps", steps, step_twice)
    fee_twice = _("Die Kennung „%(id)s“ haben mehrere Gebühren; jede braucht eine eigene.")
    yield from _duplicates("fees", fees, fee_twice)
    ids = [field.id for _path, field in definition.all_fields()]
    field_twice = _("Die Kennung „%(id)s“ haben mehrere Felder; jedes braucht eine eigene.")
    yield from _duplicates("steps", ids, field_twice)
    yield from _rule_problems(definition)
    yield from _prefill_problems(definition)
    yield from _workflow_problems(definition)
    yield from _placeholder_problems(definition)


def _duplicates(path: str, values: list[str], message: str) -> Iterator[Problem]:
    for value in sorted({v for v in values if values.count(v) > 1}):
        yield Problem(path, message % {"id": value})


def _asked(step: Step) -> set[str]:
    """The ids of the fields with a value on a step, group members included."""
    fields = [
        *step.fields,
        *(m for f in step.fields if isinstance(f, GroupField) for m in f.fields),
    ]
    return {field.id for field in fields if field.has_value}


def _rule_problems(definition: ServiceDefinition) -> Iterator[Problem]:
    """Rules must parse and may name only fields shown on this step or before it."""
    asked = [_asked(step) for step in definition.steps]
    members = {m.id for _p, f in definition.all_fields() if isinstance(f, GroupField)
               for m in f.fields if m.has_value}  # fmt: skip
    in_groups = dict.fromkeys(members, "group")
    seen: set[str] = set()
    for s, step in enumerate(definition.steps):
        step_path = f"steps[{s}]"
        elsewhere = {**in_groups, **dict.fromkeys(set().union(*asked[s + 1 :]), "later")}
        own = {field.id for field in step.fields if field.has_value}
        for_step = {**elsewhere, **dict.fromkeys(own, "step")}
        yield from _check_rule(f"{step_path}.visible_if", step.visible_if, seen, for_step)
        seen_with_step = seen | own
        for f, field in enumerate(step.fields):
            yield from _field_rules(f"{step_path}.fields[{f}]", field, seen_with_step, elsewhere)
        seen = seen_with_step
    for i, fee in enumerate(definition.fees):
        yield from _check_rule(f"fees[{i}].when", fee.when, seen, in_groups)
        yield from _check_rule(f"fees[{i}].quantity", fee.quantity, seen, in_groups)


def _field_rules(
    path: str, field: BaseField, known: set[str], elsewhere: Mapping[str, str]
) -> Iterator[Problem]:
    yield from _check_rule(f"{path}.visible_if", field.visible_if, known, elsewhere)
    yield from _check_rule(f"{path}.required_if", field.required_if, known, elsewhere)
    if isinstance(field, GroupField):
        local = known | {member.id for member in field.fields}
        for g, member in enumerate(field.fields):
            yield from _field_rules(f"{path}.fields[{g}]", member, local, elsewhere)


def _check_rule(
    path: str, source: str | None, known: set[str], elsewhere: Mapping[str, str]
) -> Iterator[Problem]:
    """``elsewhere`` names fields the rule cannot see, and why (a key of ``_ELSEWHERE``)."""
    if source is None:
        return
    try:
        expression = expressions.parse(source)
    except expressions.ExpressionError as error:
        yield Problem(path, error.message)
        return
    hidden = {name: why for name, why in elsewhere.items() if name not in known}
    for message in expressions.check(expression, known | hidden.keys()):
        yield Problem(path, message)
    for name in sorted(expression.roots() & hidden.keys()):
        yield Problem(path, str(_ELSEWHERE[hidden[name]]) % {"name": name})


def _prefill_problems(definition: ServiceDefinition) -> Iterator[Problem]:
    for path, field in definition.all_fields():
        if field.prefill and not isinstance(field, PREFILL_FITS[field.prefill]):
            message = _(
                "Die Vorbelegung „%(source)s“ passt nicht zu einem Feld vom Typ „%(type)s“."
            )
            values = {
                "source": label_of(PREFILL, field.prefill),
                "type": field_type_label(field.type),  # type: ignore[attr-defined]
            }
            yield Problem(f"{path}.prefill", message % values)


def _workflow_problems(definition: ServiceDefinition) -> Iterator[Problem]:
    if isinstance(definition.workflow, WorkflowSpec):
        ids = [t.id for t in definition.workflow.transitions]
        twice = _("Die Kennung „%(id)s“ haben mehrere Übergänge; jeder braucht eine eigene.")
        yield from _duplicates("workflow.transitions", ids, twice)
        for text in from_spec(definition.workflow).problems():
            yield Problem("workflow", workflow_message(text))


def workflow_message(text: str) -> str:
    """A problem the workflow kernel found in a declaration (English), in German."""
    found = from_english(text, _WORKFLOW_TEXTS)
    return found or _("Der Bearbeitungsablauf hat einen Fehler: %(detail)s") % {"detail": text}


def _placeholder_problems(definition: ServiceDefinition) -> Iterator[Problem]:
    known = {*FIXED_PLACEHOLDERS, *(f"answer.{f.id}" for _p, f in definition.all_fields())}
    fixed = ", ".join(f"{{{name}}}" for name in FIXED_PLACEHOLDERS)
    for index, decision in enumerate(definition.decision_texts):
        texts = [decision.text] if isinstance(decision.text, str) else decision.text.values()
        for name in sorted({n for t in texts for n in PLACEHOLDER.findall(t)} - known):
            message = _(
                "Den Platzhalter „{%(name)s}“ gibt es nicht. Möglich: %(fixed)s und "
                "{answer.…} mit der Kennung eines Feldes."
            )
            yield Problem(f"decision_texts[{index}].text", message % {"name": name, "fixed": fixed})
