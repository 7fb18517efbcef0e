"""The admin site of the platform: per tenant, and across tenants for operators.

- Operators (superusers) work across every tenant: their admin pages run in
  ``every_tenant()`` and show each row's tenant (a column, a filter, a field to choose).
- Anybody else enters the admin of a tenant only with an admin role there (tenant
  administration, Smart Region office: ``ADMIN_ROLES``, memberships are per tenant) and
  sees that tenant's rows only (the request's scope).
- Every tenant-owned model's admin gets ``TenantAdminMixin`` when it is registered.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from rathaus.accounts.models import Membership, Role
from rathaus.core.branding import branding
from rathaus.tenants.adminmixin import TenantAdminMixin, is_tenant_owned
from rathaus.tenants.scope import every_tenant

__all__ = ["ADMIN_ROLES", "RathausAdminSite"]

ADMIN_ROLES = (Role.TENANT_ADMIN, Role.SMART_REGION)


class RathausAdminSite(admin.AdminSite):
    site_title = "Rathaus"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if user.is_superuser:
            return True
        return Membership.objects.filter(user=user, role__in=ADMIN_ROLES).exists()

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        protected = super().admin_view(view, cacheable)

        @wraps(protected)
        def scoped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_superuser:
                return protected(request, *args, **kwargs)
            with every_tenant():
                response = protected(request, *args, **kwargs)
                if isinstance(response, TemplateResponse) and not response.is_rendered:
                    response.render()  # the page reads its querysets in the same view
                return response

        return scoped

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().each_context(request)
        operator = request.user.is_superuser
        context["site_header"] = (
            "Rathaus – Plattformverwaltung" if operator else f"{branding().portal} – Verwaltung"
        )
        return context

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        models = (
            model_or_iterable
            if isinstance(model_or_iterable, (list, tuple))
            else [model_or_iterable]
        )
        for model in models:
            chosen = admin_class or admin.ModelAdmin
            if is_tenant_owned(model) and not issubclass(chosen, TenantAdminMixin):
                chosen = type(chosen.__name__, (TenantAdminMixin, chosen), {})
            super().register(model, chosen, **options)
