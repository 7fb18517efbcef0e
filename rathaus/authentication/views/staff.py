"""The staff landing page with the user's roles and where each one leads."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from rathaus.accounts import services as accounts
from rathaus.authentication import services
from rathaus.authentication.decorators import current_user, staff_required

# --- Staff ----------------------------------------------------------------------------------


@staff_required
@require_safe
def staff_home(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    context = {
        "roles": sorted(str(role.label) for role in accounts.roles_of(user)),
        "memberships": accounts.memberships_of(user),
        "areas": services.staff_areas(user),
    }
    return render(request, "authentication/staff_home.html", context)
