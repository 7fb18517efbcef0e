"""Tests: fixed key, immediate tasks, in-memory mail, a cheaper (still Argon2) hasher."""

from rathaus.conf.base import *  # noqa: F403
from rathaus.conf.base import ENV

DEBUG = False
SECRET_KEY = "test-only-" + "x" * 50
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", *sorted(ENV.tenant_hosts)]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PASSWORD_HASHERS = ["rathaus.conf.hashers.FastArgon2PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = ENV.media_root / "test"
# Files as they are, without collectstatic's manifest (tests/core/test_static_files.py
# checks the production storage on its own files).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
RATHAUS_SITE_URL = "http://testserver"  # the test client's host
RATHAUS_FEDERATION = {}  # tests configure their own identity providers
# A test's transaction never commits, so the page cache would never hear of a change:
# off, except in the tests of the cache itself (tests/core/test_pagecache.py).
RATHAUS_PAGE_CACHE = False
