"""``manage.py apply_retention`` purges in every tenant at once (the operator's view):
each purge runs once over every tenant's rows; an entry about no single row (the
references deleted) goes to the platform's chain. (``load_demo``: ``test_demo.py``.)"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from rathaus.audit.models import AuditEntry
from rathaus.audit.services import verify_chain
from rathaus.core import feedback
from rathaus.core.models import Feedback
from rathaus.tenants import services
from rathaus.tenants.scope import activate, every_tenant
from tests.unscoped import unscoped

pytestmark = pytest.mark.django_db


def _handled_long_ago() -> Feedback:
    item = feedback.submit_feedback(kind="contact", message="Hallo")
    handled_at = timezone.now() - timedelta(days=feedback.RETENTION.days + 1)
    Feedback.objects.filter(pk=item.pk).update(handled=True, handled_at=handled_at)
    return item


def test_retention_purges_every_tenants_rows_in_one_run():
    _handled_long_ago()
    hamburg = services.ensure("hamburg")
    with activate(hamburg):
        _handled_long_ago()
        kept = feedback.submit_feedback(kind="contact", message="Offen")
    out = StringIO()
    unscoped(call_command, "apply_retention", stdout=out)
    assert "core.feedback: 2 deleted" in out.getvalue()
    with every_tenant():
        assert list(Feedback.objects.values_list("pk", flat=True)) == [kept.pk]
        entry = AuditEntry.objects.get(verb="core.feedback_deleted")
    assert entry.tenant is None and len(entry.data["references"]) == 2
    assert verify_chain(None) is None
    out = StringIO()
    unscoped(call_command, "apply_retention", stdout=out)
    assert "core.feedback: 0 deleted" in out.getvalue()
