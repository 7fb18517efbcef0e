"""The look and names of the tenant a page is for: the one look-up of a tenant's branding.

Every value comes from the tenant in scope (``tenants``: a Land's name, portal name, key,
colour, ministry, Smart Region office, contact); outside any tenant's scope (a command,
the operator's view) the shipped default tenant (``RATHAUS_TENANT``) brands. The header's logo
slot is a template, ``includes/branding/<slug>.html`` (see
``core.templatetags.rathaus_layout``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from rathaus.tenants import services as tenants
from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import current_or_none

__all__ = ["Branding", "branding", "branding_of"]


@dataclass(frozen=True)
class Branding:
    slug: str
    land: str
    portal: str
    land_key: str
    colour: str
    ministry: str
    smart_region_office: str
    contact_email: str
    languages: tuple[str, ...]


def branding_of(tenant: Tenant) -> Branding:
    return Branding(
        slug=tenant.slug,
        land=tenant.name,
        portal=tenant.portal_name,
        land_key=tenant.land_key,
        colour=tenant.colour,
        ministry=tenant.ministry,
        smart_region_office=tenant.smart_region_office,
        contact_email=tenant.contact_email,
        languages=tuple(tenant.language_codes),
    )


def branding() -> Branding:
    """The branding of the tenant in scope; without one, the shipped default tenant's
    (read without the database, so error pages render when it is down)."""
    tenant = current_or_none() or tenants.shipped_tenant(settings.RATHAUS_TENANT)
    return branding_of(tenant)
