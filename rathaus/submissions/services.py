"""Public operations on applications: start, fill in step by step, check, submit.

Who may touch a draft: its citizen (``user``) or, for definitions that allow anonymous
use, the browser session that started or resumed it (draft ids kept in the session).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from rathaus.accounts.models import Actor, user_of
from rathaus.audit.services import log_action
from rathaus.catalog.models import Service
from rathaus.catalog.services import fee_overrides, resolve
from rathaus.core.models import Territory
from rathaus.core.outbox import enqueue_after_commit
from rathaus.definitions import engine
from rathaus.definitions.schema import ServiceDefinition, Step
from rathaus.definitions.services import current_version, definition_of
from rathaus.organisations import services as organisations
from rathaus.organisations.models import MemberRole, Organisation
from rathaus.submissions import processing, uploads
from rathaus.submissions.models import Attachment, Draft, Submission
from rathaus.submissions.references import next_reference
from rathaus.submissions.stepdata import StepInput, organisation_sources, profile_sources
from rathaus.submissions.tasks import after_submission

__all__ = [
    "NotAvailable",
    "Incomplete",
    "Navigation",
    "SESSION_KEY",
    "start_draft",
    "ApplicantChoice",
    "applicant_choice",
    "submissions_of",
    "applicant_of",
    "drafts_of",
    "find_draft",
    "definition_for",
    "navigation",
    "counted_answers",
    "save_step",
    "submit",
    "discard",
    "fee_summary",
    "remember_in_session",
    "add_documents",
]

SESSION_KEY = "rathaus_drafts"


class NotAvailable(Exception):
    """The service cannot be applied for online here (reason in ``code``)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class Incomplete(Exception):
    def __init__(self, step_number: int):
        super().__init__(step_number)
        self.step_number = step_number


def remember_in_session(session: Any, draft: Draft) -> None:
    drafts = [d for d in session.get(SESSION_KEY, []) if d != str(draft.pk)][-19:]
    session[SESSION_KEY] = [*drafts, str(draft.pk)]


@dataclass(frozen=True)
class ApplicantChoice:
    """For whom ``user`` may apply for a service: herself (``for_persons``) and the
    organisations in whose name she may apply (none where the definition allows none)."""

    for_persons: bool
    organisations: list[Organisation]

    def asks(self, chosen: str) -> bool:
        """Whether the "apply as" question must be asked (again): there is a choice and
        ``chosen`` (what the form sent: ``person`` or an organisation's id) is none of it."""
        allowed = {str(o.pk) for o in self.organisations} | (
            {"person"} if self.for_persons else set()
        )
        return bool(self.organisations) and chosen not in allowed

    def organisation(self, chosen: str) -> Organisation | None:
        return next((o for o in self.organisations if str(o.pk) == chosen), None)


def applicant_choice(service: Service, user: Actor) -> ApplicantChoice:
    version = current_version(service.definition_slug) if service.definition_slug else None
    definition = definition_of(version) if version is not None else None
    if definition is None or not definition.for_organisations:
        return ApplicantChoice(True, [])
    return ApplicantChoice(
        definition.for_persons, list(organisations.organisations_of(user, MemberRole.APPLY))
    )


def start_draft(
    service: Service,
    municipality: Territory,
    user: Actor,
    session: Any,
    language: str = "de",
    organisation: Organisation | None = None,
) -> Draft:
    """A new draft for ``service`` where ``municipality`` is, pinned to today's version;
    in the name of ``organisation`` when given (the definition must allow it and the user
    must be a member who may apply)."""
    version = current_version(service.definition_slug) if service.definition_slug else None
    if version is None:
        raise NotAvailable("no_definition")
    responsibility = resolve(service, municipality)
    if responsibility.offer is None or not responsibility.offer.online:
        raise NotAvailable("no_offer")
    definition = definition_of(version)
    signed_in = bool(getattr(user, "is_authenticated", False))
    if definition.login == "account" and not signed_in:
        raise NotAvailable("login_required")
    if organisation is not None and not (
        definition.for_organisations and organisations.may(user, organisation, MemberRole.APPLY)
    ):
        raise NotAvailable("not_for_organisation")
    if organisation is None and not definition.for_persons:
        raise NotAvailable("organisation_required")
    sources = {**profile_sources(user), **organisation_sources(organisation)} if signed_in else {}
    answers = engine.prefill_answers(definition, sources, {}) if signed_in else {}
    with transaction.atomic():
        draft = Draft.objects.create(
            version=version,
            service=service,
            offer=responsibility.offer,
            municipality=municipality,
            user=user_of(user),
            organisation=organisation,
            answers=answers,
            language=language,
        )
        data = {"service": service.slug, "organisation": getattr(organisation, "pk", None)}
        log_action(user, "submissions.draft_started", draft, data)
    if not signed_in:
        remember_in_session(session, draft)
    return draft


