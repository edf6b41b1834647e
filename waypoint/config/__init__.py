"""Project configuration: settings, URLs, the Jinja2 environment, WSGI/ASGI entry points."""
