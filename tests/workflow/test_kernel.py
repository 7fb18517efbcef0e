"""The one transition function: lock, version, check, history, audit, notice — all or nothing.

Runs with real bindings (cases and adoption requests) so that what is proven is what the
apps use. Concurrent firing under real row locks is proven in
``tests/submissions/test_concurrency.py`` (PostgreSQL).
"""

import pytest
from django.apps import apps
from django.test import Client

from rathaus.audit.models import AuditEntry
from rathaus.cases import services as cases
from rathaus.cases.binding import CASES
from rathaus.cases.models import Case, CaseEvent
from rathaus.workflow.services import (
    AppendOnly,
    Conflict,
    HistoryIsAppendOnly,
    StateChange,
    TransitionRefused,
    fire,
    history_of,
)
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(catalogue, citizen):
    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    submit_for(client)
    return Case.objects.get()


def _trace(case):
    return (Case.objects.get(pk=case.pk).state, case.events.count(), AuditEntry.objects.count())


def test_a_stale_version_is_a_conflict_and_changes_nothing(case):
    before = _trace(case)
    fire(CASES, case, "bearbeiten", actor=None, role="clerk", change=cases.Change(),
         expected_version=case.version)  # fmt: skip
    with pytest.raises(Conflict) as conflict:
        fire(CASES, case, "rueckfrage", actor=None, role="clerk",
             change=cases.Change(message="Ausweis"), expected_version=case.version)  # fmt: skip
    assert conflict.value.current.state == "in_bearbeitung"  # the case as it is now
    assert conflict.value.current.version == case.version + 1
    assert _trace(case)[1] == before[1] + 1  # only the first transition left a trace


@pytest.mark.parametrize(
    ("step", "role", "reason"),
    [("entscheiden", "clerk", "state"), ("bearbeiten", "citizen", "role"),
     ("fliegen", "clerk", "unknown")],
)  # fmt: skip
def test_a_refused_transition_leaves_no_trace(case, step, role, reason):
    before = _trace(case)
    with pytest.raises(TransitionRefused) as refused:
        fire(CASES, case, step, actor=None, role=role, change=cases.Change())
    assert refused.value.reason == reason
    assert _trace(case) == before


def test_state_history_audit_and_notice_commit_together_or_not_at_all(case, monkeypatch):
    """A failure in the last step (the notice) rolls back the state, history and audit."""
    before = _trace(case)

    def broken_notice(*args):
        raise RuntimeError("postbox down")

    monkeypatch.setattr(type(CASES), "notify", broken_notice)
    with pytest.raises(RuntimeError):
        fire(CASES, case, "bearbeiten", actor=None, role="clerk", change=cases.Change())
    assert _trace(case) == before
    monkeypatch.undo()
    fired = fire(CASES, case, "bearbeiten", actor=None, role="clerk", change=cases.Change())
    assert (fired.previous, fired.obj.state, fired.obj.version) == (
        "eingegangen", "in_bearbeitung", case.version + 1)  # fmt: skip
    assert fired.obj.due_at is not None and fired.obj.state_since is not None  # its deadline
    assert case.events.latest("pk").transition == "bearbeiten"
    assert AuditEntry.objects.filter(verb="cases.transition").count() == 1


def test_every_history_model_refuses_updates(case):
    history_models = {m for m in apps.get_models() if issubclass(m, AppendOnly)}
    names = {m._meta.label for m in history_models}
    assert {"cases.CaseEvent", "consulting.ConsultingEvent", "workflow.StateChange",
            "events.EventMessage", "deliveries.DeliveryAttempt"} <= names  # fmt: skip
    event = CaseEvent.objects.filter(case=case).first()
    event.note = "nachträglich geändert"
    with pytest.raises(HistoryIsAppendOnly):
        event.save()
    row = StateChange.objects.create(target_type="x.y", target_id="1", workflow="w",
                                     transition="t", from_state="a", to_state="b")  # fmt: skip
    row.to_state = "c"
    with pytest.raises(HistoryIsAppendOnly):
        row.save()
    assert history_of(case) == []  # cases keep their own history, not the kernel's
