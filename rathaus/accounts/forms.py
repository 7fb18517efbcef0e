"""Forms of the account pages: Servicekonto profile and e-mail change."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathaus.accounts import services
from rathaus.accounts.models import User, normalize_email
from rathaus.core import municipalities

EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)
MUNICIPALITY_DATALIST_ID = "gemeinde-vorschlaege"


def _text(label, max_length: int, autocomplete: str, required: bool = False, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
        **kwargs,
    )


class ProfileForm(forms.Form):
    """The Servicekonto data; the Gemeinde is typed as 8-digit key or as name."""

    given_names = _text(
        _("Vorname(n)"),
        120,
        "given-name",
        required=True,
        error_messages={"required": _("Bitte geben Sie Ihren Vornamen ein.")},
    )
    family_name = _text(
        _("Familienname"),
        120,
        "family-name",
        required=True,
        error_messages={"required": _("Bitte geben Sie Ihren Familiennamen ein.")},
    )
    birth_date = forms.DateField(
        label=_("Geburtsdatum"),
        required=False,
        help_text=_("Zum Beispiel 31.12.1980."),
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"],
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "autocomplete": "bday"}),
        error_messages={
            "invalid": _("Bitte geben Sie ein gültiges Datum ein, zum Beispiel 31.12.1980.")
        },
    )
    street = _text(_("Straße"), 120, "address-line1")
    house_number = _text(_("Hausnummer"), 20, "off")
    postal_code = _text(
        _("Postleitzahl"),
        5,
        "postal-code",
        validators=[
            RegexValidator(r"^\d{5}$", _("Eine Postleitzahl besteht aus genau 5 Ziffern."))
        ],
        error_messages={"max_length": _("Eine Postleitzahl besteht aus genau 5 Ziffern.")},
    )
    city = _text(_("Ort"), 120, "address-level2")
    municipality = _text(
        _("Gemeinde"),
        160,
        "off",
        help_text=_(
            "Name Ihrer Gemeinde oder ihr 8-stelliger Gemeindeschlüssel (AGS), zum Beispiel "
            "Darmstadt oder 06411000."
        ),
    )
    phone = _text(
        _("Telefon"),
        40,
        "tel",
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 ()/\-]{2,38}$",
                _(
                    "Bitte geben Sie die Telefonnummer nur mit Ziffern, Leerzeichen und den "
                    "Zeichen + / - ( ) ein."
                ),
            )
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].widget.attrs["list"] = MUNICIPALITY_DATALIST_ID
        self.fields["municipality"].widget.attrs["data-suggest-url"] = reverse_lazy(
            "core:territory_search"
        )
        self.fields["phone"].widget.input_type = "tel"
        self.municipality_territory = None
        self.suggestions: list = []

    @classmethod
    def initial_for(cls, user: User) -> dict[str, object]:
        profile = getattr(user, "citizen_profile", None)
        if profile is None:
            return {}
        initial = {name: getattr(profile, name) for name in services.PROFILE_FIELDS}
        territory = profile.municipality
        initial["municipality"] = f"{territory.short_name} ({territory.key})" if territory else ""
        return initial

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value is None:
            return None
        if value > timezone.localdate():
            raise ValidationError(_("Das Geburtsdatum darf nicht in der Zukunft liegen."))
        if value < EARLIEST_BIRTH_DATE:
            raise ValidationError(_("Das Geburtsdatum darf nicht vor dem Jahr 1900 liegen."))
        return value

    def clean_municipality(self):
        text = self.cleaned_data.get("municipality", "").strip()
        if not text:
            return ""
        lookup = municipalities.resolve_municipality(text)
        if lookup.territory is not None:
            self.municipality_territory = lookup.territory
            return text
        self.suggestions = lookup.candidates
        raise ValidationError(municipalities.lookup_error(text, lookup))

    def profile_values(self) -> dict[str, object]:
        values = {name: self.cleaned_data[name] for name in services.PROFILE_FIELDS}
        values["municipality"] = self.municipality_territory
        return values

    def datalist(self) -> list[dict[str, str]]:
        """Options for the Gemeinde ``<datalist>``: the candidates, or what fits the input."""
        territories = self.suggestions
        if not territories:
            typed = str(self["municipality"].value() or "") if self.is_bound else ""
            territories = municipalities.municipality_suggestions(typed)
        return municipalities.datalist_options(territories)


class EmailChangeForm(forms.Form):
    new_email = forms.EmailField(
        label=_("Neue E-Mail-Adresse"),
        max_length=254,
        help_text=_("An diese Adresse schicken wir einen Link. Erst damit wird sie übernommen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Bitte geben Sie die neue E-Mail-Adresse ein."),
            "invalid": _(
                "Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de."
            ),
        },
    )
    password = forms.CharField(
        label=_("Ihr aktuelles Passwort"),
        strip=False,
        help_text=_("Zur Sicherheit bestätigen Sie die Änderung mit Ihrem Passwort."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Bitte geben Sie Ihr aktuelles Passwort ein.")},
    )

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_email(self):
        email = normalize_email(self.cleaned_data["new_email"])
        if email == self.user.email:
            raise ValidationError(_("Das ist bereits die E-Mail-Adresse Ihres Kontos."))
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Das Passwort ist nicht richtig."))
        return password


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Ihr Passwort"), widget=forms.PasswordInput)
    confirm = forms.BooleanField(
        label=_("Ja, ich möchte mein Servicekonto endgültig löschen."), required=True
    )

    def __init__(self, user: User, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Das Passwort stimmt nicht."))
        return password
