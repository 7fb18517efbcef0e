"""bench.settings, with every sent mail kept as a file in BENCH_MAIL_DIR (bench/mailbox.py)."""

from bench.settings import *  # noqa: F403

MAILERS = {"default": {"BACKEND": "bench.mailbox.EmailBackend"}}
