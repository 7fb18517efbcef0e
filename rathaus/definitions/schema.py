"""The service definition document: what a designer declares, validated by pydantic.

A definition is one document (YAML or JSON) with the service's metadata, its steps and
fields, rules (visibility, required-ness) written in the small expression language of
``expressions.py``, fee rules, retention period, required login level and the workflow
reference used by the back office. ``DEFINITION_SCHEMA_VERSION`` is the version of this
shape; the JSON Schema is exported to ``docs/schema/`` by ``export_definition_schema``.

Texts shown to people are either a German string or ``{"de": ..., "en": ...}``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rathaus.core.uploads import UPLOAD_TYPES

DEFINITION_SCHEMA_VERSION = 1
IDENTIFIER = r"^[a-z][a-z0-9_]{0,62}$"
LANGUAGES = ("de", "en")
PREFILL_SOURCES = (
    "profile.given_names",
    "profile.family_name",
    "profile.birth_date",
    "profile.email",
    "profile.phone",
    "profile.address",
    "organisation.name",
    "organisation.register_entry",
    "organisation.email",
    "organisation.address",
)


def _check_local_text(value: Any) -> Any:
    if isinstance(value, dict):
        unknown = set(value) - set(LANGUAGES)
        if unknown:
            raise ValueError(f"unknown language(s) {sorted(unknown)}; use 'de' and 'en'")
        if not str(value.get("de", "")).strip():
            raise ValueError("a German text ('de') is required")
    elif isinstance(value, str) and not value.strip():
        raise ValueError("must not be empty")
    return value


LocalText = Annotated[str | dict[str, str], Field(json_schema_extra={"x-localized": True})]


def localize(text: str | dict[str, str] | None, language: str) -> str:
    """The text in ``language``, falling back to German."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(language) or text["de"]


def text_of(value: Any, language: str = "de", *, fallback: bool = True) -> str:
    """``localize`` for values read from a draft, which may be anything: a text in
    ``language`` (German if there is none and ``fallback``), or the empty string."""
    if isinstance(value, str):
        return value if fallback or language == "de" else ""
    if isinstance(value, dict):
        found = value.get(language) or (value.get("de") if fallback else None)
        return found if isinstance(found, str) else ""
    return ""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FimReference(Strict):
    """Where an element came from in FIM (Föderales Informationsmanagement): the id and
    version of the Stammdatenschema, Datenfeldgruppe or Datenfeld, so a re-import of a
    newer schema version can be compared with what the designer changed since."""

    id: str = Field(pattern=r"^[A-Z][0-9A-Za-z]{1,40}$", description="e.g. F60000227.")
    version: str | None = Field(None, max_length=20)
    name: str | None = Field(None, max_length=300, description="The name in FIM.")


Notes = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=2000)]],
    Field(max_length=50, description="Notes for designers; never shown to applicants."),
]


class CodeListReference(Strict):
    """The code list a choice's options were taken from (genericode URN and version)."""

    urn: str = Field(min_length=3, max_length=300)
    version: str | None = Field(None, max_length=40)
    name: str | None = Field(None, max_length=300)


class Option(Strict):
    value: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    label: LocalText

    _text = field_validator("label")(_check_local_text)


class BaseField(Strict):
    type: str
    id: str = Field(pattern=IDENTIFIER, description="Unique in the whole definition.")
    label: LocalText
    help: LocalText | None = None
    required: bool = False
    required_if: str | None = Field(None, description="Expression; required when true.")
    visible_if: str | None = Field(None, description="Expression; shown only when true.")
    prefill: Literal[PREFILL_SOURCES] | None = None  # type: ignore[valid-type]
    fim: FimReference | None = None
    notes: Notes = Field(default_factory=list)

    _text = field_validator("label", "help")(_check_local_text)

    @property
    def has_value(self) -> bool:
        return True


class TextField(BaseField):
    type: Literal["text"]
    min_length: int = Field(0, ge=0)
    max_length: int = Field(200, ge=1, le=1000)
    pattern: str | None = None
    pattern_message: LocalText | None = None
    autocomplete: str | None = Field(None, pattern=r"^[a-z -]{1,40}$")

    @field_validator("pattern")
    @classmethod
    def _pattern_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as error:
                raise ValueError(f"invalid regular expression: {error}") from error
        return value


class LongTextField(BaseField):
    type: Literal["textarea"]
    min_length: int = Field(0, ge=0)
    max_length: int = Field(4000, ge=1, le=20000)


