"""Background tasks that a crash cannot lose: a transactional outbox in front of the queue.

``enqueue_after_commit(task, *args, **kwargs)`` writes an ``OutboxTask`` row in the
caller's transaction and, once that commits, enqueues :func:`run` with the row's id. The
row stays until a worker has run the task. When a process dies after the commit but
before the enqueue (or a worker dies during the task), nothing else would ever run it:
:func:`relay` (``manage.py relay_tasks``, every minute) enqueues every row that no worker
has taken within ``GRACE``. A worker claims the row before it runs the task and deletes
it afterwards, so a task enqueued twice (by the request and by the relay) runs once.

Left open by design: a worker killed after the task's effect and before the delete runs
it again when the lease has run out; the tasks are idempotent where that matters (the
after-submission work and deliveries are keyed by the submission and the delivery), a
mail may then go out twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.tasks import Task, task
from django.utils import timezone
from django.utils.module_loading import import_string

from rathaus.core.models import OutboxTask

__all__ = ["GRACE", "LEASE", "MAX_ATTEMPTS", "enqueue_after_commit", "relay", "run"]

# How long an enqueued task may wait in the queue before the relay enqueues it again.
GRACE = timedelta(minutes=1)
# How long a claimed task belongs to its worker: far longer than any task takes.
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5


def enqueue_after_commit(
    target: Task, *args: Any, run_after: datetime | None = None, **kwargs: Any
) -> None:
    """Run ``target(*args, **kwargs)`` in the worker once the transaction has committed
    (not before ``run_after``); nothing runs when it rolls back."""
    due = run_after or timezone.now()
    entry = OutboxTask.objects.create(
        task=target.module_path, args=list(args), kwargs=kwargs, run_after=run_after,
        relay_after=due + GRACE,
    )  # fmt: skip
    # robust: when the queue cannot be reached, the request still succeeds; the relay
    # enqueues the task later.
    transaction.on_commit(lambda: _enqueue(str(entry.pk), run_after), robust=True)


def _enqueue(entry_id: str, run_after: datetime | None) -> None:
    runner = run
    if run_after is not None and runner.get_backend().supports_defer:
        runner = runner.using(run_after=run_after)
    runner.enqueue(entry_id)


@task
def run(entry_id: str) -> str:
    """The worker's side: claim the row, run its task, delete the row."""
    entry = _claim(entry_id)
    if entry is None:
        return "skipped"
    target: Task = import_string(entry.task)
    target.call(*entry.args, **entry.kwargs)
    OutboxTask.objects.filter(pk=entry.pk).delete()
    return "done"


def _claim(entry_id: str) -> OutboxTask | None:
    """The row, now this worker's; None when it is done, taken or has failed too often."""
    now = timezone.now()
    with transaction.atomic():
        entry = OutboxTask.objects.select_for_update().filter(pk=entry_id).first()
        if entry is None or entry.attempts >= MAX_ATTEMPTS:
            return None
        if entry.claimed_until is not None and entry.claimed_until > now:
            return None
        entry.attempts += 1
        entry.claimed_until = entry.relay_after = now + LEASE
        entry.save(update_fields=["attempts", "claimed_until", "relay_after"])
    return entry


def relay(now: datetime | None = None) -> int:
    """Enqueue again every task no worker has taken in time; how many."""
    now = now or timezone.now()
    due = OutboxTask.objects.filter(relay_after__lte=now, attempts__lt=MAX_ATTEMPTS)
    ids = [str(pk) for pk in due.values_list("pk", flat=True)]
    OutboxTask.objects.filter(pk__in=ids).update(relay_after=now + GRACE)
    for entry_id in ids:
        _enqueue(entry_id, None)
    return len(ids)
