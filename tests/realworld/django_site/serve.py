"""Start the corpus's Django admin: migrate a fresh SQLite DB, seed users and groups, serve on a free 127.0.0.1 port.

    python serve.py DB_PATH

Prints `listening on http://127.0.0.1:PORT` on stdout once the socket listens (the port is the kernel's choice, so
there is no race for a free port), then serves until it is stopped (SIGTERM/SIGINT). The server is Django's own
threaded development server class (what `manage.py runserver` uses) with the static files handler, without the
autoreloader; bound to loopback only.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corpus_site.settings")

# Who is in the admin when a session starts. The flows rely on these (tests/realworld/flows/django/README.md).
ADMIN = ("admin", "Admin-pass-2026")
USERS = [
    # username, first, last, email, staff, superuser, password
    ("admin", "Ada", "Admin", "admin@example.com", True, True, ADMIN[1]),
    ("carol", "Carol", "Clark", "carol@example.com", True, True, "Carol-pass-2026"),
    ("alice", "Alice", "Adams", "alice@example.com", False, False, None),
    ("bob", "Bob", "Brown", "bob@example.com", False, False, None),
    ("dave", "Dave", "Davis", "dave@example.com", True, False, None),
    ("erin", "Erin", "Evans", "erin@example.com", False, False, None),
]
GROUPS = ["Editors", "Reviewers"]


def seed() -> None:
    from django.contrib.auth.models import Group, User

    for name in GROUPS:
        Group.objects.create(name=name)
    for username, first, last, email, staff, superuser, password in USERS:
        user = User(username=username, first_name=first, last_name=last, email=email,
                    is_staff=staff, is_superuser=superuser)
        user.set_password(password) if password else user.set_unusable_password()
        user.save()
    User.objects.get(username="dave").groups.add(Group.objects.get(name="Editors"))


def main() -> None:
    os.environ["CORPUS_DJANGO_DB"] = sys.argv[1]
    started = time.perf_counter()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    seed()

    import logging

    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    logging.getLogger("django.server").setLevel(logging.ERROR)  # no line per request
    server = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler, allow_reuse_address=False)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    print(f"listening on http://127.0.0.1:{server.server_address[1]} "
          f"(ready in {time.perf_counter() - started:.2f} s)", flush=True)
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
