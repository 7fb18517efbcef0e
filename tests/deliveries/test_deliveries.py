"""Delivery of submissions to specialist systems.

Requirement: a real HTTP receiver on 127.0.0.1 that fails the first attempts and then
accepts gets the submission (webhook, HMAC-signed) after retries, every attempt recorded;
the FIT-Connect style envelope decrypts with the destination's private key to the
original data and files; a target that stays down leaves the submission intact and the
delivery failed, visible and retryable; the e-mail plugin mails the data as JSON.
"""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.test import Client
from joserfc import jwe
from joserfc.jwk import RSAKey

from rathaus.catalog.models import Offer
from rathaus.deliveries import services
from rathaus.deliveries.models import Delivery, DeliveryRoute
from rathaus.deliveries.plugins import JWE_REGISTRY
from rathaus.submissions.models import Submission
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP server on 127.0.0.1 that answers 503 to the first ``failures`` requests."""

    def __init__(self, failures: int = 0):
        self.failures, self.bodies, self.headers = failures, [], []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                owner.bodies.append(body)
                owner.headers.append(dict(self.headers))
                code = 503 if len(owner.bodies) <= owner.failures else 200
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/eingang"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver(failures=2)
    yield server
    server.close()


def route(catalogue, plugin, config):
    offer = Offer.objects.get(authority=catalogue)
    return DeliveryRoute.objects.create(offer=offer, plugin=plugin, config=config)


def apply(citizen, capture) -> Submission:
    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    with capture(execute=True):
        reference = submit_for(client)
    return Submission.objects.get(reference=reference)


def test_webhook_retries_until_the_receiver_accepts(
    catalogue, citizen, receiver, django_capture_on_commit_callbacks
):
    route(catalogue, "webhook", {"url": receiver.url, "secret": "geheim"})
    submission = apply(citizen, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(submission=submission)
    assert delivery.status == "delivered" and delivery.attempts == 3
    assert [a.ok for a in delivery.attempt_log.all()] == [False, False, True]
    body, headers = receiver.bodies[-1], receiver.headers[-1]
    expected = "sha256=" + hmac.new(b"geheim", body, hashlib.sha256).hexdigest()
    assert headers["X-Rathaus-Signature"] == expected
    assert json.loads(body)["metadata"]["reference"] == submission.reference


def test_fitconnect_envelope_decrypts_to_the_original(
    catalogue, citizen, django_capture_on_commit_callbacks
):
    server = Receiver()
    key = RSAKey.generate_key(2048)
    route(catalogue, "fitconnect", {"url": server.url, "public_key": key.as_dict(private=False)})
    try:
        submission = apply(citizen, django_capture_on_commit_callbacks)
    finally:
        server.close()
    envelope = json.loads(server.bodies[0])
    data = jwe.decrypt_compact(envelope["data"], key, registry=JWE_REGISTRY)
    metadata = jwe.decrypt_compact(envelope["metadata"], key, registry=JWE_REGISTRY)
    assert json.loads(data.plaintext)["answers"] == submission.answers
    assert json.loads(metadata.plaintext)["reference"] == submission.reference
    assert data.protected == {"alg": "RSA-OAEP-256", "enc": "A256GCM"}


def test_a_target_that_stays_down_fails_visibly_and_can_be_retried(
    catalogue, citizen, django_capture_on_commit_callbacks
):
    closed = Receiver()
    url = closed.url
    closed.close()
    route(catalogue, "webhook", {"url": url, "secret": "s"})
    submission = apply(citizen, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(submission=submission)
    assert delivery.status == "failed" and delivery.attempts == len(services.BACKOFF_MINUTES) + 1
    assert "not reachable" in delivery.last_error
    assert Submission.objects.filter(pk=submission.pk).exists()
    again = Receiver()
    DeliveryRoute.objects.update(config={"url": again.url, "secret": "s"})
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.retry(delivery, None)
    finally:
        again.close()
    delivery.refresh_from_db()
    assert delivery.status == "delivered"


def test_email_plugin_sends_the_data_as_json(
    catalogue, citizen, django_capture_on_commit_callbacks
):
    route(catalogue, "email", {"address": "fachverfahren@example.org"})
    submission = apply(citizen, django_capture_on_commit_callbacks)
    sent = [m for m in mail.outbox if m.to == ["fachverfahren@example.org"]]
    assert len(sent) == 1 and sent[0].subject == f"Antrag {submission.reference}"
    name, content, _type = sent[0].attachments[0]
    assert name == "antrag.json" and json.loads(content)["data"]["answers"]["anzahl"] == "2"


def test_admin_pages_for_routes_and_deliveries(
    catalogue, citizen, django_capture_on_commit_callbacks
):
    from rathaus.accounts.models import User
    from rathaus.authentication.testing import login_with_second_factor

    route(catalogue, "email", {"address": "fv@example.org"})
    apply(citizen, django_capture_on_commit_callbacks)
    admin = Client()
    login_with_second_factor(admin, User.objects.create_superuser("root@example.org", PASSWORD))
    for url in ("/admin/deliveries/delivery/", "/admin/deliveries/deliveryroute/"):
        assert admin.get(url).status_code == 200
    delivery = Delivery.objects.get()
    assert admin.get(f"/admin/deliveries/delivery/{delivery.pk}/change/").status_code == 200
