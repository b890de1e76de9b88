"""Real Django on our database file: reads the session we stored, or stores one for us to read.

Usage: /usr/bin/python3 django_database_check.py DATABASE SECRET_KEY read KEY
       /usr/bin/python3 django_database_check.py DATABASE SECRET_KEY create NUM_VISITS
Prints the session as JSON (read), or the new session key (create).
"""
import json
import sys

import django
from django.conf import settings

database, secret_key, action, argument = sys.argv[1:5]
settings.configure(
    SECRET_KEY=secret_key,
    USE_TZ=True,
    INSTALLED_APPS=["django.contrib.sessions"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": database}},
)
django.setup()

from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

if action == "read":
    store = SessionStore(session_key=argument)
    print(json.dumps(dict(store.items()), sort_keys=True))
elif action == "create":
    store = SessionStore()
    store["num_visits"] = int(argument)
    store.create()
    print(store.session_key)