class NumberField(BaseField):
    type: Literal["number"]
    min: Decimal | None = None
    max: Decimal | None = None
    integer: bool = True
    unit: LocalText | None = None


class MoneyField(BaseField):
    type: Literal["money"]
    min: Decimal | None = Decimal(0)
    max: Decimal | None = None


class DateField(BaseField):
    type: Literal["date"]
    not_future: bool = False
    not_past: bool = False
    min: str | None = Field(None, description="ISO date or 'today'.")
    max: str | None = Field(None, description="ISO date or 'today'.")


class EmailField(BaseField):
    type: Literal["email"]


class PhoneField(BaseField):
    type: Literal["phone"]


class IbanField(BaseField):
    type: Literal["iban"]


class ChoiceField(BaseField):
    options: list[Option] = Field(min_length=1)
    code_list: CodeListReference | None = None

    @field_validator("options")
    @classmethod
    def _unique_values(cls, options: list[Option]) -> list[Option]:
        values = [option.value for option in options]
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            raise ValueError(f"duplicate option values: {', '.join(duplicates)}")
        return options


class SelectField(ChoiceField):
    type: Literal["select"]


class RadioField(ChoiceField):
    type: Literal["radio"]


class CheckboxesField(ChoiceField):
    type: Literal["checkboxes"]
    min_selected: int = Field(0, ge=0)
    max_selected: int | None = Field(None, ge=1)


class YesNoField(BaseField):
    type: Literal["yesno"]


class AddressField(BaseField):
    type: Literal["address"]
    require_gemeinde: bool = Field(
        True, description="The Gemeinde (AGS) must be chosen from the territory."
    )


class FileField(BaseField):
    type: Literal["file"]
    accept: list[Literal[tuple(UPLOAD_TYPES)]] = Field(  # type: ignore[valid-type]
        default_factory=lambda: list(UPLOAD_TYPES)
    )
    max_size_mb: int = Field(10, ge=1, le=20)
    max_files: int = Field(1, ge=1, le=10)


class InfoField(BaseField):
    type: Literal["info"]
    text: LocalText

    _info_text = field_validator("text")(_check_local_text)

    @property
    def has_value(self) -> bool:
        return False


SimpleField = Annotated[
    TextField
    | LongTextField
    | NumberField
    | MoneyField
    | DateField
    | EmailField
    | PhoneField
    | IbanField
    | SelectField
    | RadioField
    | CheckboxesField
    | YesNoField
    | AddressField
    | FileField
    | InfoField,
    Field(discriminator="type"),
]


class GroupField(BaseField):
    """A repeating group: the same fields once per item (the children in Elterngeld)."""

    type: Literal["group"]
    fields: list[SimpleField] = Field(min_length=1)
    min_items: int = Field(0, ge=0)
    max_items: int = Field(10, ge=1, le=50)
    item_label: LocalText

    _item_text = field_validator("item_label")(_check_local_text)

    @model_validator(mode="after")
    def _no_files_in_groups(self) -> GroupField:
        if any(isinstance(field, FileField) for field in self.fields):
            raise ValueError("file fields cannot repeat inside a group; put them in a step")
        if self.min_items > self.max_items:
            raise ValueError("min_items is larger than max_items")
        return self


AnyField = Annotated[SimpleField | GroupField, Field(discriminator="type")]


class Step(Strict):
    id: str = Field(pattern=IDENTIFIER)
    title: LocalText
    intro: LocalText | None = None
    visible_if: str | None = None
    fields: list[AnyField] = Field(min_length=1)
    fim: FimReference | None = None
    notes: Notes = Field(default_factory=list)

    _text = field_validator("title", "intro")(_check_local_text)


class Fee(Strict):
    """A fee line. Without ``when`` it always applies; ``quantity`` multiplies it."""

    id: str = Field(pattern=IDENTIFIER)
    label: LocalText
    amount: Decimal = Field(ge=0, max_digits=9, decimal_places=2)
    when: str | None = None
    quantity: str | None = None

    _text = field_validator("label")(_check_local_text)


class WorkflowState(Strict):
    id: str = Field(pattern=IDENTIFIER)
    label: LocalText
    deadline_days: int | None = Field(None, ge=1, le=3650, description="Overdue after.")
    final: bool = False
    waiting_for_citizen: bool = False

    _text = field_validator("label")(_check_local_text)


