"""Forms of the login, registration, second factor and password pages.

Forms only check the input; the operations live in ``services`` (this app's and
``rathaus.accounts.services``). Password fields never keep what was typed.
"""

from __future__ import annotations

from types import SimpleNamespace

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from rathaus.accounts.models import normalize_email
from rathaus.authentication import services

PASSWORD_HINT = _(
    "Mindestens 12 Zeichen. Nicht nur Ziffern, kein häufig verwendetes Passwort und nicht "
    "zu ähnlich zu Ihrem Namen oder Ihrer E-Mail-Adresse."
)


def email_field(**kwargs) -> forms.EmailField:
    kwargs.setdefault("label", _("E-Mail-Adresse"))
    return forms.EmailField(
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse ein."),
            "invalid": _(
                "Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de."
            ),
        },
        **kwargs,
    )


def password_field(label, autocomplete: str, required_message, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        error_messages={"required": required_message},
    )


class LoginForm(forms.Form):
    email = email_field()
    password = password_field(
        _("Passwort"), "current-password", _("Bitte geben Sie Ihr Passwort ein.")
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "username"


class ResendVerificationForm(forms.Form):
    email = email_field()


class PasswordResetRequestForm(forms.Form):
    email = email_field(
        help_text=_("Die Adresse, mit der Sie sich registriert haben."),
    )


class NewPasswordMixin(forms.Form):
    """Two password fields, checked against each other and Django's validators."""

    password_hint = PASSWORD_HINT

    def check_new_password(self, person) -> None:
        password1 = self.cleaned_data.get("new_password1")
        password2 = self.cleaned_data.get("new_password2")
        if password1 and password2 and password1 != password2:
            self.add_error("new_password2", _("Die beiden Passwörter stimmen nicht überein."))
            return
        if password1:
            try:
                password_validation.validate_password(password1, person)
            except ValidationError as error:
                self.add_error("new_password1", error)


def new_password_fields() -> tuple[forms.CharField, forms.CharField]:
    return (
        password_field(
            _("Neues Passwort"),
            "new-password",
            _("Bitte geben Sie ein neues Passwort ein."),
            PASSWORD_HINT,
        ),
        password_field(
            _("Neues Passwort wiederholen"),
            "new-password",
            _("Bitte geben Sie das neue Passwort ein zweites Mal ein."),
        ),
    )


def _privacy_url() -> str:
    try:
        return reverse("core:privacy")
    except NoReverseMatch:
        return "/datenschutz/"


class RegistrationForm(NewPasswordMixin):
    given_names = forms.CharField(
        label=_("Vorname(n)"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Bitte geben Sie Ihren Vornamen ein.")},
    )
    family_name = forms.CharField(
        label=_("Familienname"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Bitte geben Sie Ihren Familiennamen ein.")},
    )
    email = email_field(
        help_text=_("An diese Adresse schicken wir einen Link, mit dem Sie sie bestätigen."),
    )
    new_password1, new_password2 = new_password_fields()
    privacy_consent = forms.BooleanField(
        label=_(
            "Ich habe die Datenschutzerklärung gelesen und bin mit der Verarbeitung meiner "
            "Daten für das Servicekonto einverstanden."
        ),
        error_messages={
            "required": _(
                "Bitte stimmen Sie der Datenschutzerklärung zu, damit wir Ihr Konto anlegen können."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Passwort")
        self.fields["new_password2"].label = _("Passwort wiederholen")
        self.fields["new_password1"].error_messages["required"] = _(
            "Bitte legen Sie ein Passwort fest."
        )
        self.fields["new_password2"].error_messages["required"] = _(
            "Bitte geben Sie das Passwort ein zweites Mal ein."
        )
        self.fields["privacy_consent"].help_text = format_html(
            '<a class="kern-link" href="{}">{}</a>',
            _privacy_url(),
            _("Datenschutzerklärung lesen"),
        )

    def clean(self):
        cleaned = super().clean()
        data = self.cleaned_data
        person = SimpleNamespace(
            email=normalize_email(data.get("email") or ""),
            first_name=data.get("given_names", ""),
            last_name=data.get("family_name", ""),
        )
        self.check_new_password(person)
        return cleaned


class SetNewPasswordForm(NewPasswordMixin):
    """The last step of the password reset (used by Django's PasswordResetConfirmView)."""

    new_password1, new_password2 = new_password_fields()

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        self.check_new_password(self.user)
        return cleaned

    def save(self, commit: bool = True):
        return services.reset_password(self.user, self.cleaned_data["new_password1"])


class ChangePasswordForm(SetNewPasswordForm):
    """A logged-in user changes the password; the current one is asked first."""

    old_password = password_field(
        _("Aktuelles Passwort"),
        "current-password",
        _("Bitte geben Sie Ihr aktuelles Passwort ein."),
    )
    field_order = ["old_password", "new_password1", "new_password2"]

    def clean_old_password(self):
        password = self.cleaned_data["old_password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Das aktuelle Passwort ist nicht richtig."))
        return password

    def save(self, commit: bool = True):
        return services.change_password(self.user, self.cleaned_data["new_password1"])


class PasswordConfirmForm(forms.Form):
    """Asks for the current password before a security-relevant change."""

    password = password_field(
        _("Ihr aktuelles Passwort"),
        "current-password",
        _("Bitte geben Sie Ihr aktuelles Passwort ein."),
        _("Zur Sicherheit bestätigen Sie diese Änderung mit Ihrem Passwort."),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Das Passwort ist nicht richtig."))
        return password


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Sicherheitscode"),
        max_length=32,
        help_text=_(
            "Der 6-stellige Code aus Ihrer Authenticator-App oder einer Ihrer "
            "Wiederherstellungscodes."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
        error_messages={"required": _("Bitte geben Sie den Sicherheitscode ein.")},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class TOTPSetupForm(forms.Form):
    code = forms.CharField(
        label=_("Code aus der App"),
        max_length=12,
        help_text=_("Der 6-stellige Code, den Ihre Authenticator-App gerade anzeigt."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": _("Bitte geben Sie den Code aus der App ein.")},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise ValidationError(_("Der Code besteht aus genau 6 Ziffern."))
        return code


class FederatedLinkForm(forms.Form):
    """A first federated login: prove the password of the account to link."""

    prefix = "link"
    email = email_field()
    password = password_field(
        _("Passwort"), "current-password", _("Bitte geben Sie Ihr Passwort ein.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "username"


class FederatedCreateForm(forms.Form):
    """A first federated login: a new account, with the address for mails."""

    prefix = "create"
    email = email_field(
        help_text=_(
            "An diese Adresse schicken wir Nachrichten zu Ihren Anträgen. Eine andere "
            "Adresse als die vom Identitätsanbieter bestätigte müssen Sie per E-Mail bestätigen."
        )
    )
