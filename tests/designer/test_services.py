"""The designer's rules: starting a service, saving versions, conflicts, publishing.

Requirement: every save is a draft version with author and time; a save made from an
older version than the newest is refused and stores nothing; a definition with problems
saves but does not publish; publishing needs the publisher right and, where the authority
asks for it, a second person; rollback publishes an earlier version again; designers
edit only their own authority's definitions and copy the others.
"""

import pytest

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.catalog.models import Offer
from rathaus.core.models import Territory
from rathaus.definitions.models import Definition, DefinitionVersion
from rathaus.definitions.services import SHIPPED_DIR, current_version, load_shipped
from rathaus.designer import editing, services

pytestmark = pytest.mark.django_db


def add_text_field(user, version, label="Vorname"):
    def change(document):
        return editing.add_field(document, "angaben", "text", label)[0]

    return services.save(user, version.definition, version.number, change, f"+{label}")


def test_start_empty_then_every_save_is_a_version_with_author(designer_user, authority):
    first = services.start_empty(designer_user, "Geburt anzeigen", title_en="Register a birth")
    assert first.definition.authority == authority and first.definition.slug == "geburt-anzeigen"
    assert first.problem_count == 1 and first.created_by == designer_user
    second = add_text_field(designer_user, first)
    assert (second.number, second.problem_count, second.created_by) == (2, 0, designer_user)
    assert second.status == DefinitionVersion.Status.DRAFT
    assert second.document["steps"][0]["fields"] == [
        {"id": "vorname", "type": "text", "label": "Vorname"}
    ]


def test_second_save_from_the_same_base_is_refused_and_stores_nothing(designer_user):
    first = services.start_empty(designer_user, "Geburt anzeigen")
    add_text_field(designer_user, first, "Vorname")
    with pytest.raises(services.EditConflict) as conflict:
        add_text_field(designer_user, first, "Familienname")
    assert conflict.value.newest.number == 2
    assert first.definition.versions.count() == 2


def test_problems_block_publishing_not_saving(publisher_user):
    first = services.start_empty(publisher_user, "Geburt anzeigen")
    with pytest.raises(services.NotPublishable):
        services.publish_version(publisher_user, first)
    second = add_text_field(publisher_user, first)
    assert services.publish_version(publisher_user, second).status == "published"
    assert current_version("geburt-anzeigen").number == 2


def test_publishing_needs_the_publisher_right(designer_user):
    version = add_text_field(designer_user, services.start_empty(designer_user, "Geburt"))
    with pytest.raises(services.Refused):
        services.publish_version(designer_user, version)


def test_four_eyes_needs_a_second_person_for_every_change(designer_user, publisher_user, authority):
    authority.four_eyes_publishing = True
    authority.save()
    own = add_text_field(publisher_user, services.start_empty(publisher_user, "Geburt"))
    with pytest.raises(services.Refused):
        services.publish_version(publisher_user, own)
    # someone else saving last does not launder her own earlier change
    theirs = add_text_field(designer_user, own, "Familienname")
    with pytest.raises(services.Refused):
        services.publish_version(publisher_user, theirs)
    second = accounts.create_staff(
        "zweite@example.org", "Ein-langes-Passwort-2026", authority, Role.PUBLISHER
    )
    published = services.publish_version(second, theirs)
    assert published.status == "published"
    # after a publication only the changes since count
    later = add_text_field(designer_user, published, "Geburtsort")
    assert services.publish_version(publisher_user, later).status == "published"


def test_rollback_publishes_an_earlier_version_again(publisher_user):
    v2 = add_text_field(publisher_user, services.start_empty(publisher_user, "Geburt"))
    services.publish_version(publisher_user, v2)
    v3 = add_text_field(publisher_user, v2, "Familienname")
    services.publish_version(publisher_user, v3)
    rolled = services.publish_version(publisher_user, DefinitionVersion.objects.get(pk=v2.pk))
    assert rolled.number == 4 and rolled.document == v2.document
    assert current_version("geburt").number == 4
    assert DefinitionVersion.objects.get(pk=v3.pk).status == "published"  # history stays


