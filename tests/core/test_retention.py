"""`manage.py apply_retention` runs every registered purge: handled feedback older than
its retention period is deleted (and audit-logged), younger or open feedback is kept."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from rathaus.audit.models import AuditEntry
from rathaus.core import feedback
from rathaus.core.models import Feedback
from rathaus.core.retention import purgers
from rathaus.tenants.scope import every_tenant

pytestmark = pytest.mark.django_db


def _feedback(handled_days_ago):
    item = feedback.submit_feedback(kind="contact", message="Hallo")
    if handled_days_ago is not None:
        Feedback.objects.filter(pk=item.pk).update(
            handled=True, handled_at=timezone.now() - timedelta(days=handled_days_ago)
        )
    return item


def test_purges_are_registered():
    assert {"core.feedback", "authentication.login_failures"} <= set(purgers())


def test_apply_retention_deletes_only_expired():
    old_days = feedback.RETENTION.days + 1
    expired, recent, open_item = _feedback(old_days), _feedback(1), _feedback(None)
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "core.feedback: 1 deleted" in out.getvalue()
    remaining = set(Feedback.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, open_item.pk}
    assert expired.pk not in remaining
    with every_tenant():  # the command works for every tenant: the platform's chain
        assert AuditEntry.objects.filter(verb="core.feedback_deleted", tenant=None).count() == 1
