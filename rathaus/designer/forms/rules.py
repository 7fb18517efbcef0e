"""The guided rule editor inside an element form, without JavaScript.

Beside a rule's text input (the expert way) come rows of "field — comparison — value",
joined by "and" or "or" (the guided way), filled from the rule when the guided form can
show it. Whichever way the designer changed is saved: the rows are written in the rule
language with ``expressions.guided.compose``; a changed text is kept as typed. A rule
the rows cannot show (brackets, calculations) is edited as text. Both ways are checked by
the same ``guided.problems``, so they show the same messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from rathaus.definitions.expressions import guided

__all__ = ["RuleInputs", "ROWS", "ListSelect"]

ROWS = 3


class ListSelect(forms.Select):
    """A select rendered in Python, not through a template per option: a rule row lists
    every field a rule may name, hundreds in a large service, on every row."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "", "<option value=\"{}\"{}>{}</option>",
            ((key, mark_safe(" selected") if str(key) == chosen else "", label)
             for key, label in self.choices),
        )  # fmt: skip
        return format_html("<select{}>{}</select>", flatatt(final), options)


class RuleInputs:
    """The guided inputs of one rule attribute of a form."""

    def __init__(self, attribute: str, fields: Mapping[str, tuple[str, str]]):
        self.attribute = attribute
        self.fields = fields  # id -> (label, type) of the fields a rule may name

    def name(self, part: str, row: int | None = None) -> str:
        return f"{self.attribute}__{part}" + (f"_{row}" if row is not None else "")

    def add_to(self, form: forms.Form, current: str) -> None:
        types = {key: kind for key, (_label, kind) in self.fields.items()}
        read = guided.decompose(current, types) if current else guided.Guided("and", ())
        inputs: dict[str, forms.Field] = {
            self.name("joiner"): forms.ChoiceField(
                label=gettext_lazy("Bedingungen verknüpfen mit"),
                choices=[
                    ("and", gettext_lazy("und (alle müssen zutreffen)")),
                    ("or", gettext_lazy("oder (eine genügt)")),
                ],
                initial=read.joiner if read else "and",
                required=False,
            ),  # fmt: skip
        }
        conditions = list(read.conditions) if read else []
        field_choices = [("", gettext_lazy("– Feld wählen –"))] + [
            (key, label) for key, (label, _kind) in self.fields.items()
        ]
        operators = [(key, label) for key, label in guided.OPERATORS.items()]
        for row in range(max(ROWS, len(conditions) + 1)):
            condition = conditions[row] if row < len(conditions) else None
            number = row + 1
            inputs[self.name("field", row)] = forms.ChoiceField(
                label=format_lazy(gettext_lazy("Bedingung {n}: Feld"), n=number),
                choices=field_choices, required=False, widget=ListSelect,
                initial=condition.field if condition else "",
            )  # fmt: skip
            inputs[self.name("op", row)] = forms.ChoiceField(
                label=format_lazy(gettext_lazy("Bedingung {n}: Vergleich"), n=number),
                choices=operators, required=False,
                initial=condition.operator if condition else "==",
            )  # fmt: skip
            inputs[self.name("value", row)] = forms.CharField(
                label=format_lazy(gettext_lazy("Bedingung {n}: Wert"), n=number),
                required=False, max_length=200,
                initial=condition.value if condition else "",
            )  # fmt: skip
        form.fields.update(inputs)

    def rows(self, form: forms.Form) -> int:
        return sum(1 for name in form.fields if name.startswith(self.name("field") + "_"))

    def _rows_text(self, form: forms.Form, data: dict[str, Any]) -> str:
        conditions = []
        for row in range(self.rows(form)):
            field = data.get(self.name("field", row)) or ""
            if field:
                conditions.append(guided.Condition(
                    field, data.get(self.name("op", row)) or "==",
                    data.get(self.name("value", row)) or "",
                ))  # fmt: skip
        joiner: Literal["and", "or"] = "or" if data.get(self.name("joiner")) == "or" else "and"
        return guided.compose(guided.Guided(joiner, tuple(conditions)), self.types)

    @property
    def types(self) -> dict[str, str]:
        return {key: kind for key, (_label, kind) in self.fields.items()}

    def read(self, form: forms.Form, data: dict[str, Any], original: str) -> str | None:
        """The rule to store: what the designer changed — the text (expert) or the rows
        (guided). ``None``, with the error added, when both changed or the rows cannot
        be written as a rule."""
        typed = str(data.get(self.attribute) or "")
        try:
            rows = self._rows_text(form, data)
        except ValueError as error:
            form.add_error(self.name("field", 0), str(error))
            return None
        before = guided.decompose(original, self.types) if original else None
        shown = guided.compose(before, self.types) if before else ""
        # a form without the rows (no joiner posted) changes the rule by its text only
        self.guided_changed = self.name("joiner") in form.data and rows != shown
        if self.guided_changed and typed.strip() != original.strip():
            form.add_error(self.attribute, _BOTH)
            return None
        return rows if self.guided_changed else typed

    def error_target(self) -> str:
        return self.name("field", 0) if getattr(self, "guided_changed", False) else self.attribute


_BOTH = gettext_lazy(
    "Sie haben die Regel als Ausdruck und geführt geändert. Ändern Sie sie nur auf einem Weg."
)
