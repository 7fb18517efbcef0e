"""Django's admin app with Rathaus's admin site (``accounts.adminsite``)."""

from django.contrib.admin.apps import AdminConfig


class RathausAdminConfig(AdminConfig):
    default_site = "rathaus.accounts.adminsite.RathausAdminSite"
