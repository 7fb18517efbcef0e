"""Every form renders with KERN UX markup: an error summary linking to each invalid field,
messages next to the fields, aria-invalid/aria-describedby, and the typed values kept."""

from django import forms
from django.utils import translation


class SampleForm(forms.Form):
    name = forms.CharField(label="Nachname", help_text="Wie im Ausweis")
    email = forms.EmailField(label="E-Mail")
    kind = forms.ChoiceField(
        label="Art", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    level = forms.ChoiceField(label="Stufe", choices=[("1", "Eins"), ("2", "Zwei")])
    agree = forms.BooleanField(label="Ich stimme zu")
    note = forms.CharField(label="Notiz", required=False, widget=forms.Textarea)


def test_valid_form_has_no_summary():
    form = SampleForm()
    html = str(form)
    assert "error-summary" not in html
    assert 'class="kern-form-input__input"' in html
    assert 'class="kern-form-input__select"' in html
    assert 'class="kern-form-check__radio"' in html
    assert 'class="kern-form-check__checkbox"' in html
    assert "kern-label__optional" in html  # note is optional
    assert 'aria-describedby="id_name-hint"' in html


def test_invalid_form_summary_links_and_keeps_input():
    with translation.override("de"):
        form = SampleForm(data={"name": "", "email": "kein-mail", "level": "1", "note": "Hallo"})
        html = str(form)
    assert "Bitte korrigieren Sie 4 Angaben" in html
    assert 'href="#id_name"' in html
    assert 'href="#id_kind_0"' in html  # radio group: link to the first option
    assert 'href="#id_agree"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert 'id="id_email-error"' in html
    assert 'value="kein-mail"' in html  # what was typed is kept
    assert ">\nHallo</textarea>" in html
    assert "kern-fieldset--error" in html


def test_single_error_uses_singular():
    with translation.override("de"):
        form = SampleForm(
            data={"name": "X", "email": "a@b.de", "kind": "a", "level": "1", "agree": "on"}
        )
        form.add_error(None, "Etwas stimmt nicht")
        html = str(form)
    assert "Bitte korrigieren Sie 1 Angabe<" in html
    assert "Etwas stimmt nicht" in html


def test_error_summary_entries_join_label_and_message_without_double_punctuation():
    from rathaus.core.formrendering import summary_entry

    assert summary_entry(
        "Wofür brauchen Sie die Urkunde?", "Bitte wählen Sie eine Antwort aus."
    ) == ("Wofür brauchen Sie die Urkunde? Bitte wählen Sie eine Antwort aus.")
    assert summary_entry("Anzahl", "Bitte füllen Sie dieses Feld aus.") == (
        "Anzahl: Bitte füllen Sie dieses Feld aus."
    )
    assert summary_entry("", "Etwas fehlt.") == "Etwas fehlt."