class WorkflowTransition(Strict):
    """``from`` lists the states it may start in; ``roles`` who may fire it; ``needs``
    what it requires (a decision: outcome, reasons, document)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=IDENTIFIER)
    label: LocalText
    sources: list[str] = Field(alias="from", min_length=1)
    to: str
    roles: list[Literal["clerk", "citizen", "api", "system"]] = Field(min_length=1)
    needs: list[Literal["message", "note", "outcome", "reasons", "document"]] = Field(
        default_factory=list
    )
    citizen_message: LocalText | None = None

    _text = field_validator("label", "citizen_message")(_check_local_text)


class WorkflowSpec(Strict):
    """A workflow of its own; without one a definition uses ``"default"``."""

    initial: str
    states: list[WorkflowState] = Field(min_length=2, max_length=30)
    transitions: list[WorkflowTransition] = Field(min_length=1, max_length=60)


PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_.]*)\}")
FIXED_PLACEHOLDERS = ("reference", "service", "authority", "date", "outcome")


class DecisionText(Strict):
    """The text of a decision for one outcome. Placeholders: {reference}, {service},
    {authority}, {date}, {outcome} and {answer.<field id>} (the answer as displayed)."""

    outcome: Literal["bewilligt", "abgelehnt", "teilweise"]
    text: LocalText

    _text = field_validator("text")(_check_local_text)


class ServiceDefinition(Strict):
    """One online service, declared once and offered by every authority that wants it."""

    schema_version: Literal[1] = 1
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")
    title: LocalText
    summary: LocalText | None = None
    leika_key: str | None = Field(None, pattern=r"^\d{14}$")
    login: Literal["anonymous", "account"] = Field(
        "account", description="'anonymous' allows applying without a Servicekonto."
    )
    assurance: Literal["niedrig", "substantiell", "hoch"] | None = Field(
        None,
        description="Minimum level of assurance (eIDAS) of the login, e.g. 'substantiell': "
        "a lower login is asked to log in again (BundID); confirmed data cannot be changed.",
    )
    applicants: list[Literal["person", "organisation"]] = Field(
        default_factory=lambda: ["person"],  # type: ignore[arg-type]
        min_length=1,
        max_length=2,
        description="Who may apply: a person for themselves, an organisation (company, "
        "association, municipality) through a member, or both (requires login 'account').",
    )
    retention_days: int = Field(ge=30, le=36500, description="Kept after submission.")
    workflow: Literal["default"] | WorkflowSpec = Field(
        "default", description="'default' or a workflow of its own (states and transitions)."
    )
    fees: list[Fee] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1, max_length=30)
    decision_texts: list[DecisionText] = Field(default_factory=list)
    declaration: LocalText | None = Field(
        None, description="Text the applicant confirms on the check-answers page."
    )
    fim: FimReference | None = None
    notes: Notes = Field(default_factory=list)

    _text = field_validator("title", "summary", "declaration")(_check_local_text)

    @model_validator(mode="after")
    def _applicants_need_accounts(self) -> ServiceDefinition:
        if len(set(self.applicants)) != len(self.applicants):
            raise ValueError("applicants: each kind only once")
        if "organisation" in self.applicants and self.login != "account":
            raise ValueError("applicants: organisations apply with login 'account' only")
        return self

    @property
    def for_organisations(self) -> bool:
        return "organisation" in self.applicants

    @property
    def for_persons(self) -> bool:
        return "person" in self.applicants

    def to_document(self) -> dict[str, Any]:
        """The stored form: JSON types, defaults left out (so optional additions to the
        schema never change a document), the schema version always written."""
        data = self.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        return {"schema_version": self.schema_version, **data}

    def all_fields(self) -> list[tuple[str, BaseField]]:
        """Every field with its document path, group members included."""
        found: list[tuple[str, BaseField]] = []
        for s, step in enumerate(self.steps):
            for f, field in enumerate(step.fields):
                path = f"steps[{s}].fields[{f}]"
                found.append((path, field))
                if isinstance(field, GroupField):
                    found.extend(
                        (f"{path}.fields[{g}]", member) for g, member in enumerate(field.fields)
                    )
        return found

    def step(self, step_id: str) -> Step | None:
        return next((step for step in self.steps if step.id == step_id), None)


def export_definition_schema() -> dict[str, Any]:
    schema = ServiceDefinition.model_json_schema()
    schema["$id"] = "https://rathaus.invalid/schema/service-definition-1.json"
    schema["title"] = "Rathaus service definition"
    return schema
