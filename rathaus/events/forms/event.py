"""Back-office forms for an event: create and edit, copy, state changes, team."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rathaus.events.models import Event
from rathaus.events.organising import MAX_RETENTION_DAYS, RETENTION_DAYS
from rathaus.events.questions_schema import QuestionsInvalid, parse_questions, questions_text
from rathaus.projects.services import published_project

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class EventForm(forms.ModelForm):
    questions_text = forms.CharField(
        label=_("Zusätzliche Fragen (YAML oder JSON)"),
        help_text=_(
            "Eine Liste von Feldern im Format der Dienstdefinitionen, z. B. "
            "„- {type: yesno, id: parken, label: Parkplatz benötigt}“. Leer: keine."
        ),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        max_length=20000,
        required=False,
    )

    projects_text = forms.CharField(
        label=_("Vorgestellte Projekte"),
        help_text=_("Ein Projekt je Zeile: Adresse oder Kennung aus der Projektdatenbank."),
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        max_length=5000,
        required=False,
    )

    class Meta:
        model = Event
        fields = [
            "title", "kind", "format", "region", "organiser", "summary", "description",
            "starts_at", "ends_at", "venue", "address", "accessibility", "online_link",
            "capacity", "registration_opens_at", "registration_closes_at", "retention_until",
        ]  # fmt: skip
        widgets = {
            "kind": forms.RadioSelect,
            "format": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "starts_at": datetime_widget(),
            "ends_at": datetime_widget(),
            "registration_opens_at": datetime_widget(),
            "registration_closes_at": datetime_widget(),
            "retention_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "description": _("Markdown ist erlaubt: **fett**, *kursiv*, Listen, Links."),
            "retention_until": _("Leer: 90 Tage nach dem Ende der Veranstaltung."),
            "online_link": _("Nur bestätigte Teilnehmende sehen diesen Link."),
        }

    def __init__(self, *args: Any, authorities: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["retention_until"].required = False
        self.fields["capacity"].widget.attrs["min"] = 1
        if authorities is not None:
            self.fields["organiser"].queryset = authorities  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["questions_text"] = questions_text(self.instance.questions)
            self.initial["projects_text"] = "\n".join(
                self.instance.projects.values_list("slug", flat=True)
            )

    def clean_projects_text(self) -> list[Any]:
        found, unknown = [], []
        for line in self.cleaned_data.get("projects_text", "").splitlines()[:30]:
            slug = line.strip().rstrip("/").rsplit("/", 1)[-1][:120]
            if not slug:
                continue
            project = published_project(slug)
            if project is None:
                unknown.append(slug)
            elif project not in found:
                found.append(project)
        if unknown:
            raise forms.ValidationError(
                _("Diese Projekte gibt es nicht in der Projektdatenbank: %(names)s")
                % {"names": ", ".join(unknown)}
            )
        return found

    def clean_questions_text(self) -> list[dict[str, Any]]:
        try:
            return parse_questions(self.cleaned_data.get("questions_text", ""))
        except QuestionsInvalid as invalid:
            raise forms.ValidationError(invalid.problems) from None

    def clean_capacity(self) -> int:
        capacity = self.cleaned_data["capacity"]
        if capacity < 1:
            raise forms.ValidationError(_("Bitte geben Sie mindestens einen Platz an."))
        return capacity

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("Das Ende liegt vor dem Beginn."))
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes < opens:
            self.add_error("registration_closes_at", _("Die Anmeldung endet, bevor sie beginnt."))
        if closes and ends and closes > ends:
            self.add_error(
                "registration_closes_at", _("Die Anmeldung muss vor dem Ende schließen.")
            )
        self._default_retention(data)
        return data

    def _default_retention(self, data: dict[str, Any]) -> None:
        ends, retention = data.get("ends_at"), data.get("retention_until")
        if ends is None:
            return
        if retention is None:
            data["retention_until"] = ends.date() + timedelta(days=RETENTION_DAYS)
        elif retention < ends.date():
            self.add_error("retention_until", _("Die Daten werden erst nach dem Ende gelöscht."))
        elif retention > ends.date() + timedelta(days=MAX_RETENTION_DAYS):
            self.add_error(
                "retention_until",
                _("Personenbezogene Daten bewahren wir höchstens ein Jahr nach dem Ende auf."),
            )

    def content(self) -> dict[str, Any]:
        """The cleaned data as the organising services take it."""
        data = dict(self.cleaned_data)
        data["questions"] = data.pop("questions_text")
        data["projects"] = data.pop("projects_text")
        return data


class CopyForm(forms.Form):
    title = forms.CharField(label=_("Titel der Kopie"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Beginn"), widget=datetime_widget())
    ends_at = forms.DateTimeField(label=_("Ende"), widget=datetime_widget())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("Das Ende liegt vor dem Beginn."))
        return data


class DoneForm(forms.Form):
    attendance = forms.IntegerField(
        label=_("Teilnehmende laut Veranstalter"), min_value=0, max_value=1_000_000
    )


class OrganiserForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse der Mitarbeiterin oder des Mitarbeiters"),
        help_text=_("Sie braucht ein Dienstkonto in Rathaus."),
        max_length=254,
    )
