"""The routes the fuzz aims at, from the product's own table (`cohort routes --json`), so a
route added to the server is fuzzed without anyone adding it here.

Each entry is {"method", "path", "policy", "body", "csrf"}; the path names its parameters by
kind ({cohort}, {board}, ...). A parameter kind, policy or body this file does not know
fails the run with a message saying which, as does a route that is neither fuzzed nor
listed in NOT_FUZZED with a reason.

The table is read by route_table.py."""

import re

from route_table import RouteTableError, read_table

# Parameter kind in a route's path -> the list of real values in Site.ids it is filled from.
PARAMETERS = {
    "cohort": "cohort", "board": "board", "thread": "thread", "post": "post", "artifact": "artifact",
    "feedback": "feedback", "flag": "flag", "feedbackFlag": "flag", "version": "version", "position": "position",
    "submission": "submission", "code": "code", "person": "person", "message": "message",
    "invitation": "invitation", "token": "token", "topics": "topics",
    "my_artifact": "my_artifact",   # not in the table: FORM_FIELDS below aims a few routes at our own artifact
}

# Who the generators send a route's requests as (Generator.identity_for), per policy.
NEED = {"public": "out", "signedIn": "in", "member": "in", "facilitator": "facilitator", "cohortAdmin": "admin",
        "moderator": "facilitator", "evaluator": "evaluator", "admin": "admin"}
# Uploads go out as one identity of the policy's kind.
UPLOADER = {"public": "visitor", "signedIn": "educator", "member": "educator", "facilitator": "facilitator",
            "cohortAdmin": "admin", "moderator": "facilitator", "evaluator": "evaluator", "admin": "admin"}
METHODS = {"GET", "HEAD", "POST"}
BODIES = {"none", "form", "multipart"}
CSRF = {"none", "token", "ownSecret"}

# The fields each form sends, per path pattern. A form route not listed here is fuzzed with
# GENERIC_FIELDS. "{artifact}" -> "{my_artifact}": only the owner may ask for feedback on
# or revise an artifact, so those go to the one the fuzz shared itself.
FORM_FIELDS = {
    "/login": ["email", "password", "next"],
    "/setup": ["name", "email", "password", "passwordConfirmation", "token"],
    "/invitations/{token}": ["name", "password", "passwordConfirmation"],
    "/account/name": ["name"],
    "/account/password": ["currentPassword", "newPassword", "passwordConfirmation"],
    "/account/time-zone": ["timeZone"],
    "/account/feed-token": [],
    "/account/mail": ["reply", "newThread", "meetings"],
    "/account/email": ["newEmail", "currentPassword"],
    "/password-reset": ["email"],
    "/password-reset/{token}": ["password", "passwordConfirmation"],
    "/account/email/{token}": [],
    "/mail/unsubscribe/{token}/{topics}": [],
    "/admin/invitations": ["email", "role"],
    "/admin/invitations/{invitation}/revoke": [],
    "/admin/boards": ["title"],
    "/admin/cohorts": ["name", "startsOn", "time", "timeZone"],
    "/cohorts/{cohort}/schedule/sessions/{position}": ["day", "time", "timeZone", "link"],
    "/cohorts/{cohort}/schedule/training-end": ["day"],
    "/cohorts/{cohort}/members": ["email", "name", "role"],
    "/cohorts/{cohort}/progress": ["attended[]", "coursework[]"],
    "/cohorts/{cohort}/boards": ["title"],
    "/boards/{board}/rename": ["title"],
    "/boards/{board}/archive": ["archived"],
    "/boards/{board}/watch": ["watching"],
    "/boards/{board}/threads": ["title", "body", "kind"],
    "/threads/{thread}/posts": ["body", "parentId"],
    "/threads/{thread}/accept": ["postId"],
    "/threads/{thread}/pin": ["on"],
    "/threads/{thread}/lock": ["on"],
    "/threads/{thread}/move": ["boardId"],
    "/threads/{thread}/watch": ["watching"],
    "/posts/{post}/edit": ["body"],
    "/posts/{post}/delete": [],
    "/posts/{post}/helpful": [],
    "/posts/{post}/flag": ["reason"],
    "/posts/{post}/hide": ["reason"],
    "/notifications/read": [],
    "/flags/{flag}/dismiss": [],
    "/artifacts/{artifact}/feedback": ["body", "version", "indicatorId", "parentId"],
    "/artifacts/{artifact}/requests": ["peer[]", "mode"],
    "/feedback/{feedback}/addressed": ["addressed"],
    "/feedback/{feedback}/hide": ["reason"],
    "/feedback/{feedback}/flag": ["reason"],
    "/feedback-flags/{feedbackFlag}/dismiss": [],
    "/cohorts/{cohort}/portfolio": ["reflection", "criterion-1-artifact", "criterion-1-context"],
    "/cohorts/{cohort}/portfolio/submit": [],
    "/reviews/claim": [],
    "/reviews/{submission}": ["mark-1", "mark-1-comment", "overall", "decision"],
    "/admin/reviews/{submission}/release": [],
    "/admin/reviews/{submission}/reassign": ["evaluatorId"],
    "/admin/extensions": ["email", "cohortId", "day", "reason"],
    "/admin/certificates/revoke": ["code", "reason"],
}
GENERIC_FIELDS = ["body", "name", "title", "reason", "email", "role", "day", "note"]
OWN_ARTIFACT = {"/artifacts/{artifact}/requests", "/artifacts/{artifact}/versions"}
# The forms that sign in or create an account: left out of the body-size, truncation and
# chunked cases, which aim at signed-in handlers.
SIGN_IN_FORMS = ["/login", "/setup", "/invitations/{token}"]

