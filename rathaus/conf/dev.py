"""Development: DEBUG on, a secret key generated once into var/, mail to the console."""

import secrets

from rathaus.conf.base import *  # noqa: F403
from rathaus.conf.base import ENV, RATHAUS_FEDERATION, VAR_DIR
from rathaus.conf.federation import dev_federation

DEBUG = True


def _dev_secret_key() -> str:
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = ENV.secret_key or _dev_secret_key()
ALLOWED_HOSTS = (ENV.allowed_hosts or ["127.0.0.1", "localhost", "[::1]"]) + sorted(
    ENV.tenant_hosts
)
WHITENOISE_USE_FINDERS = True
# Without RATHAUS_FEDERATION_FILE every Land logs in through the development IdPs that
# `make run` starts beside the server (devidp/): demo identities, no real BundID. They are
# reached at RATHAUS_DEVIDP_HOST (`make run` passes its HOST; 127.0.0.1 for 0.0.0.0).
RATHAUS_FEDERATION = RATHAUS_FEDERATION or dev_federation(VAR_DIR, ENV.devidp_host)
