"""Forms of the project database: the editor's project form, the search, review actions."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from rathaus.core.municipalities import lookup_error, resolve_municipality
from rathaus.core.once import SubmitOnceMixin
from rathaus.core.services import territory_by_key
from rathaus.projects.models import ProjectRevision, Technology

KREIS_KEY = re.compile(r"^(?:.*\()?(\d{5})\)?$")
MAX_TERRITORIES = 50
MAX_LINKS = 20


def parse_links(text: str) -> list[tuple[str, str]]:
    """``URL | title`` lines as (url, title); raises ValidationError naming the bad line."""
    links = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        url, _sep, title = (part.strip() for part in line.partition("|"))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
            raise forms.ValidationError(
                _("Zeile %(line)s ist keine Web-Adresse mit http:// oder https://."),
                params={"line": number},
            )
        links.append((url, title or parts.netloc))
    if len(links) > MAX_LINKS:
        raise forms.ValidationError(_("Bitte höchstens 20 Links angeben."))
    return links


def resolve_territory(text: str):
    """A Gemeinde (name, "Name (AGS)" or AGS) or a Kreis by its 5-digit key."""
    match = KREIS_KEY.match(text)
    if match:
        territory = territory_by_key(match.group(1))
        if territory is not None:
            return territory, ""
    lookup = resolve_municipality(text)
    return lookup.territory, "" if lookup.territory else lookup_error(text, lookup)


class ProjectForm(SubmitOnceMixin, forms.ModelForm):
    territory_names = forms.CharField(
        label=_("Beteiligte Kommunen"),
        help_text=_(
            "Eine Kommune je Zeile: Name oder Gemeindeschlüssel, z. B. „Darmstadt (06411000)“; "
            "ein Landkreis mit seinem fünfstelligen Schlüssel, z. B. „06531“."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
    )

    class Meta:
        model = ProjectRevision
        fields = [
            "title", "summary", "description", "territory_names", "fields", "technologies",
            "status", "started_on", "ended_on", "budget", "funding_source", "partners",
            "results", "lessons_learned", "transferability", "transfer_requirements",
            "links", "contact_name", "contact_email", "contact_phone", "contact_consent",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "fields": forms.CheckboxSelectMultiple,
            "technologies": forms.CheckboxSelectMultiple,
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "status": forms.RadioSelect,
            "transferability": forms.RadioSelect,
        }
        help_texts = {
            "description": _("Markdown ist erlaubt: **fett**, *kursiv*, Listen, Links."),
            "contact_consent": _("Ohne Einwilligung zeigen wir die Ansprechperson nicht an."),
        }

    def __init__(self, *args, own_territory_ids: set[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_territory_ids = own_territory_ids
        self.fields["technologies"].queryset = Technology.objects.all()  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["territory_names"] = "\n".join(
                f"{t.short_name} ({t.key})" for t in self.instance.territories.all()
            )

    def clean_territory_names(self) -> list:
        lines = [
            " ".join(line.split()) for line in self.cleaned_data["territory_names"].splitlines()
        ]
        lines = [line for line in lines if line]
        if len(lines) > MAX_TERRITORIES:
            raise forms.ValidationError(
                _("Bitte nennen Sie höchstens %(max)s Kommunen.") % {"max": MAX_TERRITORIES}
            )
        found, problems = [], []
        for line in lines:
            territory, problem = resolve_territory(line)
            if territory is None:
                problems.append(problem)
            elif territory not in found:
                found.append(territory)
        if problems:
            raise forms.ValidationError(problems)
        if not found:
            raise forms.ValidationError(_("Bitte geben Sie mindestens eine Kommune an."))
        own = self.own_territory_ids
        if own is not None and not own & {t.pk for t in found}:
            raise forms.ValidationError(_("Ihre eigene Kommune muss beteiligt sein."))
        return found

    def clean_links(self) -> str:
        text = self.cleaned_data.get("links", "")
        parse_links(text)
        return text.strip()

    def clean(self):
        data = super().clean() or {}
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("Das Ende liegt vor dem Beginn."))
        if data.get("contact_consent") and not data.get("contact_name"):
            self.add_error("contact_name", _("Bitte nennen Sie die Ansprechperson."))
        return data

    def content(self) -> dict:
        """The cleaned data as the editorial services take it."""
        data = dict(self.cleaned_data)
        data.pop("submit_token", None)
        data["territories"] = data.pop("territory_names")
        return data


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Hinweise an die Kommune"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )


SORT_CHOICES = [("", _("Relevanz (bei Suche), sonst neueste")), ("neu", _("Neueste zuerst"))]


class ProjectSearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), max_length=100, required=False)
    sort = forms.ChoiceField(label=_("Sortierung"), choices=SORT_CHOICES, required=False)


class ImageForm(forms.Form):
    image = forms.FileField(label=_("Bild (JPEG oder PNG, höchstens 10 MB)"))
    alt_text = forms.CharField(
        label=_("Alternativtext"),
        help_text=_("Was zeigt das Bild? Für Menschen, die es nicht sehen."),
        max_length=300,
    )
    caption = forms.CharField(
        label=_("Bildunterschrift und Urheber"), max_length=300, required=False
    )


class DocumentForm(forms.Form):
    document = forms.FileField(label=_("Dokument (PDF, höchstens 20 MB)"))
    title = forms.CharField(label=_("Titel des Dokuments"), max_length=200)


class TransferMessageForm(forms.Form):
    text = forms.CharField(
        label=_("Nachricht"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class TransferStatusForm(forms.Form):
    """The statuses the adoption workflow allows this person now (``choices``)."""

    status = forms.ChoiceField(
        label=_("Status"),
        error_messages={
            "required": _("Bitte wählen Sie einen Status."),
            "invalid_choice": _("Dieser Statuswechsel ist nicht möglich."),
        },
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Bitte wählen")), *choices]
