"""Forms to start a service and to change its structure (add, move, delete)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy

from rathaus.definitions.vocabulary import FIELD_TYPES

__all__ = ["EmptyForm", "CopyForm", "FileForm", "FimForm", "AddStepForm", "AddFieldForm",
           "AddFeeForm", "AddDecisionForm", "MAX_FILE", "MAX_FIM"]  # fmt: skip

MAX_FILE = 1_000_000
MAX_FIM = 20_000_000


class _MultipleFiles(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("widget", _MultipleFiles())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class _AuthorityChoice(forms.Form):
    """Designers of several authorities choose whose service it is."""

    def __init__(self, *args: Any, authorities: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if authorities is not None and len(authorities) > 1:
            self.fields["authority"] = forms.ModelChoiceField(
                authorities, label=gettext_lazy("Behörde"), empty_label=None
            )


class EmptyForm(_AuthorityChoice):
    title = forms.CharField(label=gettext_lazy("Titel (deutsch)"), max_length=200)
    title_en = forms.CharField(
        label=gettext_lazy("Titel (englisch)"), max_length=200, required=False
    )
    slug = forms.SlugField(
        label=gettext_lazy("Kennung in der Adresse"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("Leer lassen: wir bilden sie aus dem Titel."),
    )


class CopyForm(_AuthorityChoice):
    source = forms.ChoiceField(label=gettext_lazy("Vorlage"))
    title = forms.CharField(label=gettext_lazy("Neuer Titel (deutsch)"), max_length=200)

    def __init__(self, *args: Any, sources: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["source"]).choices = list(sources or [])


class FileForm(_AuthorityChoice):
    file = forms.FileField(
        label=gettext_lazy("Definitionsdatei (YAML oder JSON)"),
        help_text=gettext_lazy("Höchstens 1 MB. Das Schema steht in docs/schema/."),
    )


class FimForm(_AuthorityChoice):
    schema_files = MultipleFileField(
        label=gettext_lazy("FIM-Stammdatenschema mit Codelisten (XML-Dateien oder ZIP)"),
        help_text=gettext_lazy(
            "XDatenfelder 2.0 oder 3.0; die Codelisten (genericode) als weitere Dateien "
            "oder alles in einer ZIP-Datei. Höchstens 20 MB."
        ),
    )


class CodeListForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Codeliste (genericode-XML)"),
        help_text=gettext_lazy(
            "Zum Beispiel aus dem FIM-Portal oder dem XRepository; höchstens 5 MB."
        ),
    )


class AddStepForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Titel des neuen Schritts"), max_length=200)


class AddFieldForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Beschriftung des neuen Felds"), max_length=300)
    type = forms.ChoiceField(label=gettext_lazy("Art des Felds"))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [(key, term.label) for key, term in FIELD_TYPES.items()]
        cast(forms.ChoiceField, self.fields["type"]).choices = choices


class AddFeeForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Bezeichnung der Gebühr"), max_length=200)


class AddDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Ergebnis"),
        choices=[
            ("bewilligt", gettext_lazy("bewilligt")),
            ("abgelehnt", gettext_lazy("abgelehnt")),
            ("teilweise", gettext_lazy("teilweise bewilligt")),
        ],
    )
