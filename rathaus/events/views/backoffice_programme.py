"""The programme editor: sessions, speakers and exhibitors (one list page with an "add"
form each, an edit page per item, delete), and the materials published after the event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from rathaus.authentication.decorators import current_user, staff_required
from rathaus.events import programme_editing as editing
from rathaus.events.forms import ExhibitorForm, MaterialForm, SessionForm, SpeakerForm
from rathaus.events.models import Event, Exhibitor, Material, Session, Speaker
from rathaus.events.views.backoffice import managed_event, page


@dataclass(frozen=True)
class Section:
    model: type[models.Model]
    form: type[forms.ModelForm]
    save: Any
    title: Any
    add_title: Any
    saved: Any


SECTIONS = {
    "programme": Section(Session, SessionForm, editing.save_session, gettext_lazy("Programm"),
                         gettext_lazy("Programmpunkt hinzufügen"),
                         gettext_lazy("Der Programmpunkt ist gespeichert.")),
    "speakers": Section(Speaker, SpeakerForm, editing.save_speaker,
                        gettext_lazy("Sprecherinnen und Sprecher"),
                        gettext_lazy("Person hinzufügen"),
                        gettext_lazy("Die Angaben zur Person sind gespeichert.")),
    "exhibitors": Section(Exhibitor, ExhibitorForm, editing.save_exhibitor,
                          gettext_lazy("Aussteller"), gettext_lazy("Aussteller hinzufügen"),
                          gettext_lazy("Der Aussteller ist gespeichert.")),
}  # fmt: skip


def _form(section: str, event: Event, request: HttpRequest, instance=None) -> forms.ModelForm:
    spec = SECTIONS[section]
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    kwargs: dict[str, Any] = {"instance": instance}
    if section == "programme":
        kwargs["event"] = event
    return spec.form(*data, **kwargs)


def _save(request: HttpRequest, section: str, event: Event, form, instance=None) -> bool:
    """Save a valid form through the service; False (and the problem on the form) if not."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        SECTIONS[section].save(current_user(request), event, instance, form.cleaned_data)
    except editing.UploadRefused as refused:
        form.add_error("photo", refused.message)
        return False
    except editing.ProgrammeRefused as refused:
        form.add_error(None, refused.message)
        return False
    messages.success(request, str(SECTIONS[section].saved))
    return True


def _items(event: Event, section: str):
    if section == "programme":
        return event.sessions.prefetch_related("speakers", "moderators")
    return SECTIONS[section].model.objects.filter(event=event)  # type: ignore[attr-defined]


@staff_required
@require_http_methods(["GET", "POST"])
def items(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    event = managed_event(request, pk)
    form = _form(section, event, request)
    if _save(request, section, event, form):
        return redirect(f"events:manage_{section}", pk=event.pk)
    spec = SECTIONS[section]
    return page(request, "items.html", event, status=400 if form.errors else 200, form=form,
                items=_items(event, section), section=section, spec=spec,
                rows=f"events/backoffice/_rows_{section}.html")  # fmt: skip


def _item(event: Event, section: str, item_pk: int) -> models.Model:
    found = SECTIONS[section].model.objects.filter(event=event, pk=item_pk).first()  # type: ignore[attr-defined]
    if found is None:
        raise Http404
    return found


@staff_required
@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, pk: int, section: str, item_pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    instance = _item(event, section, item_pk)
    form = _form(section, event, request, instance)
    if _save(request, section, event, form, instance):
        return redirect(f"events:manage_{section}", pk=event.pk)
    if form.errors:
        instance.refresh_from_db()
    return page(request, "item.html", event, status=400 if form.errors else 200, form=form,
                item=instance, section=section, spec=SECTIONS[section])  # fmt: skip


@staff_required
@require_POST
def delete(request: HttpRequest, pk: int, section: str, item_pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    instance = _item(event, section, item_pk)
    try:
        editing.delete_item(current_user(request), event, instance)
    except editing.ProgrammeRefused as refused:
        messages.error(request, refused.message)
        return redirect(f"events:manage_{section}_item", pk=event.pk, item_pk=item_pk)
    messages.success(request, _("„%(name)s“ ist gelöscht.") % {"name": instance})
    return redirect(f"events:manage_{section}", pk=event.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def materials(request: HttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = MaterialForm(*data, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            editing.add_material(current_user(request), event, form.cleaned_data)
        except editing.UploadRefused as refused:
            form.add_error("file", refused.message)
        else:
            messages.success(request, _("Das Material ist gespeichert."))
            return redirect("events:manage_materials", pk=event.pk)
    found = Material.objects.filter(session__event=event).select_related("session")
    return page(request, "materials.html", event, status=400 if form.errors else 200, form=form,
                materials=found, section="materials")  # fmt: skip


def _material(event: Event, item_pk: int) -> Material:
    found = Material.objects.filter(session__event=event, pk=item_pk).first()
    if found is None:
        raise Http404
    return found


@staff_required
@require_POST
def material_publish(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    material = _material(event, item_pk)
    published = request.POST.get("published") == "1"
    editing.set_material_published(current_user(request), material, published)
    notice = _("„%(name)s“ ist veröffentlicht.") if published else _("„%(name)s“ ist verborgen.")
    messages.success(request, notice % {"name": material.title})
    return redirect("events:manage_materials", pk=event.pk)


@staff_required
@require_POST
def material_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    material = _material(event, item_pk)
    editing.delete_item(current_user(request), event, material)
    messages.success(request, _("„%(name)s“ ist gelöscht.") % {"name": material.title})
    return redirect("events:manage_materials", pk=event.pk)
