"""Production settings for the benchmark: plain HTTP on loopback, one extra bare view."""

from rathaus.conf.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False}
