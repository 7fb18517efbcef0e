from django import forms
from django.utils.translation import gettext_lazy as _

from rathaus.cases.decisions import OUTCOME_LABELS, OUTCOMES
from rathaus.cases.workflow import DEFAULT
from rathaus.core.formrendering import KernFormRenderer

STATE_CHOICES = [("", _("Alle Status")), *((s.id, s.label) for s in DEFAULT.states.values())]
OUTCOME_CHOICES = [("", _("Bitte wählen")), *((k, _(v)) for k, v in OUTCOME_LABELS.items())]


class InboxFilterRenderer(KernFormRenderer):
    """KERN markup for the inbox filters as a compact bar above the table (the fields are
    the core's ``forms/kern_field.html``)."""

    form_template_name = "cases/_inbox_filters.html"


class InboxFilterForm(forms.Form):
    default_renderer = InboxFilterRenderer
    optional_by_nature = True  # filters: no "– optional" on every label

    q = forms.CharField(
        label=_("Suche (Vorgangsnummer, Leistung, E-Mail)"), max_length=100, required=False
    )
    state = forms.ChoiceField(label=_("Status"), choices=STATE_CHOICES, required=False)
    service = forms.ChoiceField(label=_("Leistung"), required=False)
    overdue = forms.BooleanField(label=_("Nur überfällige"), required=False)
    mine = forms.BooleanField(label=_("Nur meine"), required=False)
    unassigned = forms.BooleanField(label=_("Nur nicht zugewiesene"), required=False)
    sort = forms.ChoiceField(
        label=_("Sortierung"),
        choices=[("newest", _("Neueste zuerst")), ("oldest", _("Älteste zuerst")),
                 ("due", _("Nächste Frist zuerst"))],
        required=False,
    )  # fmt: skip

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Alle Leistungen")), *services]


class TransitionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    transition = forms.CharField(widget=forms.HiddenInput, max_length=64)
    message = forms.CharField(
        label=_("Nachricht an die antragstellende Person"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    outcome = forms.ChoiceField(label=_("Ergebnis"), choices=OUTCOME_CHOICES, required=False)
    reasons = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        required=False,
    )
    note = forms.CharField(label=_("Interne Notiz"), max_length=5000, required=False)

    def clean_outcome(self) -> str:
        value = self.cleaned_data.get("outcome", "")
        if value and value not in OUTCOMES:
            raise forms.ValidationError(_("Bitte wählen Sie ein Ergebnis."))
        return value


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Interne Notiz"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
