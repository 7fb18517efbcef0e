"""Decision texts declared in the definition, filled for one case (placeholders are
replaced by a regular expression: no format strings, no code)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from rathaus.cases.models import Case
from rathaus.definitions.fieldtypes import type_of
from rathaus.definitions.schema import PLACEHOLDER, GroupField, localize
from rathaus.definitions.services import definition_of

OUTCOME_LABELS = {
    "bewilligt": gettext_noop("bewilligt"),
    "abgelehnt": gettext_noop("abgelehnt"),
    "teilweise": gettext_noop("teilweise bewilligt"),
}
OUTCOMES = tuple(OUTCOME_LABELS)


def fill(template: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), template)


def values_for(case: Case, outcome: str, language: str) -> dict[str, str]:
    submission = case.submission
    definition = definition_of(submission.version)
    values = {
        "reference": submission.reference,
        "service": localize(definition.title, language),
        "authority": case.authority.name,
        "date": timezone.localdate().strftime("%d.%m.%Y"),
        "outcome": _outcome_word(outcome, language),
    }
    for _path, field in definition.all_fields():
        value = submission.answers.get(field.id)
        if value is not None and field.has_value and not isinstance(field, GroupField):
            values[f"answer.{field.id}"] = type_of(field).display(field, value, language)
    return values


def _outcome_word(outcome: str, language: str) -> str:
    with translation.override(language):
        return gettext(OUTCOME_LABELS.get(outcome, outcome))


def decision_text(case: Case, outcome: str, language: str = "de") -> str:
    """The definition's text for this outcome, filled in; "" when it declares none."""
    definition = definition_of(case.submission.version)
    for decision in definition.decision_texts:
        if decision.outcome == outcome:
            return fill(localize(decision.text, language), values_for(case, outcome, language))
    return ""


def all_texts(case: Case, language: str = "de") -> list[tuple[str, str]]:
    definition = definition_of(case.submission.version)
    return [
        (d.outcome, decision_text(case, d.outcome, language)) for d in definition.decision_texts
    ]
