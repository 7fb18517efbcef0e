"""Staff pages: municipal staff keep their projects, the office reviews and publishes."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from rathaus.accounts.models import User
from rathaus.authentication.decorators import current_user, staff_required
from rathaus.projects import services
from rathaus.projects.forms import DocumentForm, ImageForm, ProjectForm, ReviewForm
from rathaus.projects.models import Project

# The document form has a "title" like the project form on the same page: its own ids.
DOCUMENT_IDS = "id_dokument_%s"

DESK_PAGE = 50
NOT_SAVED = gettext_lazy(
    "Nicht gespeichert: das Projekt wurde inzwischen eingereicht oder veröffentlicht. Was Sie "
    "eingegeben haben, steht unten noch im Formular; übernehmen Sie es in eine neue Fassung."
)


def _own_ids(user: User) -> set[int] | None:
    return None if services.is_office(user) else services.municipal_territory_ids(user)


@staff_required
def desk(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    projects = services.editable_projects(user).order_by("-created_at")
    context = {
        "projects": Paginator(projects, DESK_PAGE).get_page(request.GET.get("seite")),
        "office": services.is_office(user),
        "waiting": projects.filter(state=Project.State.SUBMITTED),
        "authorities": services.municipal_authorities(user),
    }
    return render(request, "projects/desk.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    authorities = services.municipal_authorities(user)
    if not authorities:
        raise Http404  # only municipal staff create projects for their municipality
    initial = {"territory_names": f"{authorities[0].territory.short_name} "
                                  f"({authorities[0].territory.key})"}  # fmt: skip
    form = ProjectForm(request.POST or None, initial=initial, own_territory_ids=_own_ids(user))
    if request.method == "POST" and form.is_valid():
        project = services.create_project(
            user, authorities[0], form.content(), submit_token=form.token()
        )
        messages.success(request, _("Der Entwurf ist gespeichert."))
        return redirect("projects:manage", pk=project.pk)
    return render(request, "projects/edit.html", {"form": form}, status=400 if form.errors else 200)


def editable_project(request: HttpRequest, pk: int) -> Project:
    project = services.editable_projects(current_user(request)).filter(pk=pk).first()
    if project is None:
        raise Http404
    return project


@staff_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    project = editable_project(request, pk)
    data = request.POST if request.method == "POST" else None
    form = project_form(user, project, data)
    if data is None or (form is not None and not form.is_valid()):
        return manage_page(request, project, form)
    if form is None:  # submitted or published while she typed: nothing typed is lost
        typed = ProjectForm(data, instance=project.draft or project.published)
        return manage_page(request, project, typed, error=str(NOT_SAVED))
    try:
        services.update_draft(user, project, form.content())
    except services.WorkflowError:
        return manage_page(request, project, form, error=str(NOT_SAVED))
    messages.success(request, _("Ihre Änderungen sind gespeichert."))
    return redirect("projects:manage", pk=project.pk)


def project_form(user: User, project: Project, data=None) -> ProjectForm | None:
    """The draft's form, or None when the user may not change the content now."""
    if not services.can_change_content(user, project):
        return None
    return ProjectForm(data, instance=project.draft, own_territory_ids=_own_ids(user))


def manage_page(request, project, form, review_form=None, error: str = "", **extra) -> HttpResponse:
    user = current_user(request)
    context = {
        "image_form": extra.get("image_form") or ImageForm(),
        "document_form": extra.get("document_form") or DocumentForm(auto_id=DOCUMENT_IDS),
        "project": project,
        "form": form,
        "review_form": review_form or ReviewForm(),
        "office": services.is_office(user),
        "steps": services.available_steps(user, project),
        "history": project.revisions.filter(published_at__isnull=False).order_by("-number"),
        "error_items": [{"message": error}] if error else None,
    }
    failed = error or any(f is not None and f.errors for f in (form, *extra.values()))
    return render(request, "projects/manage.html", context, status=400 if failed else 200)


@staff_required
@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    project = editable_project(request, pk)
    action = request.POST.get("action", "")
    review_form = ReviewForm(request.POST)
    comment = review_form.cleaned_data["comment"] if review_form.is_valid() else ""
    try:
        notice = services.take_step(user, project, action, comment)
    except services.WorkflowError as error:
        project.refresh_from_db()
        return manage_page(request, project, project_form(user, project), review_form, str(error))
    messages.success(request, notice)
    return redirect("projects:manage", pk=project.pk)
