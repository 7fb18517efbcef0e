"""Declared workflows: the one gate (``check``), flags, deadlines and self-checks."""

from datetime import datetime, timedelta

import pytest

from rathaus.workflow.services import State, TransitionRefused, Workflow, transition

LAMP = Workflow.declare(
    "lamp",
    [State("off", "Aus"), State("on", "An", deadline_days=2),
     State("waiting", "Wartet", waiting_for_applicant=True),
     State("broken", "Kaputt", final=True)],
    [transition("switch_on", "Einschalten", ["off"], "on", ["user"]),
     transition("ask", "Nachfragen", ["on"], "waiting", ["user"], ["note"]),
     transition("break", "Zerbrechen", ["on", "off", "waiting"], "broken", ["janitor"])],
    roles=["user", "janitor"], needs=["note"],
)  # fmt: skip


def test_flags_and_deadlines_come_from_the_declaration():
    assert LAMP.initial == "off"
    assert LAMP.final_states == {"broken"} and LAMP.waiting_states == {"waiting"}
    start = datetime(2026, 12, 7, 9, 0)
    assert LAMP.due("on", start) == start + timedelta(days=2)
    assert LAMP.due("off", start) is None
    assert LAMP.state("unknown").title() == "unknown"  # an old row never crashes a page


def test_available_and_leading_to_respect_role_and_state():
    assert [t.id for t in LAMP.available("off", "user")] == ["switch_on"]
    assert LAMP.leading_to("on", "broken", "user") is None
    assert LAMP.leading_to("on", "broken", "janitor").id == "break"


@pytest.mark.parametrize(
    ("state", "step", "role", "given", "reason"),
    [("off", "fly", "user", [], "unknown"), ("broken", "switch_on", "user", [], "state"),
     ("off", "break", "user", [], "role"), ("on", "ask", "user", [], "missing:note")],
)  # fmt: skip
def test_check_refuses_with_a_reason_and_a_message(state, step, role, given, reason):
    with pytest.raises(TransitionRefused) as refused:
        LAMP.check(state, step, role, given)
    assert refused.value.reason == reason
    assert str(refused.value.message)  # a message for the person, never empty


def test_a_declaration_is_checked_against_its_own_vocabulary():
    assert LAMP.problems() == []
    broken = Workflow.declare(
        "broken",
        [State("a", "A"), State("z", "Z", final=True), State("island", "Insel")],
        [transition("go", "Los", ["a"], "nowhere", ["user", "hacker"], ["coffee"]),
         transition("back", "Zurück", ["z"], "a", ["user"])],
        roles=["user"],
    )  # fmt: skip
    assert set(broken.problems()) == {
        "transition 'go' names unknown state 'nowhere'",
        "transition 'go' names unknown role 'hacker'",
        "transition 'go' needs unknown 'coffee'",
        "transition 'back' leaves final state 'z'",
        "state 'z' cannot be reached",
        "state 'island' cannot be reached",
    }
