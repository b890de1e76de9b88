"""Helper for RealDjangoReadsOurSessions: lets the Java tests talk to real Django.

Run with Debian's /usr/bin/python3 (python3-django, Django 3.2). Every argument and every
printed line is pure ASCII, so no character-set surprises between Java and Python.

  decode SECRET SALT VALUE [MAX_AGE]
      Reads VALUE with django.core.signing.loads(..., serializer=JSONSerializer) and prints
      the dict as Python's compact JSON. With the sessions' salt it also checks that
      SessionStore().decode(VALUE) gives the same dict (that one hides errors as {}).
      A bad value makes the script fail with exit code 1 and the error on stderr.

  encode SECRET TIMESTAMP JSON
      Prints SessionStore().encode(json.loads(JSON)) with the clock fixed at TIMESTAMP
      (the session_data Django would store in its django_session table).
"""
import json
import sys
from unittest import mock

import django
from django.conf import settings

command, secret = sys.argv[1], sys.argv[2]
settings.configure(SECRET_KEY=secret, INSTALLED_APPS=["django.contrib.sessions"])
django.setup()

from django.contrib.sessions.backends.db import SessionStore  # noqa: E402 (needs setup first)
from django.core import signing  # noqa: E402

if command == "decode":
    salt, value = sys.argv[3], sys.argv[4]
    max_age = int(sys.argv[5]) if len(sys.argv) > 5 else None
    data = signing.loads(value, salt=salt, serializer=signing.JSONSerializer, max_age=max_age)
    if salt == SessionStore().key_salt and SessionStore().decode(value) != data:
        sys.exit("SessionStore().decode disagrees with signing.loads")
    print(json.dumps(data, separators=(",", ":")))
elif command == "encode":
    timestamp, data = int(sys.argv[3]), json.loads(sys.argv[4])
    with mock.patch("time.time", return_value=timestamp):
        print(SessionStore().encode(data))
else:
    sys.exit("unknown command " + command)
