"""Conditional fields on a step page (issue 12).

Requirement: what a person typed into any field survives failed submits of its step
unchanged, also in a field whose ``visible_if`` is false; such a field's answer is never
stored, shown on the check page, charged or submitted; its hint says in words when it
applies and is tied to the input; the browser gets the rule as a syntax tree.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from django.test import Client

from rathaus.submissions.models import Draft, Submission
from tests.service_fixtures import eheurkunde_steps

pytestmark = pytest.mark.django_db


def _start(client: Client) -> Draft:
    client.post("/leistungen/eheurkunde/beantragen/", {"gemeinde": "06411000"})
    return Draft.objects.get()


def _value_of(page: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
    assert match, f"no input {name}"
    return html.unescape(match.group(1))


@pytest.mark.parametrize("typed", ["Für die Rente", "", "  Zwei  Leerzeichen ", "['x']", "<b>&"])
def test_a_hidden_conditional_answer_survives_failed_submits_unchanged(client, catalogue, typed):
    draft = _start(client)
    data = {"urkundenart": "eheurkunde", "anzahl": "", "zweck": "rente",
            "zweck_sonstiges": typed}  # fmt: skip
    for _attempt in range(4):
        response = client.post(f"/antrag/{draft.pk}/schritt/1/", data)
        assert response.status_code == 400
        page = response.content.decode()
        assert _value_of(page, "zweck_sonstiges") == typed
        data["zweck_sonstiges"] = _value_of(page, "zweck_sonstiges")
    draft.refresh_from_db()
    assert "zweck_sonstiges" not in draft.answers


def test_the_group_buttons_keep_every_other_answer_as_typed(client, catalogue):
    """Adding an item to a repeating group shows the page again from what was sent."""
    from tests.submissions.helpers import group_definition_draft

    draft = group_definition_draft(client)
    response = client.post(
        f"/antrag/{draft.pk}/schritt/1/",
        {"titel": " Mein Titel ", "kinder__count": "1", "kinder__0__name": "Ada",
         "_action": "add:kinder"},
    )  # fmt: skip
    page = response.content.decode()
    assert _value_of(page, "titel") == " Mein Titel "
    assert _value_of(page, "kinder__0__name") == "Ada"
    assert _value_of(page, "kinder__1__name") == ""


def test_the_condition_is_said_in_words_and_tied_to_the_input(client, catalogue):
    draft = _start(client)
    page = client.get(f"/antrag/{draft.pk}/schritt/1/").content.decode()
    hint = re.search(r'<div class="kern-hint[^"]*" id="f-zweck_sonstiges-condition">([^<]*)</div>',
                     page)  # fmt: skip
    assert hint and html.unescape(hint.group(1)) == (
        "Nur ausfüllen, wenn Sie bei „Wofür brauchen Sie die Urkunde?“ „Sonstiges“ gewählt haben."
    )
    field = re.search(r'<input[^>]*name="zweck_sonstiges"[^>]*>', page).group(0)
    assert "f-zweck_sonstiges-condition" in field
    english = client.get(f"/en/antrag/{draft.pk}/schritt/1/").content.decode()
    assert "Only fill in if you chose “Other” for “What do you need the certificate for?”." in (
        html.unescape(english)
    )


def test_the_browser_gets_the_rule_as_a_tree_and_the_script(client, catalogue):
    draft = _start(client)
    page = client.get(f"/antrag/{draft.pk}/schritt/1/").content.decode()
    wrapper = re.search(r'<div class="conditional-field"[^>]*data-visible-if="([^"]*)"', page)
    assert json.loads(html.unescape(wrapper.group(1))) == [
        "cmp",
        "==",
        ["path", "zweck"],
        ["lit", "sonstiges"],
    ]
    context = re.search(r'<script id="rule-context" type="application/json">(.*?)</script>',
                        page, re.S)  # fmt: skip
    rules = json.loads(context.group(1))
    assert rules["fields"]["zweck"] == {"type": "select"}
    assert rules["fields"]["anzahl"]["min"] == {"$n": "1"}
    assert "definitions/rules" in page


def test_a_step_without_conditions_loads_no_rule_script(client, catalogue):
    draft = _start(client)
    client.post(f"/antrag/{draft.pk}/schritt/1/", eheurkunde_steps()[0])
    page = client.get(f"/antrag/{draft.pk}/schritt/2/").content.decode()
    assert "rule-context" not in page and "definitions/rules" not in page


def _fill(client: Client, draft: Draft, first_step: dict) -> None:
    steps = eheurkunde_steps()
    steps[0] = first_step
    for number, data in enumerate(steps, start=1):
        response = client.post(f"/antrag/{draft.pk}/schritt/{number}/", data)
        assert response.status_code == 302, response.content.decode()[:2000]


def test_an_answer_whose_condition_became_false_is_never_shown_or_submitted(client, catalogue):
    draft = _start(client)
    other = {**eheurkunde_steps()[0], "zweck": "sonstiges", "zweck_sonstiges": "Für die Rente"}
    _fill(client, draft, other)
    draft.refresh_from_db()
    assert draft.answers["zweck_sonstiges"] == "Für die Rente"
    # Stale value left in the stored answers (as an older draft or another step may hold it).
    draft.answers = {**draft.answers, "zweck": "rente"}
    draft.save()
    check = client.get(f"/antrag/{draft.pk}/pruefen/").content.decode()
    assert "Für die Rente" not in check and "Anderer Zweck" not in check
    client.post(f"/antrag/{draft.pk}/pruefen/", {"idempotency_key": str(draft.idempotency_key),
                                                "declaration": "yes"})  # fmt: skip
    submission = Submission.objects.get()
    assert submission.answers["zweck"] == "rente"
    assert "zweck_sonstiges" not in submission.answers


def test_changing_the_answer_on_the_step_drops_the_hidden_answer(client, catalogue):
    draft = _start(client)
    _fill(client, draft, {**eheurkunde_steps()[0], "zweck": "sonstiges",
                          "zweck_sonstiges": "Ahnenforschung"})  # fmt: skip
    response = client.post(f"/antrag/{draft.pk}/schritt/1/?zurueck=pruefen",
                           {**eheurkunde_steps()[0], "zweck": "familie",
                            "zweck_sonstiges": "Ahnenforschung"})  # fmt: skip
    assert response.status_code == 302
    draft.refresh_from_db()
    assert "zweck_sonstiges" not in draft.answers and draft.answers["zweck"] == "familie"


def test_the_answers_that_count_follow_a_change_of_the_draft(client, catalogue):
    """Worked out once per loaded draft, but never stale after the answers change."""
    from rathaus.submissions import services

    draft = _start(client)
    draft.answers = {"zweck": "sonstiges", "zweck_sonstiges": "Ahnen"}
    assert services.counted_answers(draft)["zweck_sonstiges"] == "Ahnen"
    draft.answers = {"zweck": "rente", "zweck_sonstiges": "Ahnen"}
    assert "zweck_sonstiges" not in services.counted_answers(draft)
    draft.save()
    draft.refresh_from_db()
    assert "zweck_sonstiges" not in services.counted_answers(draft)
