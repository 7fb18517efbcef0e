from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from rathaus.deliveries import services
from rathaus.deliveries.models import Delivery, DeliveryAttempt, DeliveryRoute


@admin.register(DeliveryRoute)
class DeliveryRouteAdmin(admin.ModelAdmin):
    list_display = ["offer", "plugin", "active"]
    list_filter = ["plugin", "active"]
    autocomplete_fields = ["offer"]


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["at", "ok", "detail"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["submission", "plugin", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status", "plugin"]
    readonly_fields = ["submission", "route", "plugin", "status", "attempts", "next_attempt_at",
                       "delivered_at", "last_error"]  # fmt: skip
    inlines = [AttemptInline]
    actions = ["retry"]

    @admin.action(description=_("Erneut zustellen"))
    def retry(self, request, queryset):
        for delivery in queryset:
            services.retry(delivery, request.user)
        self.message_user(request, _("Zustellung neu gestartet."), messages.SUCCESS)

    def has_add_permission(self, request):
        return False
