"""Thin views of the legal and help pages, the accessibility feedback and the contact form.

Long texts are not gettext messages but one template per language,
``core/legal/<name>.<language>.html``; :func:`legal_templates` picks the active language's
file and falls back to German. A tenant that has its own imprint, privacy or
accessibility statement (``Tenant.imprint`` …, plain text) gets it in the page layout
(``core/legal/tenant_text.<language>.html``) instead of the operator's template; its
contact details, when set, replace the operator's on the contact page.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from rathaus.core.feedback import (
    ContactForm,
    FeedbackForm,
    initial_page,
    receipt_for,
    remember_receipt,
    submit_feedback,
)
from rathaus.tenants.scope import current_or_none

# The pages a tenant may replace with its own text: page name -> Tenant field.
TENANT_TEXTS = {"imprint": "imprint", "privacy": "privacy", "accessibility": "accessibility"}


def legal_templates(name: str) -> list[str]:
    """``<name>.<active language>.html``, then the German original as fallback."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    languages = dict.fromkeys([language, settings.LANGUAGE_CODE])
    return [f"core/legal/{name}.{code}.html" for code in languages]


def tenant_text(name: str) -> str:
    """The tenant's own text for page ``name``, or "" (then the operator's template)."""
    tenant = current_or_none()
    field = TENANT_TEXTS.get(name)
    if tenant is None or field is None:
        return ""
    return str(getattr(tenant, field, "") or "").strip()


def tenant_contact() -> dict[str, str]:
    """The tenant's contact details that are set (address, phone, email), or {}."""
    tenant = current_or_none()
    if tenant is None:
        return {}
    details = {
        "address": tenant.contact_address.strip(),
        "phone": tenant.contact_phone.strip(),
        "email": tenant.contact_email.strip(),
    }
    return details if any(details.values()) else {}


def _page(request: HttpRequest, name: str, **context: object) -> HttpResponse:
    text = tenant_text(name)
    if text:
        context = {**context, "page": name, "text": text}
        return render(request, legal_templates("tenant_text"), context)
    return render(request, legal_templates(name), context)


@require_safe
def imprint(request: HttpRequest) -> HttpResponse:
    return _page(request, "imprint")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return _page(request, "privacy")


@require_safe
def easy_language(request: HttpRequest) -> HttpResponse:
    return _page(request, "easy_language")


@require_safe
def sign_language(request: HttpRequest) -> HttpResponse:
    return _page(request, "sign_language")


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return _page(request, "accessibility", form=FeedbackForm())


def _submit(request: HttpRequest, form: FeedbackForm) -> HttpResponse | None:
    """Store a valid POSTed form and redirect to its receipt (Post/Redirect/Get)."""
    if request.method != "POST" or not form.is_valid():
        return None
    entry = submit_feedback(
        kind=form.kind, actor=request.user, language=get_language() or "", **form.submission()
    )
    remember_receipt(request.session, entry.reference or "")
    return redirect("core:feedback_receipt", reference=entry.reference)


def _bound(request: HttpRequest, form_class: type[FeedbackForm], **kwargs) -> FeedbackForm:
    data = request.POST if request.method == "POST" else None
    return form_class(data, **kwargs)


@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    initial = {"page_url": initial_page(request.GET.get("seite"))}
    form = _bound(request, FeedbackForm, initial=initial)
    response = _submit(request, form)
    if response is None:
        response = render(request, "core/legal/feedback.html", {"form": form})
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    form = _bound(request, ContactForm)
    response = _submit(request, form)
    if response is None:
        response = _page(request, "contact", form=form, contact=tenant_contact())
    return response


@never_cache
@require_safe
def receipt(request: HttpRequest, reference: str) -> HttpResponse:
    entry = receipt_for(request.session, reference)
    if entry is None:
        raise Http404("No receipt for this session")
    return render(request, "core/legal/receipt.html", {"entry": entry})


__all__ = [
    "imprint",
    "privacy",
    "accessibility",
    "feedback",
    "contact",
    "easy_language",
    "sign_language",
    "receipt",
    "legal_templates",
    "tenant_contact",
    "tenant_text",
]
