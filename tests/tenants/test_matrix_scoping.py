"""Scoping checks of the isolation matrix: forms made at import time, querysets bound to one
tenant, titles shared between tenants."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rathaus.tenants import scope

pytestmark = pytest.mark.django_db


IMPORT_CHECK = """
import django
django.setup()
from django import forms
from rathaus.tenants.managers import TenantQuerySet
from rathaus.tenants.middleware import TenantMiddleware
from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import activate

from django.urls import get_resolver

with activate(Tenant(pk=7, slug="erster")):  # a command, a test: a tenant came first
    TenantMiddleware(lambda request: None)  # the handler loads its middleware
    get_resolver().url_patterns  # the first request resolves its URL in its scope

def forms_of(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from forms_of(sub)

fields = [(form, name, field.queryset) for form in forms_of(forms.BaseForm)
          for name, field in getattr(form, "base_fields", {}).items()
          if isinstance(getattr(field, "queryset", None), TenantQuerySet)]
print(len(fields), [f"{form.__name__}.{name}" for form, name, qs in fields if qs._tenant_pk])
"""


def test_forms_made_at_import_belong_to_no_tenant():
    """Loading the middleware imports every view and form with no tenant in scope, even
    when a tenant's scope is active (so the first request does not bind the choices of a
    form field to its tenant for every later request: Hamburg's event regions offered in
    Hessen's event form was the leak)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rathaus.conf.test"}
    ran = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", IMPORT_CHECK], env=env, capture_output=True, text=True,
        check=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    count, bound = ran.stdout.strip().split(" ", 1)
    assert int(count) > 0 and bound == "[]", ran.stdout


def test_a_queryset_of_one_tenant_refuses_to_run_for_another(hamburg_media):
    """What the matrix relies on besides the filter: a queryset that took Hamburg's filter
    raises in Hessen's scope instead of showing Hamburg's rows there."""
    from rathaus.events.models import EventRegion
    from rathaus.tenants.scope import ScopeMissing

    with scope.activate(hamburg_media.hamburg):
        regions = EventRegion.objects.all()
        assert [region.slug for region in regions.all()] == ["hh-region"]
    for use in (list, lambda qs: qs.count(), lambda qs: qs.filter(slug="hh-region").first()):
        with pytest.raises(ScopeMissing, match="another tenant"):
            use(regions.all() if use is list else regions)
    with scope.every_tenant():
        assert regions.count() == 1  # the operator's view may run it


def test_hessen_may_use_the_titles_hamburg_uses(hamburg_media):
    """Slugs are one column for all tenants: a Hessian project, event or online service
    titled as Hamburg's gets a slug of its own, instead of a crash (whose error would also
    tell that Hamburg has one)."""
    from rathaus.core.models import Authority
    from rathaus.designer import services as designer
    from rathaus.events import organising
    from rathaus.projects import editorial

    world = hamburg_media
    he = {name: actor.user for name, actor in world.actors.items()}
    darmstadt = Authority.objects.get(slug="he-darmstadt")
    with scope.activate(world.hamburg):
        project_title = world.project.published.title
    project = editorial.create_project(he["municipal"], darmstadt, {
        "title": project_title, "summary": "Kurz.", "description": "Lang.",
        "territories": [darmstadt.territory], "fields": [], "technologies": [],
        "status": "idee", "transferability": "hoch",
    })  # fmt: skip
    event = organising.create_event(he["office"], {
        "title": world.event.title, "kind": world.event.kind, "format": world.event.format,
        "organiser": Authority.objects.get(slug="he-office"), "summary": "Kurz.",
        "starts_at": world.event.starts_at, "ends_at": world.event.ends_at, "capacity": 5,
        "retention_until": world.event.retention_until,
    })  # fmt: skip
    version = designer.start_empty(he["designer"], "Ein Dienst", slug=world.definition.slug)
    slugs = {project.slug, event.slug, version.definition.slug}
    assert not slugs & {world.project.slug, world.event.slug, world.definition.slug}


# --- The admin -------------------------------------------------------------------------
