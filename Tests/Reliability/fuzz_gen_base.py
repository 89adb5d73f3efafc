"""The generators' shared helpers: route placeholders filled with real (or bad) ids, who
sends a request, CSRF tokens right and wrong, and weird form values, keys and bodies."""

import os
from urllib.parse import quote_plus

from fuzz_cases import BAD_IDS, TOKEN_CHOICES, WEIRD_VALUES
from fuzz_routes import PARAMETERS, PLACEHOLDER


class GeneratorBase:
    def __init__(self, site, rng, routes):
        self.site = site
        self.rng = rng
        self.routes = routes   # fuzz_routes.Routes: what to aim at

    # ---- helpers

    def pick(self, seq):
        return self.rng.choice(seq)

    def fill(self, template, bad_ids=False):
        def replace(match):
            key = match.group(1)
            if bad_ids and self.rng.random() < 0.7:
                return self.pick(BAD_IDS)
            return self.pick(self.site.ids[PARAMETERS[key]])   # Routes() refused any other kind
        return PLACEHOLDER.sub(replace, template)

    def identity_for(self, need, signed_in_bias=0.85):
        who = self.site.who
        if need == "out":
            return who["visitor"] if self.rng.random() < 0.8 else who["anonymous"]
        if self.rng.random() > signed_in_bias:
            return self.pick([who["visitor"], who["anonymous"]])
        if need in ("admin", "facilitator", "evaluator"):
            return who[need] if self.rng.random() < 0.8 else who[self.pick(["educator", "admin", "facilitator"])]
        # Finer rules (whose post, which submission) are the model's: any signed-in person may try.
        return who[self.pick(["educator", "educator", "educator2", "facilitator", "evaluator", "admin"])]

    def cookie_headers(self, identity):
        return [(b"Cookie", identity.cookie)] if identity.cookie else []

    def token(self, identity, choice=None):
        choice = choice or self.pick(TOKEN_CHOICES)
        if choice == "valid":
            return identity.csrf
        if choice == "missing":
            return None
        if choice == "wrong":
            return b"A" * 43
        if choice == "other-session":
            return self.site.who["educator2" if identity.name != "educator2" else "educator"].csrf
        if choice == "empty":
            return b""
        if choice == "huge":
            return b"B" * self.pick([1000, 50_000])
        return identity.csrf  # "array" is handled by the caller

    def weird_value(self, huge=True):
        roll = self.rng.random()
        if roll < 0.015 and huge:
            return b"a" * self.pick([10_000, 10_000, 60_000, 300_000])
        if roll < 0.5:
            return self.pick(WEIRD_VALUES)
        if roll < 0.75:
            return quote_plus(self.pick(["A thoughtful reply about lesson planning.", "Plan B", "x", "Europe/Paris",
                                         "amara.diallo@example.org", "2025-09-01", "09:30", "https://example.org/meet"
                                         ])).encode()
        return b"".join(self.pick([b"%", b"%2", b"%G1", b"%e9", b"%C3", b"\xe9", b"a", b"+", b"&", b"%26", b"%3D", b"="])
                        for _ in range(self.rng.randint(1, 12)))

    def weird_key(self, key):
        key = key.encode()
        return self.pick([key, key, key, key + b"[]", key + b"[0]", key + b"[a]", key + b"[a][b]", key + b"[",
                          key + b"]", b"[" + key + b"]", key + b"[]" * self.pick([50, 5000]),
                          key + b"[a]" * self.pick([50, 5000]), key + b"%ZZ", key + b"\xff", b"", key.upper()])

    def form_body(self, fields, token, mutate=True, token_as_array=False):
        pairs = []
        if token is not None:
            pairs.append((b"_csrf[]" if token_as_array else b"_csrf", token))
        for field in fields:
            if mutate and self.rng.random() < 0.25:
                continue                                  # missing field
            key = self.weird_key(field) if mutate and self.rng.random() < 0.3 else field.encode()
            value = self.weird_value() if mutate else quote_plus("value").encode()
            pairs.append((key, value))
            if mutate and self.rng.random() < 0.15:       # duplicate field
                pairs.append((key, self.weird_value()))
        if mutate and self.rng.random() < 0.3:
            for _ in range(self.pick([1, 3, 50, 3000])):
                pairs.append((self.pick([b"junk", b"x", b"a[b]", b"a[]", b"_csrf", b"__proto__", b"=", b""]),
                              self.weird_value(huge=False) if self.rng.random() < 0.2 else b"1"))
        if mutate and self.rng.random() < 0.3:
            self.rng.shuffle(pairs)
        separator = self.pick([b"&"] * 8 + [b"&&", b";", b"&amp;"]) if mutate else b"&"
        parts = []
        for key, value in pairs:
            shape = self.rng.random() if mutate else 0
            parts.append(key if shape > 0.97 else key + b"=" + value)
        body = separator.join(parts)
        if mutate and self.rng.random() < 0.05:
            body = self.pick([b"", b"&", b"=", b"&&&&", b"\x00" * 10, os.urandom(self.rng.randint(1, 400))]) + body
        return body
