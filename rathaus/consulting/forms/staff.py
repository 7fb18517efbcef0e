"""Forms of the partner's and the office's pages: filter, assign, route, status, notes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathaus.accounts.models import User
from rathaus.consulting.forms.public import DateInput, TextField
from rathaus.consulting.models import (
    FEEDBACK_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    ConsultingPartner,
    Status,
)
from rathaus.consulting.workflow import needs_appointment, status_choices


class FilterForm(forms.Form):
    """Queue and overview filters; ``partners`` only for the office."""

    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle Status")), *Status.choices], required=False
    )
    partner = forms.ChoiceField(label=_("Beratungspartner"), required=False)

    def __init__(self, *args: Any, partners: QuerySet[ConsultingPartner] | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if partners is None:
            del self.fields["partner"]
            return
        field = self.fields["partner"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Alle Partner")), ("ohne", _("Ohne Partner")),
                         *((str(p.pk), p.name) for p in partners)]  # fmt: skip


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.email


class AssignForm(forms.Form):
    prefix = "assign"
    assignee = PersonField(
        label=_("Zuständige Person"),
        queryset=User.objects.none(),
        empty_label=_("Bitte wählen"),
        error_messages={"required": _("Bitte wählen Sie eine Person."),
                        "invalid_choice": _("Bitte wählen Sie eine Person des "
                                            "Beratungspartners.")},
    )  # fmt: skip

    def __init__(self, *args: Any, consultants: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = consultants


class PartnerForm(forms.Form):
    prefix = "partner"
    partner = forms.ModelChoiceField(
        label=_("Beratungspartner"),
        queryset=ConsultingPartner.objects.filter(active=True),
        empty_label=_("Bitte wählen"),
        error_messages={"required": _("Bitte wählen Sie einen Beratungspartner."),
                        "invalid_choice": _("Bitte wählen Sie einen aktiven Beratungspartner.")},
    )  # fmt: skip


class StatusForm(forms.Form):
    prefix = "status"
    status = forms.ChoiceField(
        label=_("Neuer Status"),
        choices=[("", _("Bitte wählen")), *status_choices()],
        error_messages={"required": _("Bitte wählen Sie einen Status."),
                        "invalid_choice": _("Bitte wählen Sie einen Status aus der Liste.")},
    )  # fmt: skip
    appointment_date = forms.DateField(
        label=_("Datum des Termins"),
        required=False,
        widget=DateInput(),
        help_text=_("Nur für „Termin vereinbart“."),
        error_messages={"invalid": _("Bitte geben Sie ein gültiges Datum an.")},
    )
    appointment_time = forms.TimeField(
        label=_("Uhrzeit des Termins"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Bitte geben Sie eine gültige Uhrzeit an, z. B. 10:30.")},
    )
    message = TextField(
        label=_("Nachricht an die Kommune"),
        rows=3,
        max_length=FEEDBACK_MAX_LENGTH,
        required=False,
        help_text=_("Erscheint im Verlauf der Anfrage und in der E-Mail an die Kommune."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not needs_appointment(cleaned.get("status", "")):
            return cleaned
        day, time = cleaned.get("appointment_date"), cleaned.get("appointment_time")
        if day is None and "appointment_date" not in self.errors:
            self.add_error("appointment_date", _("Bitte geben Sie das Datum des Termins an."))
        if time is None and "appointment_time" not in self.errors:
            self.add_error("appointment_time", _("Bitte geben Sie die Uhrzeit des Termins an."))
        if day and time and self.appointment_at() <= timezone.now():  # type: ignore[operator]
            self.add_error("appointment_date", _("Der Termin muss in der Zukunft liegen."))
        return cleaned

    def appointment_at(self) -> datetime | None:
        day = self.cleaned_data.get("appointment_date")
        time = self.cleaned_data.get("appointment_time")
        if day is None or time is None:
            return None
        return timezone.make_aware(datetime.combine(day, time))


class NoteForm(forms.Form):
    prefix = "note"
    text = TextField(
        label=_("Interne Notiz"),
        rows=3,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("Nur für den Beratungspartner und die Geschäftsstelle sichtbar."),
        error_messages={"required": _("Bitte schreiben Sie eine Notiz.")},
    )
