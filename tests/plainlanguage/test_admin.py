"""The office edits the officialese list in the Django admin.

Requirement: list with the active flag editable in place, search; a term is unique ignoring
case; what the office adds or switches off there counts for the next check at once.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rathaus.accounts.models import User
from rathaus.authentication.testing import login_with_second_factor
from rathaus.plainlanguage.models import OfficialeseTerm
from rathaus.plainlanguage.services import assess

pytestmark = pytest.mark.django_db

TEXT = "Bitte füllen Sie die Vorlage aus."


@pytest.fixture
def office(client):
    user = User.objects.create_superuser("redaktion@example.org", "Ein-langes-Passwort-2026")
    login_with_second_factor(client, user)
    return client


def officialese(text: str) -> list[str]:
    return [hint.excerpt for hint in assess(text).hints if hint.kind == "officialese"]


def test_added_in_the_admin_then_switched_off_in_the_list(office):
    assert officialese(TEXT) == []
    response = office.post(
        reverse("admin:plainlanguage_officialeseterm_add"),
        {"term": "  Vorlage ", "suggestion": "Formular", "active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    term = OfficialeseTerm.objects.get(key="vorlage")
    assert term.term == "Vorlage"
    assert officialese(TEXT) == ["Vorlage"]

    changelist = reverse("admin:plainlanguage_officialeseterm_changelist")
    page = office.get(changelist, {"q": "vorlage"}).content.decode()
    assert 'name="form-0-active"' in page and "Formular" in page
    response = office.post(
        changelist + "?q=vorlage",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(term.pk),
            "_save": "Sichern",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert OfficialeseTerm.objects.get(pk=term.pk).active is False
    assert officialese(TEXT) == []


def test_a_term_is_unique_ignoring_case_even_for_umlauts(office):
    OfficialeseTerm.objects.create(term="Übermittlung", suggestion="Senden")
    response = office.post(
        reverse("admin:plainlanguage_officialeseterm_add"),
        {"term": "übermittlung", "suggestion": "Schicken", "active": "on"},
    )
    assert response.status_code == 200
    assert "Diesen Ausdruck gibt es schon" in response.content.decode()
    assert OfficialeseTerm.objects.filter(key="übermittlung").count() == 1


@pytest.mark.parametrize("term", ["123", "Foto 2", "*", "a*b", "gemäß!"])
def test_a_term_is_made_of_words(term):
    with pytest.raises(ValidationError) as raised:
        OfficialeseTerm(term=term, suggestion="x").full_clean()
    assert "term" in raised.value.message_dict


@pytest.mark.parametrize("term", ["Durchschrift", "zu Händen", "ausgehändig*", "E-Mail-Verkehr"])
def test_valid_terms(term):
    OfficialeseTerm(term=term, suggestion="x").full_clean()
