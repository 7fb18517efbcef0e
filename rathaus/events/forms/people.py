"""Back-office forms about people: filter the registrations, write to the participants."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rathaus.events.models import Registration


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("alle"))] + list(Registration.Status.choices),
        required=False,
    )
    q = forms.CharField(label=_("Suche nach Name, E-Mail oder Organisation"), max_length=100,
                        required=False)  # fmt: skip


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name oder Organisation"), max_length=100, required=False)


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Betreff"), max_length=200)
    body = forms.CharField(label=_("Text"), max_length=10000,
                           widget=forms.Textarea(attrs={"rows": 8}))  # fmt: skip
    include_waiting = forms.BooleanField(
        label=_("Auch an die Personen auf der Warteliste senden"), required=False
    )
