"""Municipal staff of the Smart Region hub (the former staff role ``municipal``) become
members of their municipality's organisation; the old role rows go."""

from django.db import migrations


def forwards(apps, schema_editor):
    Membership = apps.get_model("accounts", "Membership")
    Organisation = apps.get_model("organisations", "Organisation")
    Member = apps.get_model("organisations", "Member")
    for row in Membership._base_manager.filter(role="municipal").select_related("authority"):
        organisation, _ = Organisation._base_manager.get_or_create(
            authority_id=row.authority_id,
            defaults={"kind": "municipality", "name": row.authority.name,
                      "email": row.authority.email or ""},
        )
        Member._base_manager.get_or_create(
            organisation=organisation, user_id=row.user_id,
            defaults={"role": "admin", "joined_at": row.created_at},
        )
    Membership._base_manager.filter(role="municipal").delete()


def backwards(apps, schema_editor):
    Membership = apps.get_model("accounts", "Membership")
    Member = apps.get_model("organisations", "Member")
    for member in Member._base_manager.filter(organisation__kind="municipality").select_related(
        "organisation__authority"
    ):
        authority = member.organisation.authority
        Membership._base_manager.get_or_create(
            user_id=member.user_id, authority=authority, role="municipal",
            defaults={"tenant_id": authority.tenant_id},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("accounts", "0005_tenant_admin_role"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
