"""The staff landing page with the user's roles and where each one leads."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from rathaus.accounts import services as accounts
from rathaus.authentication import areas
from rathaus.authentication.decorators import current_user, staff_required

# --- Staff ----------------------------------------------------------------------------------


@staff_required
@require_safe
def staff_home(request: HttpRequest) -> HttpResponse:
    found = areas.for_request(request)
    context = {
        "roles": sorted(str(role.label) for role in found.roles),
        "memberships": accounts.memberships_of(current_user(request)),
        "areas": found,
    }
    return render(request, "authentication/staff_home.html", context)
