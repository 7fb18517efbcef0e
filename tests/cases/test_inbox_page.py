"""The inbox's first page reads little, however many cases there are.

Requirement: a fixed number of queries whatever the number of rows (no query per case,
also for a declared workflow), the roles read once per request, no submission answers or
definition documents loaded for the table, the count per state answered from the index
alone; the filter bar, kept once rendered for a set of services, never shows a clerk
another authority's services.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rathaus.cases.inbox import counts
from rathaus.cases.models import Case
from rathaus.catalog.models import Service
from rathaus.core.models import Authority, Territory
from rathaus.definitions.services import import_definition, publish
from tests.cases.helpers import clerk_of, form_with
from tests.cases.test_declared_workflow import WORKFLOW, document_with
from tests.service_fixtures import submit_for

pytestmark = pytest.mark.django_db

INBOX = "/verwaltung/vorgaenge/"
# session, user, the clerk's roles, her authorities, the services they offer, one page of
# cases with their submission, service, version and assignee, the count per state, the
# colleagues to assign to; and for states the default workflow does not know, which
# workflows have them and each such workflow's version (its checksum)
QUERIES = 8 + 2


@pytest.fixture
def cases(citizen_client, clerk, catalogue):
    """Four cases of the default workflow and one of a declared one, one assigned."""
    for _ in range(4):
        submit_for(citizen_client)
    publish(import_definition(document_with(WORKFLOW)))
    submit_for(citizen_client)
    Case.objects.filter(pk=Case.objects.earliest("pk").pk).update(
        assignee=catalogue.memberships.get().user
    )
    return list(Case.objects.all())


def test_the_first_page_asks_a_fixed_number_of_queries(clerk, cases, django_assert_max_num_queries):
    clerk.get(INBOX)  # the declared workflow's document is parsed once per process
    with django_assert_max_num_queries(QUERIES) as captured:
        html = clerk.get(INBOX).content.decode()
    assert all(case.submission.reference in html for case in cases)
    assert ">Neu</td>" in html and ">Eingegangen</td>" in html  # both workflows' labels
    assert ">clerk@example.org</td>" in html and ">–</td>" in html
    sql = [query["sql"] for query in captured.captured_queries]
    assert not any('"answers"' in text or '"document"' in text for text in sql)
    assert sum('"accounts_membership"."role"' in text for text in sql) == 1


def test_the_count_per_state_reads_only_the_index(clerk, cases, catalogue):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query plan")
    user = catalogue.memberships.get().user
    with CaptureQueriesContext(connection) as captured:
        assert sorted(n for _state, _label, n in counts(user)) == [1, 4]
    (sql,) = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "COVERING INDEX" in plan, plan


def test_the_filter_bar_lists_only_the_own_authority_services(clerk, catalogue, hessen):
    offered = Service.objects.get(slug="eheurkunde").name
    assert offered in form_with(clerk.get(INBOX).content.decode(), 'class="inbox-filters"')
    kassel = Authority.objects.create(
        name="Kassel", slug="kassel", territory=Territory.objects.get(key="06611000")
    )
    other = clerk_of(kassel, "other@example.org")
    filters = form_with(other.get(INBOX).content.decode(), 'class="inbox-filters"')
    assert offered not in filters and "Alle Leistungen" in filters
    english = form_with(clerk.get(f"/en{INBOX}").content.decode(), 'class="inbox-filters"')
    assert offered in english and "Alle Leistungen" not in english
    assert offered in form_with(clerk.get(INBOX).content.decode(), 'class="inbox-filters"')


def test_a_used_filter_shows_its_values(clerk, catalogue):
    assert 'value="ABC"' not in clerk.get(INBOX).content.decode()  # the bar kept unfiltered
    html = clerk.get(f"{INBOX}?q=ABC&overdue=on&sort=due").content.decode()
    filters = form_with(html, 'class="inbox-filters"')
    assert 'value="ABC"' in filters and 'id="id_overdue" checked' in filters
    assert '<option value="due" selected>' in filters