def submissions_of(user: Any, organisation: Organisation | None = None) -> QuerySet[Submission]:
    """The person's own submissions, or those of ``organisation`` if she may read them."""
    if organisation is None:
        return Submission.objects.filter(user=user, organisation__isnull=True)
    if not organisations.may(user, organisation, MemberRole.READ):
        return Submission.objects.none()
    return Submission.objects.filter(organisation=organisation)


def applicant_of(submission: Submission) -> dict[str, Any]:
    """Who applied, for specialist systems: a person for herself, or an organisation (its
    details as stated in its account) through a member."""
    organisation = submission.organisation
    if organisation is None:
        return {"kind": "person"}
    return {
        "kind": "organisation",
        "organisation": {
            "kind": organisation.kind, "name": organisation.name,
            "registerType": organisation.register_type or None,
            "registerCourt": organisation.register_court or None,
            "registerNumber": organisation.register_number or None,
            "address": {"street": organisation.street, "houseNumber": organisation.house_number,
                        "postalCode": organisation.postal_code, "city": organisation.city},
            "email": organisation.email or None,
        },
    }  # fmt: skip


def drafts_of(user: Any, organisation: Organisation | None = None) -> QuerySet[Draft]:
    """Open drafts: the person's own, or ``organisation``'s if she may apply in its name."""
    open_drafts = Draft.objects.filter(submission__isnull=True)
    if organisation is None:
        return open_drafts.filter(user=user, organisation__isnull=True)
    if not organisations.may(user, organisation, MemberRole.APPLY):
        return Draft.objects.none()
    return open_drafts.filter(organisation=organisation)


def find_draft(
    draft_id: Any, user: Actor, session: Any, *, with_offer: bool = True
) -> Draft | None:
    """The draft if this visitor may see it, else None (the view answers 404).

    Read with its version (without the document: ``definition_of`` parses it once per
    process) and, unless ``with_offer`` is false (a step page needs neither), with its
    service and offer."""
    related = ("version", "service", "offer__authority") if with_offer else ("version",)
    draft = (
        Draft.objects.select_related(*related)
        .defer("version__document", "version__report")
        .filter(pk=draft_id)
        .first()
    )
    if draft is None:
        return None
    if draft.organisation_id is not None:
        return draft if organisations.may(user, draft.organisation, MemberRole.APPLY) else None
    if draft.user_id is not None:
        return draft if getattr(user, "pk", None) == draft.user_id else None
    return draft if str(draft.pk) in session.get(SESSION_KEY, []) else None


def definition_for(draft: Draft) -> ServiceDefinition:
    return definition_of(draft.version)


@dataclass(frozen=True)
class Navigation:
    steps: list[Step]
    first_open: int  # 1-based number of the first step not yet complete; len+1 when all are

    @property
    def complete(self) -> bool:
        return self.first_open > len(self.steps)

    def allowed(self, number: int) -> bool:
        return 1 <= number <= min(self.first_open, len(self.steps))


def navigation(draft: Draft) -> Navigation:
    """The steps that apply to the answers that count, and the first one not done yet
    (a done step that a later change made incomplete is caught by ``submit``)."""
    steps = engine.visible_steps(definition_for(draft), counted_answers(draft))
    done = set(draft.completed_steps)
    first_open = next((i for i, s in enumerate(steps, 1) if s.id not in done), len(steps) + 1)
    return Navigation(steps, first_open)


def counted_answers(draft: Draft) -> dict[str, Any]:
    """The draft's answers as they would be submitted: none of a hidden field or step.

    Worked out once per loaded draft (a request asks for them two or three times); a new
    ``answers`` object (a save, ``refresh_from_db``) is worked out again.
    """
    known = getattr(draft, "_counted_answers", None)
    if known is not None and known[0] is draft.answers:
        return known[1]
    counted = engine.check_all(definition_for(draft), draft.answers)[0]
    draft._counted_answers = (draft.answers, counted)  # type: ignore[attr-defined]
    return counted


def save_step(draft: Draft, step: Step, step_input: StepInput) -> engine.StepResult:
    """Read one step, keep its uploads, store what is valid; mark it done when all is."""
    definition = definition_for(draft)
    with transaction.atomic():
        # With its offer, which saving reads (``TenantOwned.save``); only the draft is locked.
        locked = Draft.objects.select_for_update(of=("self",)).select_related("offer")
        draft = locked.get(pk=draft.pk)
        upload_errors = _store_uploads(draft, step, step_input)
        others = {k: v for k, v in draft.answers.items() if k not in _ids(step)}
        result = engine.read_step(definition, step, step_input.data, others)
        result.errors.update(upload_errors)
        # Stored files stay with the draft even while their step has errors or their field
        # is hidden (a browser never sends them again); only the answers that count are
        # submitted, the other files are deleted then.
        draft.answers = {**others, **_files_of(step, step_input), **result.values}
        done = [s for s in draft.completed_steps if s != step.id]
        draft.completed_steps = done + ([step.id] if result.valid and not step_input.action else [])
        draft.save(update_fields=["answers", "completed_steps", "updated_at"])
    return result


