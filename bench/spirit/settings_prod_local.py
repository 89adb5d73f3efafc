# Spirit's production settings for the side-by-side benchmark (DEBUG off), on SQLite.
# bench/peer-spirit copies this to mysite/mysite/settings/prod_local.py.
import os

from .prod import *  # noqa

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECRET_KEY = "bench-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"

# Spirit's default database: an SQLite file in the project folder.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.path.join(BASE_DIR, "db.sqlite3"),
    }
}
# CACHES: base.py's default (DatabaseCache), hence `manage.py createcachetable`.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
ADMINS = ()
ST_SITE_URL = os.environ.get("SPIRIT_SITE_URL", "http://127.0.0.1:8001/")
