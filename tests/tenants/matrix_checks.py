"""What the isolation matrix looks for in an answer (a Hamburg marker, a Hamburg file)
and in the database (Hamburg's rows unchanged, no Hessian row pointing at Hamburg), and
the actors who ask."""

from __future__ import annotations

import base64
import io
import re
import zipfile
import zlib
from collections.abc import Iterator

from django.apps import apps
from django.db import models
from django.test import Client

from rathaus.authentication.services import SECOND_FACTOR_SESSION_KEY
from rathaus.authentication.testing import login_with_second_factor
from rathaus.tenants import scope
from rathaus.tenants.models import Tenant
from tests.tenants.world import (
    MARKER,
    Actor,
    World,
)

OCTAL = re.compile(rb"\\([0-7]{3})")


def _pdf_text(data: bytes) -> str:
    """The text of the page streams (ASCII85 + Flate, as ReportLab writes them)."""
    text = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        for decode in (
            lambda raw: zlib.decompress(base64.a85decode(raw.strip().removesuffix(b"~>"))),
            zlib.decompress,
        ):
            try:
                text.append(OCTAL.sub(lambda m: bytes([int(m.group(1), 8)]), decode(stream)))
                break
            except (ValueError, zlib.error):
                continue
    return b"\n".join(text).decode("cp1252", "replace")


def readable(data: bytes) -> Iterator[str]:
    """Every way a person or a program could read the bytes of an answer."""
    text = data.decode("utf-8", "replace")
    yield text
    yield re.sub(r"\r?\n[ \t]", "", text)  # iCal and mail headers fold long lines
    if data.startswith(b"%PDF"):
        yield _pdf_text(data)
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield member
                yield from readable(archive.read(member))


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
        response.close()
        return data
    return response.content


def leaks_in(world: World, response, sent: str = "") -> list[str]:
    """What of Hamburg this answer shows: marked text, one of Hamburg's references or
    tokens (unless the request itself named it: ``sent``), or a stored file."""
    data = body_of(response)
    found = []
    headers = " ".join(f"{key}: {value}" for key, value in response.items())
    wanted = [MARKER, *(name for name in world.identifiers if name not in sent)]
    for text in [headers, *readable(data)]:
        for word in wanted:
            at = text.find(word)
            if at >= 0:
                found.append(text[max(0, at - 60) : at + 60].replace("\n", " "))
        if found:
            break
    found += [f"the file {name}" for name, stored in world.files.items() if stored in data]
    return found


# --- Hamburg's rows, before and after ---------------------------------------------------


def _tenant_paths(model: type[models.Model], depth: int = 3) -> list[str]:
    """Lookups from ``model`` to the tenant that owns its rows (``tenant``,
    ``case__tenant``, ``submission__tenant`` …), shortest first; [] for shared models."""
    names = {f.name for f in model._meta.concrete_fields}
    if "tenant" in names:
        return ["tenant"]
    if depth == 0:
        return []
    paths = []
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model not in (None, model):
            inner = _tenant_paths(field.related_model, depth - 1)  # type: ignore[arg-type]
            paths += [f"{field.name}__{path}" for path in inner[:1]]
    return paths


def owned_models() -> dict[type[models.Model], list[str]]:
    found = {}
    for model in apps.get_models(include_auto_created=True):
        paths = _tenant_paths(model)
        if paths:
            found[model] = paths
    return found


def snapshot(tenant: Tenant) -> dict[str, list[tuple]]:
    """Every row that belongs to ``tenant`` (directly, or through the row it belongs to)."""
    rows = {}
    with scope.every_tenant():
        for model, paths in owned_models().items():
            condition = models.Q()
            for path in paths:
                condition |= models.Q(**{path: tenant})
            queryset = model._base_manager.filter(condition).distinct().order_by("pk")
            rows[model._meta.label] = list(queryset.values_list())
    return rows


def crossing(world: World) -> list[str]:
    """Rows of Hessen that point at a row of Hamburg (a Hessian form that took Hamburg's
    id: an event in Hamburg's region, a request about Hamburg's project …)."""
    found = []
    with scope.every_tenant():
        for model, paths in owned_models().items():
            if paths != ["tenant"]:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                if (
                    target is None
                    or target is Tenant
                    or "tenant"
                    not in {
                        f.name
                        for f in target._meta.concrete_fields  # type: ignore[union-attr]
                    }
                ):
                    continue
                rows = model._base_manager.filter(
                    tenant=world.hessen, **{f"{field.name}__tenant": world.hamburg}
                )
                found += [f"{model._meta.label} {row.pk} → {field.name}" for row in rows]
    return found


def differences(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    changed = []
    for label, rows in before.items():
        if after[label] != rows:
            old, now = {repr(row) for row in rows}, {repr(row) for row in after[label]}
            gone, new = sorted(old - now)[:3], sorted(now - old)[:3]
            changed.append(f"{label}: before {gone} after {new}")
    return changed


# --- The matrix ------------------------------------------------------------------------


ACTORS = ["anonymous", "citizen", "clerk", "designer", "office", "consultant", "municipal",
          "api token", "hamburg token"]  # fmt: skip


def actor_named(world: World, name: str) -> Actor:
    if name == "hamburg token":  # Hamburg's own specialist system, on Hessen's address
        return Actor(name, headers={"HTTP_AUTHORIZATION": f"Bearer {world.token_secret}"},
                     api_only=True)  # fmt: skip
    return world.actors[name]


def _relogin(client: Client, actor: Actor, world: World) -> None:
    """After a POST that logged the actor out (or dropped the second factor)."""
    if actor.user is not None and client.session.get(SECOND_FACTOR_SESSION_KEY) != actor.user.pk:
        login_with_second_factor(client, actor.user)
        world.remember_in(client)
