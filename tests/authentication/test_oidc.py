"""Login through a real OpenID Connect provider (devidp.oidc_op, Authlib's server) in a
second process: one configuration per tenant, state + nonce + PKCE, and the refusals."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from rathaus.accounts.models import User
from rathaus.audit.models import AuditEntry
from rathaus.authentication import oidc
from rathaus.authentication.models import ExternalIdentity
from tests.authentication.idps import form_of, http

pytestmark = pytest.mark.django_db


@pytest.fixture
def configured(settings, oidc_process):
    oidc.clear_cache()
    settings.RATHAUS_FEDERATION = {"hessen": {"oidc": oidc_process.config()}}
    yield oidc_process
    oidc.clear_cache()


def authorize(client, next_url: str = "/konto/") -> str:
    response = client.get(reverse("authentication:oidc_start"), {"next": next_url})
    assert response.status_code == 302, response.content.decode()
    return response["Location"]


def consent(location: str, who: str = "erika") -> str:
    """The provider's page, the person chosen: the callback URL with code and state."""
    status, page = http(location)
    assert status == 200, page
    assert "Entwicklungs-Identitätsanbieter" in page
    _action, fields = form_of(page)
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    from urllib.parse import urlencode

    base = location.split("/authorize")[0]
    try:
        opener.open(f"{base}/authorize", urlencode({"query": fields["query"], "who": who}).encode())
    except urllib.error.HTTPError as answer:
        assert answer.code == 302
        return answer.headers["Location"]
    raise AssertionError("no redirect")


def callback(client, url: str):
    parts = urlsplit(url)
    assert parts.path == reverse("authentication:oidc_callback")
    return client.get(parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()})


def assert_refused(response, client, reason: str):
    assert response.status_code == 400, response.content.decode()
    assert "Anmeldung abgelehnt" in response.content.decode()
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.filter(verb="authentication.federated_refused").last()
    assert reason in entry.data["reason"]


def test_the_request_carries_state_nonce_and_pkce(client, configured):
    query = parse_qs(urlsplit(authorize(client)).query)
    assert query["response_type"] == ["code"] and query["client_id"] == ["rathaus-dev"]
    assert query["state"][0] and query["nonce"][0]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["redirect_uri"] == ["http://testserver/anmelden/oidc/callback/"]


def test_first_login_creates_an_account_then_logs_straight_in(client, configured):
    answer = callback(client, consent(authorize(client)))
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "authentication:federated_link"
    )
    assert "_auth_user_id" not in client.session
    client.post(answer["Location"], {"action": "create",
                                     "create-email": "erika.mustermann@example.org"})  # fmt: skip
    user = User.objects.get(email="erika.mustermann@example.org")
    assert user.email_verified and client.session["_auth_user_id"] == str(user.pk)
    assert client.session["rathaus.auth.federated"]["level"] == 3  # the configured level
    identity = ExternalIdentity.objects.get(user=user)
    assert identity.method == "oidc" and identity.issuer == configured.issuer
    assert user.citizen_profile.street == "Heidestraße"
    client.post(reverse("authentication:logout"))
    again = callback(client, consent(authorize(client)))
    assert again.status_code == 302 and again["Location"] == "/konto/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_configuration_is_per_tenant(client, settings, configured):
    settings.RATHAUS_FEDERATION = {"hamburg": {"oidc": configured.config(label="Hamburg-Konto")}}
    assert client.get(reverse("authentication:oidc_start")).status_code == 404
    page = client.get(reverse("authentication:login"), HTTP_HOST="hamburg.localhost")
    assert "Mit Hamburg-Konto anmelden" in page.content.decode()
    assert "Hamburg-Konto" not in client.get(reverse("authentication:login")).content.decode()


def test_wrong_state_is_refused(client, configured):
    url = consent(authorize(client))
    forged = url.replace("state=", "state=falsch")
    assert_refused(callback(client, forged), client, "MismatchingStateError")
    # A callback for a login another browser started is refused the same way.
    other = type(client)()
    assert_refused(callback(other, consent(authorize(client))), other, "MismatchingStateError")


def test_wrong_nonce_is_refused(client, configured):
    url = consent(authorize(client))
    state = parse_qs(urlsplit(url).query)["state"][0]
    session = client.session
    key = f"_state_oidc-hessen_{state}"
    data = session[key]
    data["data"]["nonce"] = "ein-anderer-nonce"
    session[key] = data
    session.save()
    assert_refused(callback(client, url), client, "nonce")


def test_missing_parameters_and_provider_errors_are_refused(client, configured):
    assert_refused(client.get(reverse("authentication:oidc_callback")), client,
                   "missing_parameters")  # fmt: skip
    answer = client.get(reverse("authentication:oidc_callback"), {"error": "access_denied"})
    assert_refused(answer, client, "provider_error")


def test_an_unreachable_provider_is_a_clear_page(client, settings, configured):
    oidc.clear_cache()
    settings.RATHAUS_FEDERATION = {"hessen": {"oidc": configured.config(
        issuer="http://127.0.0.1:9")}}  # fmt: skip
    assert_refused(client.get(reverse("authentication:oidc_start")), client, "provider_unreachable")
