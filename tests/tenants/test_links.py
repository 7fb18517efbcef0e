"""Links that leave the request (mails, feeds) point at the tenant's own address."""

import pytest
from django.test import override_settings
from django.urls import set_script_prefix

from rathaus.core.mail import absolute_link
from rathaus.tenants import scope, services

pytestmark = pytest.mark.django_db


@override_settings(RATHAUS_SITE_URL="https://rathaus.example:8443")
def test_each_tenant_links_to_its_own_address(hamburg_tenant):
    assert absolute_link("core:contact") == "https://rathaus.example:8443/kontakt/"
    with scope.activate(hamburg_tenant):
        assert absolute_link("core:contact") == "https://hamburg.localhost:8443/kontakt/"
    with override_settings(RATHAUS_TENANT_HOSTS={}), scope.activate(hamburg_tenant):
        assert absolute_link("core:contact") == "https://rathaus.example:8443/hamburg/kontakt/"
        set_script_prefix("/hamburg/")  # inside a request under the prefix
        try:
            assert absolute_link("core:contact") == (
                "https://rathaus.example:8443/hamburg/kontakt/"
            )
        finally:
            set_script_prefix("/")


def test_outside_any_tenant_the_site_address(hamburg_tenant):
    with scope.every_tenant():
        assert services.site_url(None) == "http://testserver"
