"""Concurrent submits: one draft submitted from many requests at once gives exactly one
submission; many drafts submitted at once get distinct, gap-free references.

Runs on PostgreSQL (row locks); SQLite serialises writers anyway.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.http import QueryDict

from rathaus.catalog.models import Service
from rathaus.core.models import Territory
from rathaus.submissions import services
from rathaus.submissions.models import Submission
from rathaus.submissions.stepdata import StepInput
from rathaus.tenants.scope import carried
from tests.service_fixtures import eheurkunde_steps

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need a server database"
    ),
]


def ready_draft(user):
    service = Service.objects.get(slug="eheurkunde")
    draft = services.start_draft(service, Territory.objects.get(key="06411000"), user, {})
    for step, data in zip(services.navigation(draft).steps, eheurkunde_steps(), strict=True):
        post = QueryDict(mutable=True)
        post.update(data)
        assert services.save_step(draft, step, StepInput(post)).valid
    draft.refresh_from_db()
    return draft


def in_thread(function):
    @carried
    def run(argument):
        try:
            return function(argument)
        finally:
            connection.close()

    return run


def test_one_draft_submitted_in_parallel_gives_one_submission(citizen):
    draft = ready_draft(citizen)
    key = str(draft.idempotency_key)
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(
            pool.map(in_thread(lambda _: services.submit(draft, key, citizen).pk), range(12))
        )
    assert len(set(results)) == 1 and Submission.objects.count() == 1


def test_parallel_submissions_get_distinct_references(citizen):
    drafts = [ready_draft(citizen) for _ in range(10)]
    submit = in_thread(lambda d: services.submit(d, str(d.idempotency_key), citizen).reference)
    with ThreadPoolExecutor(max_workers=5) as pool:
        references = list(pool.map(submit, drafts))
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in references)
    assert numbers == list(range(1, 11))


def test_citizen_withdraws_while_the_clerk_decides(citizen, catalogue):
    from rathaus.cases import services as cases
    from rathaus.cases.models import Case

    draft = ready_draft(citizen)
    services.submit(draft, str(draft.idempotency_key), citizen)
    case = Case.objects.get()
    case, _step = cases.transition(case, "bearbeiten", None, "clerk", case.version, cases.Change())
    version = case.version
    decide = cases.Change(outcome="bewilligt", reasons="Passt.", document=True)

    def act(role):
        try:
            if role == "citizen":
                cases.withdraw(case, citizen, version)
            else:
                cases.transition(case, "entscheiden", None, "clerk", version, decide)
            return "ok"
        except cases.Conflict:
            return "conflict"

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(in_thread(act), ["citizen", "clerk"]))
    assert sorted(results) == ["conflict", "ok"]
    case.refresh_from_db()
    assert case.state in {"zurueckgezogen", "entschieden"} and case.version == version + 1
    assert case.events.filter(kind="transition").count() == 2
