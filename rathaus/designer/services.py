"""The service designer's rules: who may edit and publish what, how a service starts,
how every change becomes a draft version.

A designer edits the definitions of her own authorities; publishing needs the publisher
right in that authority, and a second person when the authority asks for four eyes.
Definitions without an authority (the shipped ones) are read-only here: designers copy
them (*Einer für Alle*), as they copy what another authority released for reuse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationError

from rathaus.accounts.models import Role, User
from rathaus.accounts.services import authorities_of
from rathaus.audit.services import log_action
from rathaus.catalog.models import Offer
from rathaus.catalog.services import offer_online
from rathaus.core import pagecache
from rathaus.core.errors import DomainError
from rathaus.core.models import Authority
from rathaus.definitions import fim
from rathaus.definitions.documents import DefinitionInvalid, read_document
from rathaus.definitions.models import CodeList, Definition, DefinitionVersion
from rathaus.definitions.schema import ServiceDefinition, text_of
from rathaus.definitions.services import (
    EditConflict,
    NotPublishable,
    create_definition,
    current_version,
    head_of,
    keep_code_lists,
    publish,
    store_code_list,
    store_draft,
)
from rathaus.designer import editing

__all__ = [
    "EditConflict",
    "NotPublishable",
    "Refused",
    "design_authorities",
    "visible_definitions",
    "may_edit",
    "may_publish",
    "start_empty",
    "start_copy",
    "start_from_file",
    "start_from_fim",
    "save",
    "publish_version",
    "set_reusable",
    "restore",
    "offer",
    "may_offer",
    "canonical",
]

Document = dict[str, Any]
RESERVED = frozenset({"neu", "codelisten"})  # pages of the designer, not services


FOUR_EYES = gettext_lazy(
    "Vier-Augen-Prinzip: Eine zweite Person mit Freigaberecht muss diese Version veröffentlichen."
)


class Refused(DomainError):
    """The user may not do this, or the input cannot become a definition."""


def design_authorities(user: User) -> QuerySet[Authority]:
    if user.is_superuser:
        return Authority.objects.filter(is_active=True)
    return authorities_of(user, Role.DESIGNER)


def _publish_authorities(user: User) -> QuerySet[Authority]:
    return authorities_of(user, Role.PUBLISHER)


def visible_definitions(user: User) -> QuerySet[Definition]:
    """What a designer sees: her authorities' definitions, the shipped ones and those
    other authorities released for reuse."""
    own = Q(authority__in=design_authorities(user)) | Q(authority__in=_publish_authorities(user))
    shared = Q(authority__isnull=True) | Q(reusable=True)
    return Definition.objects.filter(own | shared).select_related("authority").distinct()


def may_edit(user: User, definition: Definition) -> bool:
    if user.is_superuser:
        return True
    if definition.authority_id is None:
        return False
    return design_authorities(user).filter(pk=definition.authority_id).exists()


def may_publish(user: User, definition: Definition) -> bool:
    if user.is_superuser:
        return True
    if definition.authority_id is None:
        return False
    return _publish_authorities(user).filter(pk=definition.authority_id).exists()


def _require_edit(user: User, definition: Definition) -> None:
    if not may_edit(user, definition):
        raise Refused(_("Diese Definition gehört einer anderen Behörde. Kopieren Sie sie."))


def _own_authority(user: User, authority: Authority | None) -> Authority:
    allowed = design_authorities(user)
    if authority is None:
        authority = allowed.first()
    if authority is None or not allowed.filter(pk=authority.pk).exists():
        raise Refused(_("Sie gestalten für keine Behörde Online-Dienste."))
    return authority


def canonical(document: Document) -> Document:
    """The stored form of a document: as the YAML/JSON import stores it when the shape
    is valid (so designer and file produce exactly the same document); as is otherwise."""
    try:
        return ServiceDefinition.model_validate(document).to_document()
    except ValidationError:
        return document


def _free_slug(wanted: str, title: str) -> str:
    base = slugify((wanted or title).lower().translate(editing.UMLAUTS))[:50].strip("-")
    base = base or "dienst"
    if len(base) < 2:
        base = f"dienst-{base}"
    slug, number = (base, 2) if base not in RESERVED else (f"{base}-2", 3)
    while Definition._base_manager.filter(slug=slug).exists():  # unique in every tenant
        slug, number = f"{base}-{number}", number + 1
    return slug


def _start(
    user: User,
    authority: Authority | None,
    document: Document,
    *,
    source: str,
    change: str,
    copied_from: Definition | None = None,
    report: list[dict[str, Any]] | None = None,
) -> DefinitionVersion:
    owner = _own_authority(user, authority)
    plain = text_of(document.get("title"))
    try:
        with transaction.atomic():
            definition = create_definition(
                str(document["slug"]), plain or str(document["slug"]),
                authority=owner, copied_from=copied_from,
            )  # fmt: skip
            return store_draft(
                definition, canonical(document), actor=user, base=None,
                change=change, source=source, report=report,
            )  # fmt: skip
    except IntegrityError as error:
        raise Refused(_("Die Kennung ist schon vergeben."), "slug") from error


def start_empty(
    user: User,
    title: str,
    *,
    title_en: str = "",
    slug: str = "",
    authority: Authority | None = None,
) -> DefinitionVersion:
    if not title.strip():
        raise Refused(_("Geben Sie dem Dienst einen Titel."), "title")
    document = editing.new_document(_free_slug(slug, title), title.strip(), title_en.strip())
    return _start(user, authority, document, source="designer", change=_("Neu begonnen"))


def start_copy(
    user: User, source: DefinitionVersion, *, title: str = "", authority: Authority | None = None
) -> DefinitionVersion:
    """A copy of another definition (shipped, own, or released for reuse)."""
    original = source.definition
    if original.authority_id and not (original.reusable or may_edit(user, original)):
        raise Refused(_("Diese Definition ist nicht zur Nachnutzung freigegeben."))
    document = dict(source.document)
    if title.strip():
        document["title"] = title.strip()
    document["slug"] = _free_slug("", title or f"{original.slug}-kopie")
    change = _("Kopie von %(slug)s v%(n)d") % {"slug": original.slug, "n": source.number}
    return _start(
        user, authority, document, source=f"copy:{original.slug}:v{source.number}",
        change=change, copied_from=original,
    )  # fmt: skip


def _into_definition(
    user: User,
    authority: Authority | None,
    document: Document,
    *,
    source: str,
    change: str,
    report: list[dict[str, Any]] | None = None,
) -> DefinitionVersion:
    """A new definition, or, when the slug is one the user edits, its next version (a
    re-import shows as a diff against what is there)."""
    slug = document.get("slug")
    if not isinstance(slug, str) or not slug:
        raise Refused(_("Die Datei hat keine Kennung (slug)."))
    existing = Definition.objects.filter(slug=slug).first()
    if existing is None:
        return _start(user, authority, document, source=source, change=change, report=report)
    _require_edit(user, existing)
    head = head_of(existing)
    return store_draft(
        existing, canonical(document), actor=user, base=head.number if head else None,
        change=change, source=source, report=report,
    )  # fmt: skip


def start_from_file(
    user: User, raw: bytes, name: str, *, authority: Authority | None = None
) -> DefinitionVersion:
    """A YAML or JSON definition file; stored even with problems (as a draft)."""
    try:
        document = read_document(raw)
    except DefinitionInvalid as invalid:
        raise Refused(invalid.problems[0].message, "file") from invalid
    if not isinstance(document, dict):
        raise Refused(_("Die Datei enthält keine Dienstdefinition."), "file")
    change = _("Aus Datei %(name)s") % {"name": name}
    return _into_definition(user, authority, document, source=f"file:{name}", change=change)


def start_from_fim(
    user: User, files: dict[str, bytes], *, authority: Authority | None = None
) -> DefinitionVersion:
    """A FIM Stammdatenschema (XDatenfelder 2.0 or 3.0) with its code lists."""
    try:
        imported = fim.import_schema(fim.read_uploads(files))
    except fim.FimError as error:
        raise Refused(error.message, "schema_files") from error
    report = [asdict(line) for line in imported.report]
    change = _("FIM-Import %(id)s") % {"id": imported.schema_id}
    keep_code_lists(imported.document, source=f"fim:{imported.schema_id}")
    return _into_definition(
        user, authority, imported.document, source=f"fim:{imported.schema_id}",
        change=change, report=report,
    )  # fmt: skip


def save(
    user: User,
    definition: Definition,
    base: int,
    change: Callable[[Document], Document],
    summary: str,
) -> DefinitionVersion:
    """Apply one change to the version ``base`` and store the result as the next draft.

    Raises ``EditConflict`` when someone saved since ``base`` (nothing is stored) and
    ``editing.EditRefused`` when the change addresses something no longer there.
    """
    _require_edit(user, definition)
    version = definition.versions.filter(number=base).first()
    if version is None:
        raise Refused(_("Diese Version gibt es nicht."))
    document = canonical(change(version.document))
    return store_draft(definition, document, actor=user, base=base, change=summary)


def publish_version(user: User, version: DefinitionVersion) -> DefinitionVersion:
    """Publish (or roll back to) a version: publisher right, no problems, and a second
    person where the authority asks for four eyes."""
    definition = version.definition
    if not may_publish(user, definition):
        raise Refused(_("Zum Veröffentlichen brauchen Sie das Freigaberecht Ihrer Behörde."))
    authority = definition.authority
    reviewed = version.status == DefinitionVersion.Status.PUBLISHED
    four_eyes = bool(authority and authority.four_eyes_publishing and not reviewed)
    if four_eyes and user.pk in _authors_since_publication(version):
        raise Refused(FOUR_EYES)
    return publish(version, actor=user)


def _authors_since_publication(version: DefinitionVersion) -> set[int | None]:
    """Who saved the changes in ``version`` since the last published one: with four eyes,
    none of them may publish it."""
    versions = version.definition.versions.filter(number__lte=version.number)
    published = versions.filter(status=DefinitionVersion.Status.PUBLISHED).order_by("-number")
    last = published.values_list("number", flat=True).first() or 0
    return set(versions.filter(number__gt=last).values_list("created_by_id", flat=True))


def restore(user: User, version: DefinitionVersion) -> DefinitionVersion:
    """An earlier version's document as the newest draft (undo without publishing)."""
    head = head_of(version.definition)
    change = _("Version %(n)d wiederhergestellt") % {"n": version.number}
    return save(user, version.definition, head.number if head else version.number,
                lambda _document: dict(version.document), change)  # fmt: skip


