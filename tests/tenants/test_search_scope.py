"""The full-text index answers each tenant with its own documents and the shared ones."""

import pytest

from rathaus.search import services as search
from rathaus.tenants import scope
from rathaus.tenants.scope import ScopeMissing

pytestmark = pytest.mark.django_db


def found(query="Parkraum"):
    return sorted(hit.object_id for hit in search.search("test.kind", query))


def test_each_tenant_finds_its_own_and_the_shared_documents(hamburg_tenant):
    hessen = scope.current()
    search.index("test.kind", "he", title="Parkraum Darmstadt", tenant=hessen)
    search.index("test.kind", "hh", title="Parkraum Altona", tenant=hamburg_tenant)
    search.index("test.kind", "all", title="Parkraum überall")
    assert found() == ["all", "he"]
    with scope.activate(hamburg_tenant):
        assert found() == ["all", "hh"]
    with scope.every_tenant():
        assert found() == ["all", "he", "hh"]


def test_search_without_scope_raises():
    import contextvars

    with pytest.raises(ScopeMissing):
        contextvars.Context().run(search.search, "test.kind", "Parkraum")


def test_removing_a_document_works_from_any_scope(hamburg_tenant):
    search.index("test.kind", "hh", title="Parkraum Altona", tenant=hamburg_tenant)
    search.remove("test.kind", "hh")  # from Hessen's scope, e.g. an operator's command
    with scope.activate(hamburg_tenant):
        assert found() == []
