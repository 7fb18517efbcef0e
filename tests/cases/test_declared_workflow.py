"""A definition may declare its own workflow; it is checked when the file is loaded, and
its cases follow it (and only it)."""

import json

import pytest

from rathaus.cases import services
from rathaus.definitions.documents import DefinitionInvalid, load_definition
from rathaus.definitions.services import SHIPPED_DIR
from rathaus.workflow.services import TransitionRefused

WORKFLOW = {
    "initial": "neu",
    "states": [
        {"id": "neu", "label": "Neu", "deadline_days": 3},
        {"id": "geprueft", "label": {"de": "Geprüft", "en": "Checked"}},
        {"id": "entschieden", "label": "Entschieden", "final": True},
    ],
    "transitions": [
        {"id": "pruefen", "label": "Prüfen", "from": ["neu"], "to": "geprueft", "roles": ["clerk"]},
        {"id": "entscheiden", "label": "Entscheiden", "from": ["geprueft"], "to": "entschieden",
         "roles": ["clerk", "api"], "needs": ["outcome", "reasons", "document"]},
    ],
}  # fmt: skip


def document_with(workflow) -> str:
    import yaml

    data = yaml.safe_load((SHIPPED_DIR / "eheurkunde.yaml").read_text())
    data["workflow"] = workflow
    return json.dumps(data)


def test_a_declared_workflow_loads_and_keeps_from_as_written():
    definition = load_definition(document_with(WORKFLOW))
    dumped = definition.model_dump(mode="json", by_alias=True)
    assert dumped["workflow"]["transitions"][0]["from"] == ["neu"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda w: w["transitions"][0].update(to="nirgends"),
            "Der Übergang „pruefen“ nennt den unbekannten Status „nirgends“.",
        ),
        (
            lambda w: w.update(initial="start"),
            "Der Anfangsstatus „start“ ist keiner der Status dieses Ablaufs.",
        ),
        (
            lambda w: w["states"].append({"id": "insel", "label": "Insel"}),
            "Der Status „insel“ ist vom Anfangsstatus aus nicht erreichbar.",
        ),
        (
            lambda w: w["transitions"][1].update(id="pruefen"),
            "Die Kennung „pruefen“ haben mehrere Übergänge; jeder braucht eine eigene.",
        ),
    ],
)
def test_broken_workflows_are_refused_with_the_path(change, expected):
    workflow = json.loads(json.dumps(WORKFLOW))
    change(workflow)
    with pytest.raises(DefinitionInvalid) as refused:
        load_definition(document_with(workflow))
    assert any(
        p.path.startswith("workflow") and p.message == expected for p in refused.value.problems
    )


@pytest.mark.django_db
def test_cases_follow_the_declared_workflow(catalogue, citizen):
    from django.test import Client

    from rathaus.cases.models import Case
    from rathaus.definitions.services import import_definition, publish
    from tests.service_fixtures import PASSWORD, submit_for

    publish(import_definition(document_with(WORKFLOW)))
    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    submit_for(client)
    case = Case.objects.get()
    assert case.state == "neu" and case.workflow.startswith("definition:")
    with pytest.raises(TransitionRefused):
        services.transition(case, "bearbeiten", None, "clerk", case.version, services.Change())
    case, _step = services.transition(
        case, "pruefen", None, "clerk", case.version, services.Change()
    )
    assert case.state == "geprueft" and case.get_state_label() == "Geprüft"


def test_decision_texts_with_unknown_placeholders_are_refused():
    import yaml

    data = yaml.safe_load((SHIPPED_DIR / "eheurkunde.yaml").read_text())
    data["decision_texts"][0]["text"] = {"de": "Hallo {answer.gibtsnicht} und {__class__}"}
    with pytest.raises(DefinitionInvalid) as refused:
        load_definition(json.dumps(data))
    messages = [str(p) for p in refused.value.problems]
    assert (
        "decision_texts[0].text: Den Platzhalter „{answer.gibtsnicht}“ gibt es nicht. Möglich: "
        "{reference}, {service}, {authority}, {date}, {outcome} und {answer.…} mit der Kennung "
        "eines Feldes." in messages
    )


@pytest.mark.django_db
def test_decision_texts_are_filled_for_the_case(catalogue, citizen):
    from django.test import Client

    from rathaus.cases.decisions import decision_text
    from rathaus.cases.models import Case
    from tests.service_fixtures import PASSWORD, submit_for

    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    reference = submit_for(client)
    text = decision_text(Case.objects.get(), "bewilligt")
    assert reference in text and "Eheurkunde, 2 Exemplar(e)" in text
    assert "Abholung im Standesamt" in text and "{" not in text
    assert decision_text(Case.objects.get(), "teilweise") == ""


@pytest.mark.django_db
def test_a_case_names_its_own_version_even_when_another_shares_the_content(catalogue, citizen):
    """Versions with the same document share one cached workflow (by checksum); the case
    must still record its own version, not the one that filled the cache first (found on
    PostgreSQL, whose ids are not reused between tests)."""
    from django.test import Client

    from rathaus.cases import workflow as case_workflows
    from rathaus.cases.models import Case
    from rathaus.definitions.services import definition_of, import_definition, publish
    from tests.service_fixtures import PASSWORD, submit_for

    version = import_definition(document_with(WORKFLOW))
    publish(version)
    case_workflows._DECLARED[version.checksum] = case_workflows.from_spec(
        definition_of(version).workflow, "definition:999999"
    )  # as if an earlier, since deleted version with this content had filled the cache
    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    submit_for(client)
    case = Case.objects.get()
    assert case.workflow == f"definition:{version.pk}"
    assert case_workflows.named(case.workflow).state("neu").title() == "Neu"
