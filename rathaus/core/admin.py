from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from rathaus.audit.adminaudit import AuditedAdminMixin
from rathaus.core import feedback, services
from rathaus.core.models import Authority, Feedback, Territory
from rathaus.core.views.theme import MIN_NON_TEXT_CONTRAST, MIN_TEXT_CONTRAST, contrast_ratio
from rathaus.tenants import services as tenants
from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import activate


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    """The territory comes from ``manage.py load_territory``; the key of a saved row is fixed."""

    list_display = ["key", "short_name", "level", "kind_display", "parent", "population"]
    list_filter = ["level"]
    search_fields = ["key", "name", "short_name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    ordering = ["key"]

    @admin.display(description=_("Art"), ordering="kind")
    def kind_display(self, obj: Territory) -> str:
        return services.kind_label(obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "key"] if obj is not None else readonly


@admin.register(Authority)
class AuthorityAdmin(AuditedAdminMixin):
    list_display = ["name", "territory", "city", "is_active", "four_eyes_publishing"]
    list_filter = ["is_active", "four_eyes_publishing", "territory__level"]
    search_fields = ["name", "slug", "city", "territory__name", "territory__key"]
    list_select_related = ["territory"]
    autocomplete_fields = ["territory"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Read the messages and mark them handled; the content itself cannot be changed."""

    list_display = ["reference", "kind", "created_at", "page_url", "reply_requested", "handled"]
    list_filter = ["kind", "handled"]
    search_fields = ["reference", "page_url", "message", "email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "reference",
        "kind",
        "created_at",
        "page_url",
        "message",
        "name",
        "email",
        "language",
        "handled",
        "handled_at",
    ]
    actions = ["mark_handled"]

    @admin.display(description=_("Antwort erbeten"), boolean=True)
    def reply_requested(self, obj: Feedback) -> bool:
        return bool(obj.email)

    @admin.action(description=_("Als erledigt markieren"))
    def mark_handled(self, request, queryset):
        for entry in queryset.filter(handled=False):
            feedback.mark_handled(entry, request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TenantForm(forms.ModelForm):
    """The checks of the tenant's admin form; its model and fields come from the admin
    (its fieldsets), through ``modelform_factory``."""

    def clean_languages(self) -> str:
        """Known language codes only, German (the language at ``/``) always among them."""
        codes = [code.strip().lower() for code in self.cleaned_data["languages"].split(",")]
        codes = list(dict.fromkeys(code for code in codes if code))
        known = [code for code, _name in settings.LANGUAGES]
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise forms.ValidationError(  # the message of the service designer's check
                _(
                    "Unbekannte Sprache %(languages)s: möglich sind nur „de“ (Deutsch) "
                    "und „en“ (Englisch)."
                ),
                params={"languages": ", ".join(unknown)},
            )
        if settings.LANGUAGE_CODE not in codes:
            codes.insert(0, settings.LANGUAGE_CODE)
        return ",".join(code for code in known if code in codes)


@admin.register(Tenant)
class TenantAdmin(AuditedAdminMixin):
    """The Länder (tenants): operators (superusers) add and change them; a Land's own
    administrators change their Land's texts and look. The slug is the tenant's path
    prefix and template name, so it is fixed once saved; a tenant is never deleted (its
    rows are protected), it is made inactive."""

    form = TenantForm
    list_display = ["name", "slug", "portal_name", "land_key", "colour", "active"]
    list_filter = ["active"]
    search_fields = ["name", "slug", "portal_name", "land_key"]
    ordering = ["name"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "name",
                    "land_key",
                    "portal_name",
                    "ministry",
                    "smart_region_office",
                    "active",
                ]
            },
        ),
        (_("Aussehen und Sprachen"), {"fields": ["colour", "colour_contrast", "languages"]}),
        (_("Kontakt"), {"fields": ["contact_email", "contact_phone", "contact_address"]}),
        (
            _("Rechtstexte"),
            {
                "fields": ["imprint", "privacy", "accessibility"],
                "description": _(
                    "Einfacher Text ohne HTML; eine Leerzeile beginnt einen neuen Absatz."
                ),
            },
        ),
    ]

    @admin.display(description=_("Kontrast auf Weiß"))
    def colour_contrast(self, obj: Tenant | None) -> str:
        try:
            ratio = contrast_ratio(obj.colour) if obj is not None else None
        except ValueError:
            ratio = None
        if ratio is None:
            return "–"
        if ratio >= MIN_TEXT_CONTRAST:
            use = _("für Akzent und Text verwendet")
        elif ratio >= MIN_NON_TEXT_CONTRAST:
            use = _("nur für den Akzent verwendet, Text in der Farbe von KERN")
        else:
            use = _("zu hell: Akzent und Text in der Farbe von KERN")
        return f"{number_format(ratio, 2)}:1 – {use}"  # cut, not rounded: never flatters

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "colour_contrast"]
        if not request.user.is_superuser:
            return [*readonly, *self.OPERATOR_FIELDS]
        return [*readonly, "slug"] if obj is not None else readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ["name"]} if obj is None else {}

    # A Land's administrators (accounts.tenantadmin) view and change their own tenant's
    # names, look, contact and legal texts; its key, slug and state stay the operator's.
    OPERATOR_FIELDS = ["slug", "land_key", "active"]

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        return rows if request.user.is_superuser else rows.filter(pk=request.tenant.pk)

    def _own(self, request, obj=None) -> bool:
        return obj is None or request.user.is_superuser or obj.pk == request.tenant.pk

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._own(request, obj)

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._own(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        tenants.clear_cache()  # this process sees the change at once, others within a minute

    # A tenant's changes go into that tenant's own audit chain.
    def log_addition(self, request, obj, message):
        with activate(obj):
            return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        with activate(obj):
            return super().log_change(request, obj, message)
