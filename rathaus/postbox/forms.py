"""Forms of the postbox pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

__all__ = ["ReplyForm"]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Ihre Antwort"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
