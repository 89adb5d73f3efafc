# Populates Spirit for the benchmark: users (poster / benchpass123 signs in for the
# measurements), a category, one topic with 100 comments of about 400 characters of
# prose, and 100 comments a page. bench/peer-spirit runs it once, as
# `manage.py shell < populate.py` with DJANGO_SETTINGS_MODULE=mysite.settings.prod_local.
import random
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from spirit.category.models import Category
from spirit.topic.models import Topic
from spirit.comment.models import Comment
from spirit.core.utils.markdown import Markdown
from spirit.admin.forms import BasicConfigForm
from djconfig import config

User = get_user_model()
random.seed(42)
WORDS = ("the forum thread reply community post discussion people idea think really "
         "should would could about because server performance page memory render "
         "request latency database query cache template user moderator topic answer "
         "question example problem solution agree point good better simple easy hard "
         "time work build test measure number fast slow result").split()

def prose(n=400):
    out, sentence = [], []
    while len(" ".join(out)) < n:
        w = random.choice(WORDS)
        if not sentence:
            w = w.capitalize()
        sentence.append(w)
        if len(sentence) >= random.randint(8, 16):
            out.append(" ".join(sentence) + ".")
            sentence = []
    return " ".join(out)[:n].rstrip() + "."

admin, _ = User.objects.get_or_create(username="admin", defaults={"email": "admin@example.com", "is_staff": True, "is_superuser": True})
admin.set_password("adminpass123"); admin.save()
authors = []
for i in range(10):
    u, _ = User.objects.get_or_create(username=f"user{i}", defaults={"email": f"user{i}@example.com"})
    u.set_password("benchpass123"); u.save()
    u.st.is_verified = True; u.st.save()
    authors.append(u)
poster, _ = User.objects.get_or_create(username="poster", defaults={"email": "poster@example.com"})
poster.set_password("benchpass123"); poster.save()
poster.st.is_verified = True; poster.st.save()

cat, _ = Category.objects.get_or_create(title="General", defaults={"description": "General discussion", "slug": "general"})
topic = Topic.objects.create(user=authors[0], category=cat, title="Benchmark thread with one hundred posts", slug="benchmark-thread-with-one-hundred-posts")
md = Markdown()
start = timezone.now() - timedelta(days=3)
for i in range(100):
    text = prose(400)
    Comment.objects.create(user=authors[i % 10], topic=topic, comment=text,
                           comment_html=md.render(text), date=start + timedelta(minutes=i))
Topic.objects.filter(pk=topic.pk).update(comment_count=100, last_active=start + timedelta(minutes=99))

# comments per page -> 100 (max allowed by Spirit's admin form)
init = {k: f.initial for k, f in BasicConfigForm.base_fields.items()}
init["comments_per_page"] = 100
form = BasicConfigForm(data=init)
assert form.is_valid(), form.errors
form.save()
print("topic url:", topic.get_absolute_url(), "comments:", Comment.objects.filter(topic=topic).count())
