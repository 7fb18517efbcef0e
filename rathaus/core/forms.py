"""Forms of the public core pages (the municipality search)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = [
    "TerritorySearchForm",
    "MIN_QUERY_LENGTH",
    "MAX_QUERY_LENGTH",
    "MAX_KEY_LENGTH",
    "LENGTH_HINT",
]

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
MAX_KEY_LENGTH = 8
QUERY_PATTERN = re.compile(r"[\w\s.,'’()/-]+")
LENGTH_HINT = _(
    "Bitte geben Sie mindestens 2 Zeichen ein: den Anfang eines Ortsnamens oder "
    "eines Gemeindeschlüssels."
)
CHARACTERS_HINT = _(
    "Bitte verwenden Sie nur Buchstaben, Ziffern, Leerzeichen und die Zeichen . , ' ( ) / -."
)


class TerritorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Gemeinde oder Gemeindeschlüssel"),
        help_text=_("Anfang des Namens, z. B. „Darm“, oder des Schlüssels, z. B. „06411“."),
        min_length=MIN_QUERY_LENGTH,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": LENGTH_HINT,
            "min_length": LENGTH_HINT,
            "max_length": _("Bitte geben Sie höchstens 100 Zeichen ein."),
            "null_characters_not_allowed": CHARACTERS_HINT,
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if not QUERY_PATTERN.fullmatch(query):
            raise forms.ValidationError(CHARACTERS_HINT, code="invalid_characters")
        if query.isdigit() and len(query) > MAX_KEY_LENGTH:
            raise forms.ValidationError(
                _("Ein Gemeindeschlüssel hat 8 Ziffern, z. B. 06411000 für Darmstadt."),
                code="key_too_long",
            )
        return query
