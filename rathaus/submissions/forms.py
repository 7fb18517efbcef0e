"""Forms of the submissions pages that are not generated from a definition."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = ["ResumeEmailForm"]


class ResumeEmailForm(forms.Form):
    email = forms.EmailField(label=_("Ihre E-Mail-Adresse"), max_length=254)
