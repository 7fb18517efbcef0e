"""Admin for users (login by e-mail), Servicekonto profiles and staff memberships.

Every addition, change and deletion made here is also written to the audit log.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from rathaus.accounts.models import CitizenProfile, Membership, Role, User
from rathaus.accounts.tenantadmin import appoint_tenant_admin
from rathaus.audit.adminaudit import AuditedAdminMixin


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class CitizenProfileInline(admin.StackedInline):
    model = CitizenProfile
    extra = 0
    max_num = 1
    can_delete = False
    raw_id_fields = ["municipality"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["authority", "role", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    ordering = ["email"]
    list_display = [
        "email",
        "is_active",
        "email_verified_at",
        "is_staff",
        "is_superuser",
        "date_joined",
        "last_login",
    ]
    list_filter = [
        "is_active",
        ("email_verified_at", admin.EmptyFieldListFilter),
        "is_staff",
        "is_superuser",
        "memberships__role",
        "groups",
    ]
    search_fields = ["email", "citizen_profile__family_name", "citizen_profile__given_names"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Status"), {"fields": ["is_active", "email_verified_at"]}),
        (
            _("Berechtigungen"),
            {"fields": ["is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Zeitpunkte"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "usable_password", "password1", "password2"],
            },
        ),
    ]
    inlines = [CitizenProfileInline, MembershipInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []


@admin.register(CitizenProfile)
class CitizenProfileAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "given_names", "family_name", "postal_code", "city", "municipality"]
    search_fields = ["user__email", "given_names", "family_name", "city", "postal_code"]
    list_select_related = ["user", "municipality"]
    raw_id_fields = ["user", "municipality"]
    readonly_fields = ["updated_at"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "authority", "role", "created_at"]
    list_filter = ["role", "authority"]
    search_fields = ["user__email", "authority__name"]
    list_select_related = ["user", "authority"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.role == Role.TENANT_ADMIN:  # the admin's door and rights come with the role
            appoint_tenant_admin(obj.user, obj.authority)
