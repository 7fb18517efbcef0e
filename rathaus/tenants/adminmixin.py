"""The tenant in the admin: operators (superusers) see it and choose it (unless it follows
a relation, ``tenant_from``); a tenant's own administrators never see it (their rows take
the tenant in scope)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

__all__ = ["TenantAdminMixin", "is_tenant_owned"]


def is_tenant_owned(model: Any) -> bool:
    return any(field.name == "tenant" for field in model._meta.get_fields())


class TenantAdminMixin(admin.ModelAdmin):
    """Added to the admin of every tenant-owned model by the admin site (``register``)."""

    def get_list_display(self, request: Any) -> Any:
        shown = super().get_list_display(request)
        return [*shown, "tenant"] if request.user.is_superuser else shown

    def get_list_filter(self, request: Any) -> Any:
        filters = super().get_list_filter(request)
        return [*filters, "tenant"] if request.user.is_superuser else filters

    def get_fields(self, request: Any, obj: Any = None) -> Any:
        fields = [name for name in super().get_fields(request, obj) if name != "tenant"]
        chosen = not getattr(self.model, "tenant_from", "")  # else it follows a relation
        return [*fields, "tenant"] if request.user.is_superuser and chosen else fields

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and request.user.is_superuser:
            readonly.append("tenant")  # a row never moves to another tenant
        return readonly