def _files_of(step: Step, step_input: StepInput) -> dict[str, Any]:
    values = step_input.data.values
    return {f.id: values[f.id] for f in step_input.file_fields(step) if values.get(f.id)}


def _ids(step: Step) -> set[str]:
    return {field.id for field in step.fields}


def _store_uploads(draft: Draft, step: Step, step_input: StepInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    for field in step_input.file_fields(step):
        kept = step_input.kept_files(field, draft.answers.get(field.id))
        for upload in step_input.uploads(field):
            if len(kept) >= field.max_files:
                break
            try:
                kept.append(uploads.store_upload(draft, field, upload).as_answer())
            except uploads.UploadRefused as refused:
                errors[field.id] = refused.message
        step_input.set_files(field, kept)
    return errors


def fee_summary(
    draft: Draft, language: str, answers: dict[str, Any] | None = None
) -> engine.FeeSummary:
    """The fees of the answers that count (``answers``, else computed from the draft)."""
    answers = counted_answers(draft) if answers is None else answers
    overrides = fee_overrides(draft.offer)
    return engine.compute_fees(definition_for(draft), answers, language, overrides)


def submit(draft: Draft, idempotency_key: str, actor: Actor) -> Submission:
    """Send the application: one transaction for submission, files, case and audit entry.

    Submitting the same draft again (double click, reload) returns the first submission.
    """
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        if draft.submission_id is not None:
            return Submission.objects.get(pk=draft.submission_id)
        if str(draft.idempotency_key) != str(idempotency_key):
            raise Incomplete(navigation(draft).first_open)
        definition = definition_for(draft)
        answers, open_step = engine.check_all(definition, draft.answers)
        if open_step is not None:
            steps = engine.visible_steps(definition, answers)
            raise Incomplete(next(i for i, s in enumerate(steps, 1) if s.id == open_step.id))
        submission = _create_submission(draft, definition, answers)
        _move_attachments(draft, submission, answers)
        processing.start(submission)  # opens the case (cases registers itself)
        draft.submission = submission
        draft.answers, draft.completed_steps = {}, []
        draft.save(update_fields=["submission", "answers", "completed_steps", "updated_at"])
        log_action(actor, "submissions.submitted", submission, {"reference": submission.reference})
        enqueue_after_commit(after_submission, str(submission.pk))  # with the submission
    return submission


def _create_submission(draft: Draft, definition: ServiceDefinition, answers: dict) -> Submission:
    fees = engine.compute_fees(definition, answers, draft.language, fee_overrides(draft.offer))
    return Submission.objects.create(
        reference=next_reference(draft.municipality.key),
        version=draft.version,
        service=draft.service,
        authority=draft.offer.authority,
        municipality=draft.municipality,
        user=draft.user,
        organisation=draft.organisation,
        contact_email=_contact_email(draft, definition, answers),
        answers=answers,
        fees={
            "lines": [
                {
                    "label": line.label,
                    "amount": str(line.amount),
                    "quantity": str(line.quantity),
                    "total": str(line.total),
                }
                for line in fees.lines
            ],
            "total": str(fees.total),
        },  # fmt: skip
        language=draft.language,
        retain_until=timezone.localdate() + timedelta(days=definition.retention_days),
    )


def _contact_email(draft: Draft, definition: ServiceDefinition, answers: dict) -> str:
    if draft.organisation is not None and draft.organisation.email:
        return draft.organisation.email
    if draft.user is not None:
        return draft.user.email
    for _path, field in definition.all_fields():
        if field.type == "email" and isinstance(answers.get(field.id), str):  # type: ignore[attr-defined]
            return answers[field.id]
    return draft.resume_email


def _move_attachments(draft: Draft, submission: Submission, answers: dict) -> None:
    """Files still named in the answers go with the submission; the rest are deleted."""
    named = {
        str(f.get("id"))
        for value in answers.values()
        if isinstance(value, list)
        for f in value
        if isinstance(f, dict) and "id" in f
    }
    attachments = list(draft.attachments.all())
    uploads.delete_files([a for a in attachments if str(a.id) not in named])
    draft.attachments.exclude(id__in=named).delete()
    draft.attachments.filter(id__in=named).update(submission=submission, draft=None)


def add_documents(submission: Submission, files: list[Any], actor: Actor) -> list[Attachment]:
    """Documents sent later (answering a request): checked like any upload, all or none."""
    field = uploads.LATE_DOCUMENTS
    if len(files) > field.max_files:
        raise uploads.UploadRefused(
            _("Bitte laden Sie höchstens %(n)d Dateien hoch.") % {"n": field.max_files}
        )
    for upload in files:
        uploads.check_upload(upload, field)
    with transaction.atomic():
        stored = [uploads.store_upload(None, field, f, submission=submission) for f in files]
        log_action(actor, "submissions.documents_added", submission, {"count": len(stored)})
    return stored


def discard(draft: Draft, actor: Actor) -> None:
    with transaction.atomic():
        uploads.delete_files(draft.attachments.all())
        log_action(actor, "submissions.draft_discarded", draft, {"service": draft.service.slug})
        draft.delete()
