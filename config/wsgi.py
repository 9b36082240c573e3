"""WSGI entry point: Django for plain HTTP (no WebSockets). Used by the API fuzz tests;
Samråd is served through config/asgi.py."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
