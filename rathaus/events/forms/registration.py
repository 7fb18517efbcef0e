"""Forms of the public pages: the calendar filter, the registration form, the workshop choice.

The registration form holds the standard fields; the organiser's extra questions are
read by :mod:`rathaus.events.questions` beside it. Single-line texts refuse markup and
control characters with a clear message rather than storing them.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from rathaus.core.municipalities import lookup_error, resolve_municipality
from rathaus.core.once import SubmitOnceMixin
from rathaus.events.models import Event, EventRegion, Session
from rathaus.events.registration_flow import HOLDS_SEAT

DATALIST_ID = "gemeinden"
UNSAFE = re.compile(r"[<>{}\x00-\x1f\x7f]")
TOO_LONG = _("Der Text ist %(show_value)d Zeichen lang. Bitte kürzen Sie ihn auf höchstens "
             "%(limit_value)d Zeichen.")  # fmt: skip
WHEN_CHOICES = [("kommend", _("Kommende")), ("vergangen", _("Vergangene"))]


class CalendarFilter(forms.Form):
    """GET filters; anything not in a list is ignored (see :meth:`value`)."""

    art = forms.ChoiceField(label=_("Art"), required=False,
                            choices=[("", _("Alle Arten")), *Event.Kind.choices])  # fmt: skip
    region = forms.ChoiceField(label=_("Region"), required=False)
    form = forms.ChoiceField(label=_("Form"), required=False,
                             choices=[("", _("Alle Formen")), *Event.Format.choices])  # fmt: skip
    zeit = forms.ChoiceField(label=_("Zeitraum"), required=False, choices=WHEN_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Alle Regionen")),
                         *EventRegion.objects.values_list("slug", "name")]  # fmt: skip

    def value(self, name: str) -> str:
        """The chosen value, or "" when the input was empty or not one of the choices."""
        if not self.is_bound:
            return ""
        raw = str(self.data.get(name, ""))[:60]
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return raw if raw in {str(key) for key, _label in field.choices} else ""  # type: ignore[union-attr, misc]


class PlainText(forms.CharField):
    """One line of text without markup or control characters."""

    def __init__(self, *, label: Any, max_length: int, required: bool = False,
                 missing: Any = None, **kwargs: Any) -> None:  # fmt: skip
        messages = {"max_length": TOO_LONG}
        if missing:
            messages["required"] = missing
        super().__init__(label=label, max_length=max_length, required=required,
                         error_messages=messages, **kwargs)  # fmt: skip

    def clean(self, value: Any) -> str:
        text = " ".join(str(super().clean(value) or "").split())
        if UNSAFE.search(text):
            raise forms.ValidationError(
                _("Bitte verwenden Sie keine Zeichen wie < > { } oder Steuerzeichen.")
            )
        return text


class LongText(forms.CharField):
    def __init__(self, *, label: Any, max_length: int, help_text: Any = "") -> None:
        super().__init__(label=label, max_length=max_length, required=False, help_text=help_text,
                         widget=forms.Textarea(attrs={"rows": 3}),
                         error_messages={"max_length": TOO_LONG})  # fmt: skip

    def to_python(self, value: Any) -> str:
        text = (super().to_python(value) or "").replace("\r\n", "\n").replace("\r", "\n")
        return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text).strip()


def workshops_of(event: Event) -> QuerySet[Session]:
    """The event's workshops with their own registration, with the seats taken."""
    held = Q(seats__registration__status__in=HOLDS_SEAT)
    return (
        Session.objects.filter(event=event, kind=Session.Kind.WORKSHOP, capacity__isnull=False)
        .annotate(taken=Count("seats", filter=held))
        .order_by("starts_at", "title")
    )


