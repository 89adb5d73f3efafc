"""The server's own route table, `"$COHORT_BIN" routes --json`: one entry per route,
{"method", "path", "policy", "body", "csrf"}, the path naming its parameters by kind
({cohort}, {board}, ...). The fuzz aims at every route in it (fuzz_routes.py) and the XSS
crawl starts from its pages (xss_pages.py), so a new route is covered without anyone
adding it to a list here."""

import json
import subprocess
from dataclasses import dataclass

import harness


class RouteTableError(Exception):
    """The table cannot be read, or has something the suite does not know how to aim at."""


@dataclass
class Route:
    method: str
    path: str
    policy: str
    body: str
    csrf: str


def read_table(binary=None):
    """The table as the binary gives it."""
    binary = binary or harness.binary_path()
    done = subprocess.run([binary, "routes", "--json"], cwd=harness.REPO_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RouteTableError(f"`{binary} routes --json` exited {done.returncode}: "
                              f"{' '.join((done.stderr or done.stdout).split())[:200]}")
    text = done.stdout
    try:
        entries = json.loads(text)
        return [Route(e["method"], e["path"], e["policy"], e["body"], e["csrf"]) for e in entries]
    except (ValueError, KeyError, TypeError) as error:
        raise RouteTableError(f"the route table is not a JSON array of routes: {error!r}") from None


def signed_in_pages(table, cohorts):
    """The GET routes for signed-in people that need no id but a cohort's, in table order,
    with {cohort} filled in with each of `cohorts`."""
    pages = []
    for route in table:
        if route.method != "GET" or route.policy == "public":
            continue
        bare = route.path.replace("{cohort}", "")
        if "{" in bare:
            continue
        if "{cohort}" in route.path:
            pages += [route.path.replace("{cohort}", str(cohort)) for cohort in cohorts]
        else:
            pages.append(route.path)
    return list(dict.fromkeys(pages))