# Routes in the table the generators do not aim at, and why.
NOT_FUZZED = {
    ("POST", "/logout"): "signing out would end the session every other request uses; the protocol category "
                         "sends it only with bad or missing tokens",
}

PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Routes:
    """The table sorted the way the generators use it: GET routes (need), form routes (need,
    fields) and uploads (identity)."""

    def __init__(self, table):
        self.table = table
        self.get, self.post, self.multipart = [], [], []
        problems = []
        aimed, reported = set(), set()
        get_paths = {r.path for r in table if r.method == "GET"}
        for route in table:
            key = (route.method, route.path)
            unknown = [name for name in PLACEHOLDER.findall(route.path) if name not in PARAMETERS]
            if unknown:
                problems.append(f"{route.method} {route.path}: unknown path parameter "
                                f"{', '.join('{' + u + '}' for u in unknown)} (add it to fuzz_routes.PARAMETERS "
                                f"and give Site real values for it)")
                reported.add(key)
                continue
            if route.method not in METHODS or route.body not in BODIES or route.csrf not in CSRF \
                    or route.policy not in NEED:
                problems.append(f"{route.method} {route.path}: unknown method, policy, body or csrf "
                                f"({route.policy}, {route.body}, {route.csrf})")
                reported.add(key)
                continue
            if key in NOT_FUZZED:
                continue
            template = route.path
            if template in OWN_ARTIFACT:
                template = template.replace("{artifact}", "{my_artifact}")
            if route.method == "HEAD" and route.path in get_paths:
                aimed.add(key)   # GET routes are sent as HEAD too
            elif route.method in ("GET", "HEAD"):
                self.get.append((template, NEED[route.policy]))
                aimed.add(key)
            elif route.body == "multipart":
                self.multipart.append((template, UPLOADER[route.policy]))
                aimed.add(key)
            elif route.body == "form":
                self.post.append((template, NEED[route.policy], FORM_FIELDS.get(route.path, GENERIC_FIELDS)))
                aimed.add(key)
        for route in table:
            key = (route.method, route.path)
            if key not in aimed | reported and key not in NOT_FUZZED:
                problems.append(f"{route.method} {route.path}: neither fuzzed nor listed in fuzz_routes.NOT_FUZZED")
        stale = sorted(set(NOT_FUZZED) - {(r.method, r.path) for r in table})
        problems += [f"{method} {path}: in fuzz_routes.NOT_FUZZED but not in the route table" for method, path in stale]
        if problems:
            raise RouteTableError("; ".join(problems))
        if not (self.get and self.post and self.multipart):
            raise RouteTableError(f"the route table has {len(self.get)} GET, {len(self.post)} form and "
                                  f"{len(self.multipart)} upload routes to fuzz; every kind is needed")
        # The form routes past the sign-in forms, and the uploads any member may make.
        self.post_not_sign_in = [r for r in self.post if r[0] not in SIGN_IN_FORMS]
        self.uploads = [r for r in self.multipart if r[1] == "educator"]
        self.not_fuzzed = [(f"{method} {path}", why) for (method, path), why in NOT_FUZZED.items()]

    def describe(self):
        return (f"{len(self.table)} routes from the route table: {len(self.get)} GET, {len(self.post)} forms, "
                f"{len(self.multipart)} uploads fuzzed; not fuzzed: "
                + "; ".join(f"{route} ({why})" for route, why in self.not_fuzzed))


def load(binary=None):
    return Routes(read_table(binary))
