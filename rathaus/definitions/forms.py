"""Forms of the designer pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

__all__ = ["UploadForm"]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Definitionsdatei (YAML oder JSON)"),
        help_text=gettext_lazy("Höchstens 1 MB. Das Schema steht in docs/schema/."),
    )
