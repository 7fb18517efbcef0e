from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from rathaus.catalog.models import LifeSituation


class CatalogSearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), max_length=200, required=False)
    lebenslage = forms.ModelChoiceField(
        label=_("Lebenslage"),
        queryset=LifeSituation.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Lebenslagen"),
    )
    online = forms.BooleanField(label=_("Nur online beantragbare Leistungen"), required=False)
    gemeinde = forms.CharField(
        label=_("Meine Gemeinde"),
        max_length=120,
        required=False,
        help_text=_("Dann zeigen wir, welche Stelle für Sie zuständig ist."),
        widget=forms.TextInput(
            attrs={
                "list": "gemeinden",
                "autocomplete": "off",
                "data-suggest-url": reverse_lazy("core:territory_search"),
            }
        ),
    )
