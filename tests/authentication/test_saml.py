"""BundID-style login through a real SAML IdP (devidp.saml_idp, pysaml2's IdP code) in a
second process: signed requests with BundID's attribute extension, encrypted assertions,
the assertion consumer, linking, and every refusal."""

from __future__ import annotations

import base64
import re
import zlib
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from devidp import keys
from devidp.saml_idp import SamlIdp
from rathaus.accounts.models import User
from rathaus.audit.models import AuditEntry
from rathaus.authentication.models import ExternalIdentity, SamlRequest
from rathaus.authentication.saml import BPK2_OID, requested_attributes
from tests.authentication.idps import form_of, http

pytestmark = pytest.mark.django_db

PASSWORD = "ein-langes-Passwort-2024"


@pytest.fixture
def configured(settings, saml_process):
    settings.RATHAUS_FEDERATION = {"hessen": {"saml": saml_process.config()}}
    return saml_process


def start(client, next_url: str = "/konto/", level: str = "") -> str:
    params = {"next": next_url}
    if level:
        params["niveau"] = level
    response = client.get(reverse("authentication:saml_start"), params)
    assert response.status_code == 302
    return response["Location"]


def idp_answer(location: str, who: str = "erika", level: str = "3") -> tuple[str, dict]:
    status, page = http(location)
    assert status == 200, page
    assert "Entwicklungs-Identitätsanbieter – keine echte BundID" in page
    action, fields = form_of(page)
    status, page = http(f"{location.split('/sso/')[0]}{action}",
                        {"token": fields["token"], "who": who, "level": level})  # fmt: skip
    assert status == 200, page
    return form_of(page)


def post_response(client, saml_response: str):
    return client.post(reverse("authentication:saml_acs"), {"SAMLResponse": saml_response})


def log_in(client, who: str = "erika", level: str = "3", next_url: str = "/konto/"):
    action, fields = idp_answer(start(client, next_url), who, level)
    assert action == "http://testserver" + reverse("authentication:saml_acs")
    answer = post_response(client, fields["SAMLResponse"])
    assert answer.status_code == 303, answer.content.decode()
    return client.get(answer["Location"])


def test_metadata_names_the_tenant_sp_with_its_certificate_and_consumer(client, configured):
    response = client.get(reverse("authentication:saml_metadata"))
    xml = response.content.decode()
    assert response.status_code == 200
    assert 'entityID="http://testserver/anmelden/saml/metadata/"' in xml
    assert 'AuthnRequestsSigned="true"' in xml and 'WantAssertionsSigned="true"' in xml
    assert "http://testserver/anmelden/saml/acs/" in xml
    assert "X509Certificate" in xml
    root = ElementTree.fromstring(xml)
    md, ds = "{urn:oasis:names:tc:SAML:2.0:metadata}", "{http://www.w3.org/2000/09/xmldsig#}"
    published = {
        node.attrib.get("use"): node.findtext(f"{ds}KeyInfo/{ds}X509Data/{ds}X509Certificate")
        for node in root.iter(f"{md}KeyDescriptor")
    }
    assert set(published) == {"signing", "encryption"}
    expected = "".join(configured.sp_encryption_cert.read_text().splitlines()[1:-1])
    assert "".join(published["encryption"].split()) == expected


def test_no_configuration_no_saml(client, settings):
    settings.RATHAUS_FEDERATION = {}
    assert client.get(reverse("authentication:saml_metadata")).status_code == 404
    assert client.get(reverse("authentication:saml_start")).status_code == 404
    assert "bundid" not in client.get(reverse("authentication:login")).content.decode()


def test_the_request_is_signed_and_asks_for_the_level(client, configured):
    location = start(client, level="hoch")
    query = parse_qs(urlsplit(location).query)
    assert query["SigAlg"] == ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"]
    assert query["Signature"][0]
    status, page = http(location)
    assert "STORK-QAA-Level-4" in page
    # The same request with its signature removed is refused by the IdP.
    unsigned = location.split("&SigAlg=")[0]
    status, page = http(unsigned)
    assert status == 400


def _request_xml(location: str) -> str:
    encoded = parse_qs(urlsplit(location).query)["SAMLRequest"][0]
    return zlib.decompress(base64.b64decode(encoded), -15).decode()


AKDB = "{https://www.akdb.de/request/2018/09}"
SAMLP = "{urn:oasis:names:tc:SAML:2.0:protocol}"