class WorkshopField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        # Only short digit strings reach the database (a 30-digit "id" overflows SQLite).
        for item in value if isinstance(value, list | tuple) else [value]:
            text = str(item)
            if not (text.isascii() and text.isdigit() and len(text) <= 18):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                    params={"pk": text[:20]},
                )  # fmt: skip
        return super()._check_values(value)  # type: ignore[misc]  # not in the stubs

    def label_from_instance(self, obj: Any) -> str:
        from django.utils import formats, timezone

        start = formats.date_format(timezone.localtime(obj.starts_at), "j. F, H:i")
        end = formats.time_format(timezone.localtime(obj.ends_at), "H:i")
        taken = getattr(obj, "taken", None)
        if taken is None or obj.capacity is None:
            return gettext("%(title)s (%(start)s–%(end)s Uhr)") % {
                "title": obj.title, "start": start, "end": end}  # fmt: skip
        left = max(0, obj.capacity - taken)
        seats = (ngettext("noch %(n)d Platz", "noch %(n)d Plätze", left) % {"n": left}
                 if left else gettext("ausgebucht"))  # fmt: skip
        return gettext("%(title)s (%(start)s–%(end)s Uhr, %(seats)s)") % {
            "title": obj.title, "start": start, "end": end, "seats": seats}  # fmt: skip


class RegistrationForm(SubmitOnceMixin, forms.Form):
    given_name = PlainText(label=_("Vorname"), max_length=100, required=True,
                           missing=_("Bitte geben Sie Ihren Vornamen an."))  # fmt: skip
    family_name = PlainText(label=_("Nachname"), max_length=100, required=True,
                            missing=_("Bitte geben Sie Ihren Nachnamen an."))  # fmt: skip
    email = forms.EmailField(
        label=_("E-Mail-Adresse"), max_length=254,
        help_text=_("An diese Adresse schicken wir die Bestätigung mit dem Link zu Ihrer "
                    "Anmeldung."),
        error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                        "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, zum "
                                     "Beispiel name@beispiel.de."),
                        "max_length": TOO_LONG},
    )  # fmt: skip
    organisation = PlainText(label=_("Organisation"), max_length=200,
                             help_text=_("Zum Beispiel Ihre Kommune, Ihr Amt oder Ihr "
                                         "Unternehmen."))  # fmt: skip
    municipality = PlainText(
        label=_("Kommune"), max_length=120,
        help_text=_("Für welche Gemeinde oder Stadt arbeiten Sie? Name oder "
                    "Gemeindeschlüssel, zum Beispiel Darmstadt."),
        widget=forms.TextInput(attrs={"list": DATALIST_ID, "autocomplete": "off"}),
    )  # fmt: skip
    role = PlainText(label=_("Funktion"), max_length=100,
                     help_text=_("Zum Beispiel Digitalisierungsbeauftragte oder "
                                 "Bürgermeister."))  # fmt: skip
    accessibility_needs = LongText(
        label=_("Bedarf an Barrierefreiheit"),
        max_length=1000,
        help_text=_(
            "Zum Beispiel Gebärdensprachdolmetschung, Untertitel, ein "
            "rollstuhlgerechter Platz. Höchstens 1.000 Zeichen."
        ),
    )
    dietary_needs = PlainText(label=_("Verpflegung"), max_length=300,
                              help_text=_("Zum Beispiel vegetarisch, vegan oder "
                                          "Allergien."))  # fmt: skip
    workshops = WorkshopField(
        label=_("Workshops"), queryset=Session.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wählen Sie höchstens einen Workshop je Zeitfenster."),
        error_messages={"invalid_choice": _("Bitte wählen Sie Workshops aus der Liste."),
                        "invalid_pk_value": _("Bitte wählen Sie Workshops aus der Liste.")},
    )  # fmt: skip

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.territory: Any = None
        if not event.in_person:
            del self.fields["dietary_needs"]
        workshops = workshops_of(event)
        if workshops.exists():
            field = self.fields["workshops"]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = workshops
        else:
            del self.fields["workshops"]

    def clean_municipality(self) -> str:
        text = self.cleaned_data.get("municipality", "")
        if text:
            lookup = resolve_municipality(text)
            if lookup.territory is None:
                raise forms.ValidationError(lookup_error(text, lookup))
            self.territory = lookup.territory
        return text

    def workshop_ids(self) -> list[int]:
        return [s.pk for s in self.cleaned_data.get("workshops") or []]


class WorkshopChoiceForm(forms.Form):
    workshops = RegistrationForm.base_fields["workshops"]

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["workshops"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = workshops_of(event)
