from django.contrib import admin

from rathaus.catalog.models import LifeSituation, Offer, Service


@admin.register(LifeSituation)
class LifeSituationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


class OfferInline(admin.TabularInline):
    model = Offer
    extra = 0
    autocomplete_fields = ["authority", "territory"]
    fields = ["territory", "authority", "online", "contact", "phone", "email", "fee_note"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "leika_key", "responsible_level", "definition_slug"]
    list_filter = ["responsible_level", "life_situations"]
    search_fields = ["name", "leika_key", "keywords"]
    filter_horizontal = ["life_situations"]
    inlines = [OfferInline]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["service", "authority", "territory", "online"]
    list_filter = ["online", "service"]
    search_fields = ["service__name", "authority__name", "territory__name"]
    autocomplete_fields = ["service", "authority", "territory"]