def test_the_request_names_the_attributes_in_bundids_extension(client, configured):
    root = ElementTree.fromstring(_request_xml(start(client, level="substantiell")))
    extension = root.find(f"{SAMLP}Extensions/{AKDB}AuthenticationRequest")
    assert extension is not None and extension.attrib["Version"] == "2"
    asked = {
        item.attrib["Name"]: item.attrib["RequiredAttribute"]
        for item in extension.iterfind(f"{AKDB}RequestedAttributes/{AKDB}RequestedAttribute")
    }
    assert list(asked) == requested_attributes()
    assert set(asked) == {
        "urn:oid:2.5.4.42", "urn:oid:2.5.4.4", "urn:oid:1.2.40.0.10.2.1.1.55",
        "urn:oid:2.5.4.16", "urn:oid:2.5.4.17", "urn:oid:2.5.4.7",
        "urn:oid:0.9.2342.19200300.100.1.3", BPK2_OID,
    }  # fmt: skip
    assert asked[BPK2_OID] == "true" and asked["urn:oid:2.5.4.42"] == "false"
    context = root.find(f"{SAMLP}RequestedAuthnContext")
    assert context.attrib["Comparison"] == "minimum" and "STORK-QAA-Level-3" in _request_xml(
        start(client, level="substantiell")
    )


def test_the_extension_is_signed_with_the_request(client, configured):
    location = start(client)
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    xml = _request_xml(location)
    fewer = re.sub(r'<[^>]*RequestedAttribute Name="urn:oid:2\.5\.4\.7"[^>]*/>', "", xml)
    assert fewer != xml
    deflated = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflated.compress(fewer.encode()) + deflated.flush()
    query["SAMLRequest"] = base64.b64encode(packed).decode()
    status, _page = http(f"{location.split('?')[0]}?{urlencode(query)}")
    assert status == 400  # the IdP checks the signature over the changed request
    assert http(location)[0] == 200  # control: the request as signed is accepted


def test_the_idp_returns_only_the_requested_attributes(client, settings, configured):
    wanted = ["urn:oid:2.5.4.42", "2.5.4.4", BPK2_OID]  # with or without urn:oid:
    settings.RATHAUS_FEDERATION = {
        "hessen": {"saml": configured.config(requested_attributes=wanted)}
    }
    page = log_in(client)
    assert page["Location"] == reverse("authentication:federated_link")
    done = client.post(page["Location"], {"action": "create",
                                          "create-email": "erika@example.org"})  # fmt: skip
    assert done.status_code == 302
    identity = ExternalIdentity.objects.get()
    assert identity.subject == "demo-erika-mustermann"  # the bPK2 was asked for
    assert set(identity.attributes) == {"given_names", "family_name"}
    assert identity.user.citizen_profile.birth_date is None


def test_first_login_creates_an_account_verified_by_the_idp(client, configured):
    page = log_in(client)
    assert page.status_code == 302 and page["Location"] == reverse("authentication:federated_link")
    assert "_auth_user_id" not in client.session  # nobody is logged in before the choice
    html = client.get(page["Location"]).content.decode()
    assert "Erste Anmeldung" in html and "Erika" in html and "substantiell" in html
    created = {"action": "create", "create-email": "erika.mustermann@example.org"}
    done = client.post(page["Location"], created)
    assert done.status_code == 302 and done["Location"] == "/konto/"
    user = User.objects.get(email="erika.mustermann@example.org")
    assert user.email_verified and not user.has_usable_password()
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session["rathaus.auth.federated"]["level"] == 3
    profile = user.citizen_profile
    assert (profile.given_names, profile.family_name, str(profile.birth_date)) == (
        "Erika", "Mustermann", "1964-08-12")  # fmt: skip
    assert (profile.street, profile.house_number, profile.city) == ("Heidestraße", "17", "Köln")
    identity = ExternalIdentity.objects.get(user=user)
    assert identity.subject == "demo-erika-mustermann" and identity.method == "saml"
    # The next login with the same identity logs straight in.
    client.post(reverse("authentication:logout"))
    again = log_in(client, level="4")
    assert again.status_code == 302 and again["Location"] == "/konto/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session["rathaus.auth.federated"]["level"] == 4


