"""The WSGI entry point: `flask` (and gunicorn app:app) find the app here."""

from lectern import create_app

app = create_app()
