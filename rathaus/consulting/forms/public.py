"""Forms of the consulting pages. The views hand the cleaned values to ``services``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rathaus.consulting.models import (
    DESCRIPTION_MAX_LENGTH,
    FEEDBACK_MAX_LENGTH,
    ConsultingTopic,
)
from rathaus.core.models import Territory
from rathaus.core.once import SubmitOnceMixin
from rathaus.projects.services import published_project

MAX_DAYS_AHEAD = 730
TOO_LONG = _("Der Text ist %(show_value)d Zeichen lang. Bitte kürzen Sie ihn auf höchstens "
             "%(limit_value)d Zeichen.")  # fmt: skip


class TextField(forms.CharField):
    """Counts a line break as one character, as the browser's ``maxlength`` does."""

    def __init__(self, *, rows: int = 6, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        messages = {"max_length": TOO_LONG, **kwargs.pop("error_messages", {})}
        super().__init__(error_messages=messages, **kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return text.replace("\r\n", "\n").replace("\r", "\n")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def future_date(label: Any, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={
            "required": _("Bitte nennen Sie mindestens einen Wunschtermin."),
            "invalid": _("Bitte geben Sie ein gültiges Datum an, zum Beispiel 15.06.2026."),
        },
    )


class TopicField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.label(get_language() or "de")


class RequestForm(SubmitOnceMixin, forms.Form):
    """A municipality's request. ``municipalities``: where the user may ask for."""

    municipality = forms.ModelChoiceField(
        label=_("Für welche Kommune fragen Sie an?"),
        queryset=Territory.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Bitte wählen Sie die Kommune."),
                        "invalid_choice": _("Bitte wählen Sie die Kommune.")},
    )  # fmt: skip
    topic = TopicField(
        label=_("Thema"),
        queryset=ConsultingTopic.objects.filter(active=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Bitte wählen Sie ein Thema."),
                        "invalid_choice": _("Bitte wählen Sie ein Thema aus der Liste.")},
    )  # fmt: skip
    description = TextField(
        label=_("Ihr Anliegen"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("Was möchten Sie erreichen, wo stehen Sie, welche Fragen haben Sie? "
                    "Höchstens 3.000 Zeichen."),
        error_messages={"required": _("Bitte beschreiben Sie Ihr Anliegen.")},
    )  # fmt: skip
    preferred_date_1 = future_date(_("Wunschtermin 1"), required=True)
    preferred_date_2 = future_date(_("Wunschtermin 2"))
    preferred_date_3 = future_date(_("Wunschtermin 3"))
    project = forms.CharField(
        label=_("Projekt aus der Projektdatenbank (freiwillig)"),
        help_text=_("Die Adresse oder Kennung des Projekts, um das es geht, z. B. "
                    "„sensorgestutzte-abfallsammlung“."),
        max_length=300,
        required=False,
    )  # fmt: skip
    contact_name = forms.CharField(
        label=_("Ansprechperson"),
        max_length=200,
        error_messages={"required": _("Bitte nennen Sie eine Ansprechperson."),
                        "max_length": _("Der Name darf höchstens %(limit_value)d Zeichen lang "
                                        "sein.")},
    )  # fmt: skip
    contact_email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        help_text=_("An diese Adresse schicken wir Nachrichten zum Stand Ihrer Anfrage."),
        error_messages={"required": _("Bitte geben Sie eine E-Mail-Adresse an."),
                        "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, zum "
                                     "Beispiel name@beispiel.de.")},
    )  # fmt: skip
    contact_phone = forms.CharField(
        label=_("Telefon"),
        max_length=40,
        required=False,
        error_messages={"max_length": _("Die Telefonnummer darf höchstens %(limit_value)d "
                                        "Zeichen lang sein.")},
    )  # fmt: skip

    def __init__(self, *args: Any, municipalities: QuerySet[Territory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities
        self.single_municipality = municipalities.first() if municipalities.count() == 1 else None
        if self.single_municipality is not None:
            del self.fields["municipality"]

    def clean_project(self) -> Any:
        text = self.cleaned_data.get("project", "").strip().rstrip("/")
        if not text:
            return None
        project = published_project(text.rsplit("/", 1)[-1][:120])
        if project is None:
            raise forms.ValidationError(
                _("Dieses Projekt finden wir nicht in der Projektdatenbank. Bitte prüfen Sie "
                  "die Adresse oder lassen Sie das Feld leer.")
            )  # fmt: skip
        return project

    def _clean_preferred(self, name: str) -> date | None:
        day = self.cleaned_data.get(name)
        today = timezone.localdate()
        if day is not None and day <= today:
            raise forms.ValidationError(
                _("Bitte wählen Sie ein Datum in der Zukunft (nach dem %(today)s)."),
                params={"today": today.strftime("%d.%m.%Y")},
            )
        if day is not None and day > today + timedelta(days=MAX_DAYS_AHEAD):
            raise forms.ValidationError(
                _("Bitte wählen Sie ein Datum in den nächsten zwei Jahren.")
            )
        return day

    def clean_preferred_date_1(self) -> date | None:
        return self._clean_preferred("preferred_date_1")

    def clean_preferred_date_2(self) -> date | None:
        return self._clean_preferred("preferred_date_2")

    def clean_preferred_date_3(self) -> date | None:
        return self._clean_preferred("preferred_date_3")

    def chosen_municipality(self) -> Territory:
        return self.single_municipality or self.cleaned_data["municipality"]

    def preferred_dates(self) -> tuple[date, ...]:
        names = ("preferred_date_1", "preferred_date_2", "preferred_date_3")
        return tuple(day for name in names if (day := self.cleaned_data.get(name)))


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Wie hilfreich war die Beratung?"),
        coerce=int,
        choices=[(5, _("5 – sehr hilfreich")), (4, "4"), (3, "3"), (2, "2"),
                 (1, _("1 – nicht hilfreich"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie eine Bewertung."),
                        "invalid_choice": _("Bitte wählen Sie eine Bewertung von 1 bis 5.")},
    )  # fmt: skip
    text = TextField(
        label=_("Was möchten Sie uns noch mitteilen?"),
        rows=4,
        max_length=FEEDBACK_MAX_LENGTH,
        required=False,
        help_text=_("Höchstens 2.000 Zeichen."),
    )