def test_same_email_is_never_merged_without_the_password(client, configured):
    owner = User.objects.create_user("erika.mustermann@example.org", PASSWORD,
                                     email_verified_at="2024-01-01T00:00:00Z")  # fmt: skip
    page = log_in(client)
    assert page["Location"] == reverse("authentication:federated_link")
    assert "_auth_user_id" not in client.session
    assert not ExternalIdentity.objects.exists()
    taken = client.post(page["Location"], {"action": "create",
                                           "create-email": owner.email})  # fmt: skip
    assert taken.status_code == 400 and "schon ein Konto" in taken.content.decode()
    wrong = client.post(page["Location"], {"action": "link", "link-email": owner.email,
                                           "link-password": "falsch"})  # fmt: skip
    assert wrong.status_code == 400 and "_auth_user_id" not in client.session
    linked = client.post(page["Location"], {"action": "link", "link-email": owner.email,
                                            "link-password": PASSWORD})  # fmt: skip
    assert linked.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)
    assert ExternalIdentity.objects.get().user == owner


# --- Refusals: each one shows the page, is logged, and logs nobody in --------------------------


def assert_refused(response, client, reason: str = ""):
    html = response.content.decode()
    assert response.status_code == 400, html
    assert "Anmeldung abgelehnt" in html
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.filter(verb="authentication.federated_refused").last()
    assert entry is not None
    assert reason in entry.data["reason"]


def test_replayed_response_is_refused(client, configured):
    _action, fields = idp_answer(start(client))
    first = post_response(client, fields["SAMLResponse"])
    assert first.status_code == 303
    assert_refused(post_response(client, fields["SAMLResponse"]), client, "replayed_request")
    # The first one's ticket works once, and only for this browser.
    other = type(client)()
    assert_refused(other.get(first["Location"]), other, "unknown_ticket")
    assert client.get(first["Location"]).status_code == 302
    assert_refused(client.get(first["Location"]), client, "unknown_ticket")


def test_unsolicited_and_unknown_request_are_refused(client, configured):
    _action, fields = idp_answer(start(client))
    xml = base64.b64decode(fields["SAMLResponse"]).decode()
    unknown = re.sub(r'InResponseTo="[^"]+"', 'InResponseTo="id-unbekannt"', xml, count=1)
    assert_refused(
        post_response(client, base64.b64encode(unknown.encode()).decode()), client,
        "unknown_request",
    )  # fmt: skip
    unsolicited = re.sub(r' InResponseTo="[^"]+"', "", xml)
    assert_refused(
        post_response(client, base64.b64encode(unsolicited.encode()).decode()), client,
        "unknown_request",
    )  # fmt: skip


def _forged(idp_process, location: str, **options) -> str:
    """A response made by an IdP with the test IdP's own key (same process as the test),
    for what the running IdP never sends: unsigned, expired, for another audience, not
    encrypted or encrypted to another key."""
    minutes = options.pop("lifetime_minutes", 5)
    forger = SamlIdp(idp_process.base_url, idp_process.directory / "saml-idp.key",
                     idp_process.directory / "saml-idp.crt", idp_process.sp_cert, ["http://"],
                     lifetime_minutes=minutes,
                     sp_encryption_cert=idp_process.sp_encryption_cert)  # fmt: skip
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    token = forger.accept_request(query)
    return forger.response_for(forger.pending[token], "erika", "3", **options)


def test_unsigned_assertion_is_refused(client, configured):
    response = post_response(client, _forged(configured, start(client), sign_assertion=False))
    assert_refused(response, client, "Signature missing for assertion")


def test_expired_assertion_is_refused(client, configured):
    response = post_response(client, _forged(configured, start(client), lifetime_minutes=-10))
    assert_refused(response, client, "Condition not OK")


def test_assertion_for_another_audience_is_refused(client, configured):
    other = "http://anderes-portal.example/saml/metadata/"
    response = post_response(client, _forged(configured, start(client), audience=other))
    assert_refused(response, client, "AudienceRestrictions")


def test_a_forged_response_for_a_good_request_still_works_when_signed(client, configured):
    """Control for the tests above and below: the forger's normal response is accepted."""
    response = post_response(client, _forged(configured, start(client)))
    assert response.status_code == 303


# --- Encrypted assertions -------------------------------------------------------------------


