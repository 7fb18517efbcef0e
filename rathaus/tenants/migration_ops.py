"""Migration operations that make an existing model tenant-owned.

``owned_by_tenant("offer")`` adds the ``tenant`` field nullable, gives every existing row
the default tenant (``RATHAUS_TENANT``, created from the shipped list when missing), then
makes the field required, which is the field ``TenantOwned`` declares.
"""

from __future__ import annotations

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

import rathaus.tenants.scope
from rathaus.tenants.services import shipped

__all__ = ["default_tenant", "owned_by_tenant", "DEPENDENCY"]

DEPENDENCY = ("tenants", "0001_initial")


def default_tenant(apps):  # noqa: ANN001, ANN201 - historical models
    """The default tenant as a historical row, created from the shipped list if missing."""
    tenant_model = apps.get_model("tenants", "Tenant")
    slug = settings.RATHAUS_TENANT
    fields = next((item for item in shipped() if item["slug"] == slug), None)
    defaults = {key: value for key, value in (fields or {}).items() if key != "slug"}
    defaults.setdefault("name", slug)
    defaults.setdefault("portal_name", slug)
    return tenant_model.objects.get_or_create(slug=slug, defaults=defaults)[0]


def _filler(app_label: str, model_name: str, parent: str = ""):  # noqa: ANN202
    def fill(apps, schema_editor):  # noqa: ANN001, ANN202
        model = apps.get_model(app_label, model_name)
        rows = model._base_manager.filter(tenant__isnull=True)
        if parent:  # a child row belongs to its parent's tenant
            parent_model = model._meta.get_field(parent).related_model
            tenant = parent_model._base_manager.filter(pk=OuterRef(parent)).values("tenant")
            rows.update(tenant=Subquery(tenant[:1]))
        elif rows.exists():
            rows.update(tenant=default_tenant(apps))

    return fill


def owned_by_tenant(
    app_label: str, model_name: str, *, null: bool = False, parent: str = ""
) -> list:
    """Operations: nullable field, existing rows → default tenant (or, with ``parent``,
    the tenant of the row they belong to), field as declared.

    ``null=True`` keeps the field optional (``blank`` too), as audit and search entries
    declare it: there a row without a tenant belongs to the platform or to everyone.
    """
    optional = models.ForeignKey(
        null=True,
        blank=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="tenants.tenant",
        verbose_name="Mandant",
    )
    operations: list = [
        migrations.AddField(model_name=model_name, name="tenant", field=optional),
        migrations.RunPython(_filler(app_label, model_name, parent), migrations.RunPython.noop),
    ]
    if not null:
        required = models.ForeignKey(
            default=rathaus.tenants.scope.active_tenant_id,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to="tenants.tenant",
            verbose_name="Mandant",
        )
        operations.append(
            migrations.AlterField(model_name=model_name, name="tenant", field=required)
        )
    return operations
