"""Real Django on our PostgreSQL database: reads the session we stored, stores one for us to read, or makes
the django_session table with its own migration.

Usage: /usr/bin/python3 django_postgresql_check.py HOST PORT NAME USER SECRET_KEY read KEY
       /usr/bin/python3 django_postgresql_check.py HOST PORT NAME USER SECRET_KEY create NUM_VISITS
       /usr/bin/python3 django_postgresql_check.py HOST PORT NAME USER SECRET_KEY migrate -
Prints the session as JSON (read), or the new session key (create).
"""
import json
import sys

import django
from django.conf import settings

host, port, name, user, secret_key, action, argument = sys.argv[1:8]
settings.configure(
    SECRET_KEY=secret_key,
    USE_TZ=True,
    INSTALLED_APPS=["django.contrib.sessions"],
    DATABASES={"default": {"ENGINE": "django.db.backends.postgresql", "NAME": name, "USER": user,
                           "HOST": host, "PORT": port}},
)
django.setup()

from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402

if action == "read":
    store = SessionStore(session_key=argument)
    print(json.dumps(dict(store.items()), sort_keys=True))
elif action == "create":
    store = SessionStore()
    store["num_visits"] = int(argument)
    store.create()
    print(store.session_key)
elif action == "migrate":
    call_command("migrate", "sessions", verbosity=0)
