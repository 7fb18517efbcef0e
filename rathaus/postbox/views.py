"""Thin views of the postbox in the Servicekonto: list, read, reply, download."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from rathaus.accounts.http import current_user
from rathaus.core.uploads import UploadRefused
from rathaus.organisations import services as organisations
from rathaus.organisations.http import organisation_asked
from rathaus.postbox import replies, services
from rathaus.postbox.forms import ReplyForm
from rathaus.postbox.models import MessageFile


@login_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    """The personal postbox, or an organisation's (``?organisation=<id>``, members only)."""
    organisation = organisation_asked(request)
    context = {
        "postbox": services.listed_messages(request.user, organisation),
        "organisation": organisation,
        "organisations": organisations.organisations_of(request.user),
    }
    return render(request, "postbox/inbox.html", context)


@login_required
@never_cache
def message(request: HttpRequest, message_id: Any) -> HttpResponse:
    found = services.open_message(request.user, message_id)
    if found is None:
        raise Http404
    form = ReplyForm(request.POST or None)
    can_reply = services.may_reply(request.user, found)
    if request.method == "POST" and can_reply and form.is_valid():
        try:
            replies.answer(
                found,
                current_user(request),
                form.cleaned_data["body"],
                request.FILES.getlist("dateien"),
            )
        except UploadRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Ihre Antwort wurde gesendet."))
            inbox_url = reverse("postbox:inbox")
            if found.organisation_id:
                inbox_url += f"?organisation={found.organisation_id}"
            return redirect(inbox_url)
    context = {"message": found, "form": form, "can_reply": can_reply}
    return render(request, "postbox/message.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def download(request: HttpRequest, file_id: Any) -> FileResponse:
    # Files are not tenant-owned: only those of messages the user may read in this tenant.
    attached = MessageFile.objects.filter(
        pk=file_id, message__in=services.visible_messages(request.user)
    ).first()
    if attached is None:
        raise Http404
    return FileResponse(
        attached.file.open("rb"), as_attachment=True, filename=attached.name,
        content_type=attached.content_type,
    )  # fmt: skip
