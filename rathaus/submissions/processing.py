"""What happens to a submission once it is made is another app's business.

Submissions knows only this interface. The app that processes submissions (``cases``)
registers an implementation in its ``AppConfig.ready()``; the pages, the API and the
privacy export of submissions ask it for the status and history a citizen may see, and
the submit transaction asks it to start processing. Without one registered, a
submission simply has no status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from rathaus.core.registry import Registry

if TYPE_CHECKING:
    from rathaus.submissions.models import Submission

__all__ = ["Step", "Status", "Processing", "PROCESSORS", "start", "status_of", "history_of",
           "withdraw", "forget"]  # fmt: skip


@dataclass(frozen=True)
class Step:
    at: datetime
    state: str
    label: str


@dataclass(frozen=True)
class Status:
    state: str
    label: str
    waiting: bool  # waiting for the applicant (a request in the postbox)
    may_withdraw: bool
    version: int  # what a withdrawal must name (optimistic locking)


class Processing(Protocol):
    def start(self, submission: Submission) -> None:
        """Begin processing, in the submit transaction."""

    def status(self, submission: Submission) -> Status | None: ...

    def history(self, submission: Submission) -> list[Step]:
        """The steps the applicant may see, oldest first."""

    def withdraw(self, submission: Submission, actor: Any, version: int) -> None:
        """The applicant withdraws (raises a ``DomainError`` when that is not possible)."""

    def forget(self, submission: Submission) -> None:
        """Delete what processing kept, before the submission itself is deleted."""


PROCESSORS: Registry[Processing] = Registry("submission processing")


def start(submission: Submission) -> None:
    for processor in PROCESSORS.values():
        processor.start(submission)


def status_of(submission: Submission) -> Status | None:
    return next((s for p in PROCESSORS.values() if (s := p.status(submission)) is not None), None)


def history_of(submission: Submission) -> list[Step]:
    return [step for p in PROCESSORS.values() for step in p.history(submission)]


def withdraw(submission: Submission, actor: Any, version: int) -> None:
    for processor in PROCESSORS.values():
        processor.withdraw(submission, actor, version)


def forget(submission: Submission) -> None:
    for processor in PROCESSORS.values():
        processor.forget(submission)
