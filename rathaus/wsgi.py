"""WSGI entry point (gunicorn rathaus.wsgi). Production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rathaus.conf.production")
application = get_wsgi_application()
