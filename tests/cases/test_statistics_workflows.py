"""Case figures ask each case's declared workflow what is final and what is a decision.

Requirement (issue 13): nothing outside the kernel hard-codes a state name. A definition
whose workflow has its own final state ("beschieden") must not have its finished cases
counted as open or overdue, and its decisions count for the processing time.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.cases import services
from rathaus.cases.inbox import counts
from rathaus.cases.models import Case
from rathaus.cases.statistics import figures
from rathaus.definitions.services import import_definition, publish
from tests.cases.test_declared_workflow import document_with
from tests.service_fixtures import PASSWORD, submit_for

OWN_FINALS = {
    "initial": "neu",
    "states": [
        {"id": "neu", "label": "Neu", "deadline_days": 3},
        {"id": "beschieden", "label": "Beschieden", "final": True},
        {"id": "verworfen", "label": "Verworfen", "final": True},
    ],
    "transitions": [
        {"id": "bescheiden", "label": "Bescheiden", "from": ["neu"], "to": "beschieden",
         "roles": ["clerk"], "needs": ["outcome", "reasons", "document"]},
        {"id": "verwerfen", "label": "Verwerfen", "from": ["neu"], "to": "verworfen",
         "roles": ["clerk"]},
    ],
}  # fmt: skip


@pytest.mark.django_db
def test_final_states_of_a_declared_workflow_are_not_open(catalogue, citizen):
    publish(import_definition(document_with(OWN_FINALS)))
    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    for _ in range(3):
        submit_for(client)
    decided, dropped, waiting = Case.objects.order_by("pk")
    decision = services.Change(outcome="bewilligt", reasons="passt", document=True)
    services.transition(decided, "bescheiden", None, "clerk", decided.version, decision)
    services.transition(dropped, "verwerfen", None, "clerk", dropped.version, services.Change())
    Case.objects.update(due_at=timezone.now() - timedelta(days=1))  # all past their deadline

    counted = figures(waiting.authority)

    assert counted.open_cases == 1
    assert counted.overdue == 1
    assert counted.median_days is not None  # "bescheiden" recorded an outcome: a decision
    assert not Case.objects.get(pk=decided.pk).is_overdue
    assert Case.objects.get(pk=waiting.pk).is_overdue


@pytest.mark.django_db
def test_inbox_counts_name_states_in_their_own_workflow(catalogue, citizen):
    publish(import_definition(document_with(OWN_FINALS)))
    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    submit_for(client)
    submit_for(client)
    first = Case.objects.order_by("pk").first()
    services.transition(first, "verwerfen", None, "clerk", first.version, services.Change())
    clerk = accounts.create_staff("clerk@example.org", PASSWORD, first.authority, Role.CLERK)
    assert sorted(counts(clerk)) == [("neu", "Neu", 1), ("verworfen", "Verworfen", 1)]


@pytest.mark.django_db
def test_the_inbox_labels_declared_states_without_a_query_per_case(catalogue, citizen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rathaus.authentication.testing import login_with_second_factor

    publish(import_definition(document_with(OWN_FINALS)))
    applicant = Client()
    applicant.login(email="erika@example.org", password=PASSWORD)
    submit_for(applicant)
    clerk = accounts.create_staff("clerk@example.org", PASSWORD, Case.objects.get().authority,
                                  Role.CLERK)  # fmt: skip
    staff = Client()
    login_with_second_factor(staff, clerk)

    def inbox_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            page = staff.get("/verwaltung/vorgaenge/")
        assert page.status_code == 200 and "Neu" in page.content.decode()
        return len(queries)

    one = inbox_queries()
    for _ in range(3):
        submit_for(applicant)
    assert inbox_queries() == one
