"""Signals of the submissions app (listed in docs/architecture.md).

``submission_received`` — sent by the after-submission task once the receipt is made and
the citizen told, inside the task's transaction with the submission row locked, with
``submission=``. Receivers do what follows in higher apps (``deliveries`` schedules the
transfer to the specialist system). They must be idempotent: a retried task sends again.
"""

from django.dispatch import Signal

__all__ = ["submission_received"]

submission_received = Signal()
