"""The office configures topics and partners here. A partner's staff are the users with a
``Beratungspartner`` membership in the partner's organisation (edited under
"Mitgliedschaften"); the partner page lists them."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from rathaus.accounts.models import Membership, Role
from rathaus.consulting.models import ConsultingPartner, ConsultingRequest, ConsultingTopic


@admin.register(ConsultingTopic)
class ConsultingTopicAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "position", "active"]
    list_editable = ["position", "active"]
    list_filter = ["active"]
    search_fields = ["name", "name_en"]


@admin.register(ConsultingPartner)
class ConsultingPartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "contact_email", "is_default", "active"]
    list_filter = ["active", "is_default"]
    search_fields = ["name", "organisation__name", "contact_email"]
    autocomplete_fields = ["organisation", "regions"]
    readonly_fields = ["staff"]
    fields = ["name", "organisation", "contact_email", "regions", "is_default", "active", "staff"]

    @admin.display(description=_("Mitarbeitende (Rolle „Beratungspartner“)"))
    def staff(self, obj: ConsultingPartner) -> str:
        """The consultants, and a link to add or remove them (memberships)."""
        if obj.pk is None:
            return "–"
        members = Membership.objects.filter(authority=obj.organisation_id, role=Role.CONSULTANT)
        emails = members.select_related("user").order_by("user__email")
        listed = format_html_join(", ", "{}", ((m.user.email,) for m in emails)) or "–"
        url = reverse("admin:accounts_membership_changelist")
        query = urlencode({"authority__id__exact": str(obj.organisation_id), "role": "consultant"})
        return format_html(
            '{} – <a href="{}?{}">{}</a>', listed, url, query, _("Mitgliedschaften bearbeiten")
        )


@admin.register(ConsultingRequest)
class ConsultingRequestAdmin(admin.ModelAdmin):
    """Read-only: requests change only through the consulting pages (history, audit)."""

    list_display = ["reference", "municipality", "topic", "partner", "status", "created_at"]
    list_filter = ["status", "partner", "topic"]
    search_fields = ["reference", "municipality__name"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
