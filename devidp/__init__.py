"""Development and test identity providers: a SAML 2.0 IdP (pysaml2's own IdP code) and an
OpenID Connect provider (Authlib), each a small WSGI server of its own with demo
identities. Never part of a production installation: ``make run`` starts them beside the
development server, the tests start them in a second process on 127.0.0.1. Keys are made
at start (``keys.ensure``) under a git-ignored folder; nothing secret is committed."""
