# The write benchmark's variant: its own copy of the database and search index, and
# Spirit's rate limit off (it allows one comment per 10 s per user by default).
# bench/peer-spirit copies this to mysite/mysite/settings/prod_local_post.py.
from .prod_local import *  # noqa

DATABASES["default"]["NAME"] = os.path.join(BASE_DIR, "db_post.sqlite3")
HAYSTACK_CONNECTIONS["default"]["PATH"] = os.path.join(BASE_DIR, "st_search_post")
ST_RATELIMIT_ENABLE = False