def test_the_idps_assertion_is_encrypted(client, configured):
    _action, fields = idp_answer(start(client))
    xml = base64.b64decode(fields["SAMLResponse"]).decode()
    root = ElementTree.fromstring(xml)
    saml = "{urn:oasis:names:tc:SAML:2.0:assertion}"
    assert root.find(f"{saml}EncryptedAssertion") is not None
    assert root.find(f"{saml}Assertion") is None
    assert "Erika" not in xml and "demo-erika-mustermann" not in xml
    assert post_response(client, fields["SAMLResponse"]).status_code == 303


def test_unencrypted_assertion_is_refused_when_encryption_is_required(client, configured):
    plain = _forged(configured, start(client), encrypt=False)
    assert ">Erika<" in base64.b64decode(plain).decode()  # signed, valid, but readable
    assert_refused(post_response(client, plain), client, "unencrypted_assertion")
    assert not User.objects.exists() and SamlRequest.objects.get().answered_at is None


def test_unencrypted_assertion_is_accepted_where_the_tenant_allows_it(client, settings,
                                                                      configured):  # fmt: skip
    """Control: ``want_encrypted_assertions = false`` lets a signed plain assertion in."""
    settings.RATHAUS_FEDERATION = {
        "hessen": {"saml": configured.config(want_encrypted_assertions=False)}
    }
    response = post_response(client, _forged(configured, start(client), encrypt=False))
    assert response.status_code == 303


def test_tampered_attribute_is_refused(client, settings, configured):
    settings.RATHAUS_FEDERATION = {
        "hessen": {"saml": configured.config(want_encrypted_assertions=False)}
    }
    xml = base64.b64decode(_forged(configured, start(client), encrypt=False)).decode()
    assert ">Erika<" in xml
    forged = xml.replace(">Erika<", ">Eve<")
    response = post_response(client, base64.b64encode(forged.encode()).decode())
    assert_refused(response, client, "SignatureError: Failed to verify signature")
    assert not User.objects.exists()


def test_assertion_encrypted_to_another_key_is_refused(client, configured, tmp_path):
    _key, other = keys.ensure(tmp_path, "other", "Anderer Dienst")
    response = _forged(configured, start(client), encrypt_cert=other.read_text())
    assert_refused(post_response(client, response), client, "not decryptable")
    assert not User.objects.exists()


def _with_cipher(response: str, change) -> str:
    xml = base64.b64decode(response).decode()
    changed = change(xml)
    assert changed != xml
    return base64.b64encode(changed.encode()).decode()


@pytest.mark.parametrize(
    "change",
    [
        # the assertion's ciphertext (the last CipherValue) cut short
        lambda xml: re.sub(r"(.*<ns0:CipherValue>)([^<]{40})[^<]*", r"\1\2", xml, flags=re.S),
        # not base64 at all
        lambda xml: re.sub(r"(.*<ns0:CipherValue>)[^<]*", r"\1%%%kein base64%%%", xml, flags=re.S),
        # no EncryptedData inside
        lambda xml: re.sub(r"(<ns1:EncryptedAssertion[^>]*>).*(</ns1:EncryptedAssertion>)",
                           r"\1\2", xml, flags=re.S),
        # text instead of XML encryption
        lambda xml: re.sub(r"(<ns1:EncryptedAssertion[^>]*>).*(</ns1:EncryptedAssertion>)",
                           r"\1Unsinn\2", xml, flags=re.S),
    ],
    ids=["short-ciphertext", "not-base64", "empty", "text"],
)  # fmt: skip
def test_malformed_encrypted_assertion_is_a_clear_400(client, configured, change):
    response = _with_cipher(_forged(configured, start(client)), change)
    assert_refused(post_response(client, response), client)
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "posted",
    ["", "kein base64 %%%", base64.b64encode(b"<nicht-xml").decode(),
     base64.b64encode(b"<a>kein SAML</a>").decode(),
     base64.b64encode(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>').decode()],
)  # fmt: skip
def test_malformed_input_is_a_clear_400(client, configured, posted):
    response = client.post(reverse("authentication:saml_acs"), {"SAMLResponse": posted})
    assert_refused(response, client)
    assert "sessionid" not in response.cookies


def test_refusal_page_in_english(client, configured):
    response = client.post("/en" + reverse("authentication:saml_acs"), {"SAMLResponse": "x"})
    assert response.status_code == 400


def test_stale_requests_are_purged(configured, client):
    from rathaus.authentication.saml import purge_stale_requests

    start(client)
    SamlRequest.objects.update(created_at="2020-01-01T00:00:00Z")
    assert purge_stale_requests() == 1
