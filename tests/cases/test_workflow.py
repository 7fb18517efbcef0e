"""The default case workflow, checked by the kernel's one gate (``Workflow.check``).

Requirement: the default workflow allows exactly its transitions, per role and with what
each needs; declared workflows are checked for unknown states, roles, needs, exits from
final states and unreachable states; no sequence of requests (hypothesis) reaches a state
the workflow does not allow.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rathaus.cases.workflow import DEFAULT
from rathaus.definitions.workflows import CASE_NEEDS, CASE_ROLES
from rathaus.workflow.services import State, TransitionRefused, Workflow
from rathaus.workflow.services import transition as _t

ROLES = CASE_ROLES

NEEDS = ["message", "note", "outcome", "reasons", "document"]


def test_clerk_and_citizen_see_their_own_steps():
    assert [t.id for t in DEFAULT.available("eingegangen", "clerk")] == ["bearbeiten"]
    assert [t.id for t in DEFAULT.available("in_bearbeitung", "clerk")] == [
        "rueckfrage",
        "entscheiden",
    ]
    assert [t.id for t in DEFAULT.available("rueckfrage", "citizen")] == [
        "antworten",
        "zurueckziehen",
    ]
    assert DEFAULT.available("abgeschlossen", "clerk") == []


@pytest.mark.parametrize(
    ("state", "transition", "role", "given", "reason"),
    [
        ("eingegangen", "entscheiden", "clerk", NEEDS, "state"),
        ("in_bearbeitung", "entscheiden", "citizen", NEEDS, "role"),
        ("in_bearbeitung", "entscheiden", "clerk", ["outcome"], "missing:document,reasons"),
        ("in_bearbeitung", "rueckfrage", "clerk", [], "missing:message"),
        ("zurueckgezogen", "bearbeiten", "clerk", [], "state"),
        ("in_bearbeitung", "fliegen", "clerk", [], "unknown"),
    ],
)
def test_refusals_say_why(state, transition, role, given, reason):
    with pytest.raises(TransitionRefused) as refused:
        DEFAULT.check(state, transition, role, given)
    assert refused.value.reason == reason


def test_the_default_workflow_is_sound():
    assert DEFAULT.problems() == []


def test_broken_workflows_are_reported():
    broken = Workflow(
        "kaputt",
        "start",
        {"start": State("start", "Start"), "ende": State("ende", "Ende", final=True),
         "insel": State("insel", "Insel")},
        {"a": _t("a", "A", ["start"], "nirgends", ["clerk", "hacker"], ["kaffee"]),
         "b": _t("b", "B", ["ende"], "start", ["clerk"])},
        CASE_ROLES, CASE_NEEDS,
    )  # fmt: skip
    problems = broken.problems()
    assert "transition 'a' names unknown state 'nirgends'" in problems
    assert "transition 'a' names unknown role 'hacker'" in problems
    assert "transition 'a' needs unknown 'kaffee'" in problems
    assert "transition 'b' leaves final state 'ende'" in problems
    assert "state 'insel' cannot be reached" in problems


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*DEFAULT.transitions, "fliegen"]),
            st.sampled_from(sorted(ROLES)),
            st.sets(st.sampled_from(NEEDS)),
        ),
        max_size=30,
    )
)
def test_no_sequence_reaches_a_state_the_workflow_does_not_allow(requests):
    state = DEFAULT.initial
    for transition_id, role, provided in requests:
        try:
            step = DEFAULT.check(state, transition_id, role, provided)
        except TransitionRefused:
            continue
        assert state in step.sources and role in step.roles and step.needs <= provided
        state = step.target
        assert state in DEFAULT.states


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*DEFAULT.transitions, "fliegen"]), st.sampled_from(sorted(ROLES))
        ),
        max_size=12,
    )
)
def test_no_sequence_of_requests_through_the_services_breaks_the_history(catalogue, citizen, steps):
    """Random requests through ``cases.services.transition`` (with everything each needs):
    the state only moves along allowed transitions, and the history tells the same story."""
    from django.test import Client

    from rathaus.cases import services
    from rathaus.cases.models import Case
    from tests.service_fixtures import PASSWORD, submit_for

    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    submit_for(client)
    case = Case.objects.latest("pk")
    full = services.Change(message="m", outcome="bewilligt", reasons="r", document=True)
    expected = [case.state]
    for transition_id, role in steps:
        try:
            case, step = services.transition(case, transition_id, None, role, case.version, full)
        except services.TransitionRefused:
            continue
        assert expected[-1] in step.sources and role in step.roles
        expected.append(step.target)
    events = [e.state for e in case.events.filter(kind__in=["created", "transition"])]
    assert events == expected
