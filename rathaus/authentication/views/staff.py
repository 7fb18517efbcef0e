"""The staff landing page with the user's roles and where each one leads."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.authentication.decorators import current_user, staff_required

# --- Staff ----------------------------------------------------------------------------------


@staff_required
@require_safe
def staff_home(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    held = accounts.roles_of(user)
    admin = user.is_superuser
    context = {
        "roles": sorted(str(role.label) for role in held),
        "memberships": accounts.memberships_of(user),
        "designer": admin or Role.DESIGNER in held,
        "smart_region": admin or bool(held & {Role.SMART_REGION, Role.MUNICIPAL}),
        "consulting": admin or bool(held & {Role.SMART_REGION, Role.MUNICIPAL, Role.CONSULTANT}),
    }
    return render(request, "authentication/staff_home.html", context)