def test_designers_edit_only_their_authority_and_copy_the_rest(designer_user, stranger):
    version = services.start_empty(designer_user, "Geburt")
    assert not services.may_edit(stranger, version.definition)
    with pytest.raises(services.Refused):
        add_text_field(stranger, version)
    with pytest.raises(services.Refused):
        services.start_copy(stranger, version)  # not released for reuse
    version.definition.reusable = True
    version.definition.save()
    copy = services.start_copy(stranger, version, title="Geburt (Nachbarort)")
    assert copy.definition.copied_from == version.definition
    assert copy.definition.authority == stranger.memberships.get().authority


def test_shipped_definitions_are_copied_not_edited(designer_user):
    (shipped,) = load_shipped([SHIPPED_DIR / "hund-anmelden.yaml"])
    assert not services.may_edit(designer_user, shipped.definition)
    assert shipped.definition in services.visible_definitions(designer_user)
    copy = services.start_copy(designer_user, shipped, title="Hund anmelden (Musterstadt)")
    assert copy.problem_count == 0 and copy.document["slug"] == "hund-anmelden-musterstadt"
    assert copy.document["steps"] == shipped.document["steps"]


def test_designer_document_equals_the_file_import(designer_user):
    raw = (SHIPPED_DIR / "hund-anmelden.yaml").read_bytes()
    (imported,) = load_shipped([SHIPPED_DIR / "hund-anmelden.yaml"], publish_new=False)
    Definition.objects.filter(pk=imported.definition_id).update(authority=None)
    fresh = services.start_from_file(
        designer_user, raw.replace(b"slug: hund-anmelden", b"slug: hund-2"), "h.yaml"
    )
    assert {**fresh.document, "slug": "hund-anmelden"} == imported.document


def test_file_with_problems_becomes_a_draft_and_garbage_is_refused(designer_user):
    broken = (
        (SHIPPED_DIR / "eheurkunde.yaml")
        .read_text()
        .replace("retention_days: 730", "retention_days: 1")
    )
    version = services.start_from_file(designer_user, broken.encode(), "ehe.yaml")
    assert version.problem_count >= 1
    with pytest.raises(services.Refused):
        services.start_from_file(designer_user, b"\x00\xff garbage", "x.yaml")
    with pytest.raises(services.Refused):
        services.start_from_file(designer_user, b"- a\n- list\n", "x.yaml")


def test_another_authority_follows_a_released_service(
    designer_user, publisher_user, other_authority
):
    other_authority.territory = Territory.objects.create(
        key="06411000", level="gemeinde", name="Darmstadt"
    )
    other_authority.save()
    version = add_text_field(publisher_user, services.start_empty(publisher_user, "Geburt"))
    services.publish_version(publisher_user, version)
    neighbour = accounts.create_staff(
        "nachbar@example.org", "Ein-langes-Passwort-2026", other_authority, Role.PUBLISHER
    )
    assert not services.may_offer(neighbour, version.definition)
    with pytest.raises(services.Refused):
        services.offer(neighbour, version.definition)
    services.set_reusable(publisher_user, version.definition, True)
    assert services.may_offer(neighbour, version.definition)
    offer = services.offer(neighbour, version.definition)
    assert offer.authority == other_authority and offer.service.definition_slug == "geburt"
    services.offer(publisher_user, version.definition)  # the owner offers it too
    offers = Offer.objects.filter(service__definition_slug="geburt")
    assert sorted(o.authority.slug for o in offers) == ["buergerbuero", "standesamt"]


def test_restore_brings_an_earlier_version_back_as_the_newest_draft(designer_user):
    first = add_text_field(designer_user, services.start_empty(designer_user, "Geburt"))
    second = add_text_field(designer_user, first, "Familienname")
    restored = services.restore(designer_user, first)
    assert restored.number == second.number + 1 and restored.document == first.document
    assert restored.status == "draft"


def test_a_second_click_on_publish_again_stores_no_second_copy(publisher_user):
    v2 = add_text_field(publisher_user, services.start_empty(publisher_user, "Geburt"))
    services.publish_version(publisher_user, v2)
    v3 = add_text_field(publisher_user, v2, "Familienname")
    services.publish_version(publisher_user, v3)
    first = services.publish_version(publisher_user, DefinitionVersion.objects.get(pk=v2.pk))
    second = services.publish_version(publisher_user, DefinitionVersion.objects.get(pk=v2.pk))
    assert first.pk == second.pk and v2.definition.versions.count() == 4
