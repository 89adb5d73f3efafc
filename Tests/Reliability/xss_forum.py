"""The XSS run's forum: cohorts, boards, threads and posts, hides and flags, and search."""

import collections
import datetime
import re
import urllib.parse

import payloads as corpus
from xss_base import HIDE_TARGETS


class ForumSteps:
    def cohorts(self):
        start = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
        self.cohort_of = {}
        for number in self.numbers():
            name = self.text("co", number)
            response = self.request("co", number, self.admin, "POST", "/admin/cohorts",
                                    {"name": name, "startsOn": start, "time": "17:00", "timeZone": "Europe/Berlin"})
            if response is not None and response.status_code == 303:
                self.cohort_of[number] = int(re.search(r"/cohorts/(\d+)", response.headers["Location"]).group(1))
            else:
                self.check_response(f"new cohort form again [co #{number}]", response,
                                    [] if self.huge(number) else [("co", number, name)])

    def boards(self):
        self.board_of = {}
        for number in self.numbers():
            title = self.text("bd", number)
            response = self.request("bd", number, self.facilitator, "POST", f"/cohorts/{self.spring}/boards",
                                    {"title": title})
            if response is not None and response.status_code == 303:
                self.flash_page(self.facilitator, [("bd", number, title.strip())], f"board added [bd #{number}]")
            else:
                self.check_response(f"board refused [bd #{number}]", response)
        page = self.admin.session.get(f"/cohorts/{self.spring}/boards").text
        for board, title in re.findall(r'<a href="/boards/(\d+)"><strong>(.*?)</strong>', page, re.S):
            found = corpus.MARKER_RE.search(title)
            if found and found.group(1) == "bd":
                self.board_of[int(found.group(2))] = int(board)

    def threads(self):
        """A thread per title group (in the board of its first payload); the posts'
        payloads are replies, one each, spread over those threads."""
        self.topic_of_title = {}
        self.post_of = {}  # po number -> (post id, topic id, author)
        self.topics = []
        for group in self.title_groups:
            title = " | ".join(self.text("tt", n) for n in group)
            board = self.board_of.get(group[0], self.fallback_board)
            body = f"Opening post, titled with {', '.join(corpus.marker('tt', n) for n in group)}"
            actor, response = self.write("topics", f"/boards/{board}/threads",
                                         {"title": title, "body": body, "kind": "discussion"},
                                         None, None, f"new thread [tt #{','.join(map(str, group))}]")
            for n in group:
                self.tally("tt", n, response)
            if response is not None and response.status_code == 303:
                topic = int(re.search(r"/threads/(\d+)", response.headers["Location"]).group(1))
                self.topics.append(topic)
                for n in group:
                    self.topic_of_title[n] = topic
            else:
                self.check_response(f"new thread form again [tt #{','.join(map(str, group))}]", response,
                                    [] if self.huge(group[0]) else [("tt", n, self.text("tt", n)) for n in group])
        if not self.topics:
            raise SystemExit("no thread could be started")
        for index, number in enumerate(self.numbers()):
            topic = self.topics[index % len(self.topics)]
            body = self.text("po", number)
            actor, response = self.write("posts", f"/threads/{topic}/posts", {"body": body, "parentId": ""},
                                         "po", number, f"reply [po #{number}]")
            if response is not None and response.status_code == 303:
                post = int(re.search(r"#post-(\d+)", response.headers["Location"]).group(1))
                self.post_of[number] = (post, topic, actor)
            else:
                self.check_response(f"reply form again [po #{number}]", response,
                                    [] if self.huge(number) else [("po", number, body)])
        # Each post edited by its author: the edit form, and the history's earlier version.
        self.edited = set()
        for number, (post, topic, author) in sorted(self.post_of.items()):
            response = self.request(None, None, author, "POST", f"/posts/{post}/edit",
                                    {"body": self.text("po", number) + "\n\n(edited)"}, label=f"edit [po #{number}]")
            if response is not None and response.status_code == 303:
                self.edited.add(number)
            else:
                self.check_response(f"edit form again [po #{number}]", response)
                self.altered.append(f"po #{number}: its author could not edit it (HTTP {getattr(response, 'status_code', None)})")

    def hides_and_flags(self):
        # Hide reasons: the same posts hidden again and again, the thread checked each round.
        actor, response = self.write("topics", f"/boards/{self.fallback_board}/threads",
                                     {"title": "Posts to hide", "body": "Replies below get hidden.", "kind": "discussion"},
                                     None, None, "thread of posts to hide")
        topic = int(re.search(r"/threads/(\d+)", response.headers["Location"]).group(1))
        targets = []
        for k in range(HIDE_TARGETS):
            _, reply = self.write("posts", f"/threads/{topic}/posts", {"body": f"Reply {k} to hide", "parentId": ""},
                                  None, None, "reply to hide")
            targets.append(int(re.search(r"#post-(\d+)", reply.headers["Location"]).group(1)))
        self.hide_topic = topic
        numbers = self.numbers()
        self.final_hides = []
        for start in range(0, len(numbers), HIDE_TARGETS):
            batch = numbers[start:start + HIDE_TARGETS]
            shown = []
            for post, number in zip(targets, batch):
                reason = self.text("hd", number)
                hide = self.request("hd", number, self.facilitator, "POST", f"/posts/{post}/hide", {"reason": reason})
                if hide is not None and hide.status_code == 303:
                    shown.append(("hd", number, reason))
                else:
                    self.check_response(f"hide refused [hd #{number}]", hide)
            self.get(self.admin, f"/threads/{topic}", shown, label=f"GET /threads/{topic} (hide round {start // HIDE_TARGETS + 1})",
                     again=False)
            self.final_hides = shown
        # Flag reasons: each payload flags another post (one flag per person and post).
        posts = [self.post_of[n] for n in sorted(self.post_of)]
        flagged = collections.defaultdict(set)
        self.flags_shown = []
        for index, number in enumerate(numbers):
            post, topic, author = self.post_of.get(number) or posts[index % len(posts)]
            reporter = next(a for a in self.posters() if a is not author and a is not self.facilitator
                            and a is not self.admin and a.email not in flagged[post])
            flagged[post].add(reporter.email)
            reason = self.text("fl", number)
            response = self.request("fl", number, reporter, "POST", f"/posts/{post}/flag", {"reason": reason})
            if response is not None and response.status_code == 303:
                self.flags_shown.append(("fl", number, reason))
            else:
                self.check_response(f"flag refused [fl #{number}]", response)

    def search(self):
        list(self.pool.map(self.search_one, self.numbers()))

    def search_one(self, number):
        admin = self.reader(self.admin)
        text = self.text("sq", number)
        # The words as typed, shown again in the box; they are also the words of post #number,
        # so its snippet comes back, with the matches marked.
        words = text.replace(corpus.marker("sq", number), corpus.marker("po", number))
        response = self.request("sq", number, admin, "GET", "/search", {"q": words},
                                label=f"GET /search?q= [sq #{number}]")
        if response is not None and response.status_code == 200:
            self.check_html(f"search [sq #{number}]", response.text, [("sq", number, words[:150])], self.admin,
                            "/search?" + urllib.parse.urlencode({"q": words}))
            if corpus.marker("po", number) not in response.text.split('id="q"', 1)[-1].split("</form>", 1)[-1] \
                    and number in self.post_of:
                self.get(self.admin, "/search?q=" + corpus.marker("po", number))
        else:
            self.check_response(f"search [sq #{number}]", response)
        response = self.request("sq", number, admin, "GET", "/search", {"author": text},
                                label=f"GET /search?author= [sq #{number}]")
        if response is not None and response.status_code == 200:
            self.check_html(f"search by author [sq #{number}]", response.text, [("sq", number, text[:100])],
                            self.admin, "/search?" + urllib.parse.urlencode({"author": text}))
        else:
            self.check_response(f"search by author [sq #{number}]", response)