def set_reusable(user: User, definition: Definition, reusable: bool) -> None:
    """Release the published versions for reuse by other authorities (or stop it)."""
    if not may_publish(user, definition):
        raise Refused(_("Zum Freigeben brauchen Sie das Freigaberecht Ihrer Behörde."))
    with transaction.atomic():
        Definition.objects.filter(pk=definition.pk).update(reusable=reusable)
        definition.reusable = reusable
        pagecache.changed()  # every Land's pages may now show (or stop showing) it
        log_action(user, "definitions.reusable", definition, {"reusable": reusable})


def may_offer(user: User, definition: Definition) -> bool:
    """Publishers offer their own services and those released for reuse (or shipped)."""
    if user.is_superuser or may_publish(user, definition):
        return True
    shared = definition.authority_id is None or definition.reusable
    return shared and _publish_authorities(user).exists()


def offer(user: User, definition: Definition, authority: Authority | None = None) -> Offer:
    """Offer the published service in (one of) the publisher's authorities' territory: her
    own service, or one another authority released for reuse (the offer follows its
    published versions)."""
    allowed = _publish_authorities(user) if not user.is_superuser else design_authorities(user)
    own = allowed.filter(definitions=definition).first()
    authority = authority or own or allowed.first()
    if authority is None or not allowed.filter(id=authority.id).exists():
        raise Refused(_("Zum Anbieten brauchen Sie das Freigaberecht Ihrer Behörde."))
    if definition.authority_id not in (None, authority.pk) and not definition.reusable:
        raise Refused(_("Diese Definition ist nicht zur Nachnutzung freigegeben."))
    version = current_version(definition.slug)
    if version is None:
        raise Refused(_("Veröffentlichen Sie den Dienst zuerst."))
    document = version.document
    with transaction.atomic():
        created = offer_online(
            definition.slug, authority,
            name=text_of(document.get("title")),
            name_en=text_of(document.get("title"), "en", fallback=False),
            summary=text_of(document.get("summary")),
            summary_en=text_of(document.get("summary"), "en", fallback=False),
        )  # fmt: skip
        log_action(user, "definitions.offered", definition, {"authority": authority.pk})
    return created


def upload_code_list(user: User, content: bytes, file_name: str) -> CodeList:
    """A genericode file a designer uploads, kept for every designer to use."""
    try:
        parsed = fim.read_code_list_file(content, file_name)
    except fim.FimError as error:
        raise Refused(error.message, "file") from error
    with transaction.atomic():
        code_list = store_code_list(
            parsed.urn, parsed.version, parsed.name, parsed.options, source=f"upload:{file_name}"
        )
        log_action(user, "definitions.code_list_uploaded", code_list, {"urn": parsed.urn})
    return code_list
