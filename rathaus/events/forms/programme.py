"""Back-office forms of the programme: sessions, speakers, exhibitors, materials."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rathaus.events.forms.event import datetime_widget
from rathaus.events.models import Event, Exhibitor, Material, Session, Speaker


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["kind", "title", "description", "starts_at", "ends_at", "room", "capacity",
                  "speakers", "moderators"]  # fmt: skip
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "starts_at": datetime_widget(),
            "ends_at": datetime_widget(),
            "speakers": forms.CheckboxSelectMultiple,
            "moderators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, event: Event, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in ("speakers", "moderators"):
            self.fields[name].queryset = event.speakers.all()  # type: ignore[attr-defined]
        self.fields["capacity"].widget.attrs["min"] = 1

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Der Programmpunkt endet, bevor er beginnt."))
        capacity = data.get("capacity")
        if capacity is not None and data.get("kind") != Session.Kind.WORKSHOP:
            self.add_error("capacity", _("Eigene Plätze gibt es nur bei Workshops."))
        elif capacity == 0:
            self.add_error("capacity", _("Ein Workshop braucht mindestens einen Platz."))
        return data


class SpeakerForm(forms.ModelForm):
    photo = forms.FileField(label=_("Foto (JPEG oder PNG, höchstens 10 MB)"), required=False)

    class Meta:
        model = Speaker
        fields = ["name", "organisation", "profile", "photo_alt"]
        widgets = {"profile": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"photo_alt": _("Was zeigt das Foto? Pflicht, wenn es ein Foto gibt.")}

    field_order = ["name", "organisation", "profile", "photo", "photo_alt"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_photo = bool(data.get("photo")) or bool(self.instance.photo)
        if has_photo and not data.get("photo_alt", "").strip():
            self.add_error(
                "photo_alt", _("Bitte beschreiben Sie das Foto in einem Alternativtext.")
            )
        return data


class ExhibitorForm(forms.ModelForm):
    class Meta:
        model = Exhibitor
        fields = ["organisation", "stand", "description", "contact", "website", "materials_url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"description": _("Auch Materialien am Stand, z. B. Broschüren.")}


class MaterialForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Programmpunkt"), queryset=Session.objects.none())
    kind = forms.ChoiceField(label=_("Art"), choices=Material.Kind.choices,
                             widget=forms.RadioSelect)  # fmt: skip
    title = forms.CharField(label=_("Titel"), max_length=200)
    file = forms.FileField(
        label=_("Datei (Folien als PDF, Fotos als JPEG oder PNG)"), required=False
    )
    url = forms.URLField(label=_("Link (z. B. zum Video)"), max_length=500, required=False,
                         assume_scheme="https")  # fmt: skip
    published = forms.BooleanField(label=_("gleich veröffentlichen"), required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = event.sessions.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, upload, url = data.get("kind"), data.get("file"), data.get("url")
        if kind == Material.Kind.SLIDES and not upload:
            self.add_error("file", _("Bitte laden Sie die Folien als PDF hoch."))
        elif kind == Material.Kind.VIDEO and not url:
            self.add_error("url", _("Bitte geben Sie den Link zum Video an."))
        elif kind and not upload and not url:
            self.add_error(
                "file", _("Bitte laden Sie eine Datei hoch oder geben Sie einen Link an.")
            )
        return data
