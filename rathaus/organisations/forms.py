"""Forms of the organisation pages: details, invitation, role of a member."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from rathaus.organisations.models import Kind, MemberRole, Organisation
from rathaus.organisations.services import DETAIL_FIELDS, SELF_SERVICE_KINDS

POSTAL_CODE = RegexValidator(r"^\d{5}$", _("Bitte geben Sie eine fünfstellige Postleitzahl an."))
REGISTER_NUMBER = RegexValidator(
    r"^\d{1,7}( ?[A-Z]{1,3})?$",
    _("Bitte geben Sie die Registernummer an, zum Beispiel 12345 oder 12345 B."),
)


class OrganisationForm(forms.ModelForm):
    """A company's or an association's details; the model's rules check what belongs
    together (a company needs its register entry, a register number its court)."""

    class Meta:
        model = Organisation
        fields = ["kind", *DETAIL_FIELDS]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args: Any, creating: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            kind = self.fields["kind"]
            assert isinstance(kind, forms.ChoiceField)
            kind.choices = [(k.value, k.label) for k in SELF_SERVICE_KINDS]
        else:
            del self.fields["kind"]
        self.fields["postal_code"].validators.append(POSTAL_CODE)
        self.fields["register_number"].validators.append(REGISTER_NUMBER)
        self.fields["register_number"].help_text = _("Für Unternehmen Pflicht.")
        for name in ("name", "street", "postal_code", "city"):
            self.fields[name].required = True

    def details(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in DETAIL_FIELDS}


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
    role = forms.ChoiceField(
        label=_("Rolle"), choices=MemberRole.choices, initial=MemberRole.APPLY,
        widget=forms.RadioSelect,
    )  # fmt: skip


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=MemberRole.choices)


__all__ = ["OrganisationForm", "InviteForm", "RoleForm", "Kind"]
