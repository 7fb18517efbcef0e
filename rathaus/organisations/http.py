"""Reading which organisation a page is asked for (``?organisation=<id>``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from rathaus.organisations.models import Organisation
from rathaus.organisations.services import organisations_of

__all__ = ["organisation_asked"]


def organisation_asked(request: HttpRequest) -> Organisation | None:
    """The organisation named by ``?organisation=``, if the visitor may read its records;
    ``None`` without the parameter (the personal view); 404 for anything else."""
    raw = request.GET.get("organisation", "")
    if not raw:
        return None
    found = organisations_of(request.user).filter(pk=int(raw)).first() if raw.isdigit() else None
    if found is None:
        raise Http404
    return found
