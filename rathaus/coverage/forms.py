"""The filter of the coverage pages: a life situation and the order of the Gemeinden.

Both live in the URL (``?lebenslage=familie&sort=name``), so a filtered view can be
shared. A value that is not offered is reported next to the field and replaced by the
default, so a hand-edited or stale link still shows a page.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rathaus.catalog.models import LifeSituation
from rathaus.coverage.services import DEFAULT_SORT, life_situations

SORT_CHOICES = [
    ("abdeckung", _("Höchste Abdeckung zuerst")),
    ("luecken", _("Niedrigste Abdeckung zuerst")),
    ("name", _("Name der Gemeinde (A–Z)")),
    ("kreis", _("Kreis, dann Abdeckung")),
    ("einwohner", _("Einwohnerzahl, größte zuerst")),
]


class CoverageFilterForm(forms.Form):
    lebenslage = forms.ModelChoiceField(
        label=_("Lebenslage"),
        queryset=LifeSituation.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Lebenslagen"),
        help_text=_("Gezählt werden dann nur die Leistungen dieser Lebenslage."),
        error_messages={
            "invalid_choice": _(
                "Diese Lebenslage gibt es nicht. Gezeigt werden alle Lebenslagen; bitte "
                "wählen Sie eine aus der Liste."
            )
        },
    )
    sort = forms.ChoiceField(
        label=_("Sortierung der Gemeinden"),
        choices=SORT_CHOICES,
        required=False,
        error_messages={
            "invalid_choice": _(
                "Diese Sortierung gibt es nicht. Sortiert wird nach der höchsten Abdeckung; "
                "bitte wählen Sie eine Sortierung aus der Liste."
            )
        },
    )

    def __init__(self, *args, with_sort: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        lebenslage = self.fields["lebenslage"]
        assert isinstance(lebenslage, forms.ModelChoiceField)
        lebenslage.queryset = life_situations()
        if not with_sort:
            del self.fields["sort"]

    def chosen_life_situation(self) -> LifeSituation | None:
        """The chosen life situation, or None (all) when none or an unknown one is asked."""
        self.is_valid()
        return self.cleaned_data.get("lebenslage")

    def chosen_sort(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("sort") or DEFAULT_SORT
