"""Checks of what the server sent back, for xss.py: every HTML page is parsed and any
element, attribute or URL that did not come from our own templates (or from the
Markdown renderer's small vocabulary) is a finding; plain-text values are looked for
literally. Atom feeds, calendar files and CSV exports: xss_exports.py."""

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from payloads import MARKER_RE


# Elements the Markdown renderer (Ink, behind PostMarkdown) may write inside a post body.
MARKDOWN_TAGS = {"p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4",
                 "h5", "h6", "hr", "br", "del", "s", "table", "thead", "tbody", "tr", "th", "td"}
MARKDOWN_ATTRIBUTES = {"a": {"href", "rel"}, "code": {"class"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
# The bar charts (BarChart.swift) and search snippets (<mark>) are built in Swift.
GENERATED_TAGS = {"svg", "title", "text", "rect", "mark"}
GENERATED_ATTRIBUTES = {"viewbox", "width", "height", "x", "y", "rx", "aria-label", "role", "class"}
# Attributes a template may fill with what a person typed.
USER_TEXT_ATTRIBUTES = {"value", "href", "title", "alt", "aria-label"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc",
                  "ping", "cite", "codebase", "dynsrc", "lowsrc", "longdesc", "manifest", "icon", "srcset"}
SAFE_SCHEMES = {"http", "https", "mailto"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


SWIFT_VIEWS = Path(__file__).resolve().parents[2] / "Sources" / "CohortWeb" / "Views"
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>")


def _vocabulary_of(text, tags, attributes):
    for match in TAG.finditer(text):
        tags.add(match.group(1).lower())
        inner = re.sub(r"\{\{[^}]*\}\}", " ", match.group(2))
        inner = re.sub(r'"[^"]*"', " ", inner)
        for name in re.findall(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?=\s*=|\s|/|$)", inner):
            attributes.add(name.lower())


def vocabulary():
    """Tags and attribute names our own pages are made of: those in the templates, and
    those the Swift views write as HTML strings (post lists, charts, snippets)."""
    import harness
    tags, attributes = set(), set()
    for path in (Path(harness.REPO_ROOT) / "templates").rglob("*.mustache"):
        _vocabulary_of(path.read_text(), tags, attributes)
    for path in SWIFT_VIEWS.rglob("*.swift"):
        source = path.read_text().replace('\\"', '"')
        source = re.sub(r"\\\((?:[^()]|\([^()]*\))*\)", " ", source)
        _vocabulary_of(source, tags, attributes)
    return tags, attributes


_VOCABULARY = []


def allowed():
    if not _VOCABULARY:
        tags, attributes = vocabulary()
        _VOCABULARY.append((tags | MARKDOWN_TAGS | GENERATED_TAGS,
                            attributes | GENERATED_ATTRIBUTES | {"rel", "start", "align"}))
    return _VOCABULARY[0]


CONTROLS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xFFFD, 0x200B])


def norm(text):
    """What a comparison of shown text may ignore: control characters (a page cannot show
    them; a parser turns NUL into U+FFFD), line endings, runs of white space, and
    zero-width spaces (which the server trims like white space)."""
    return " ".join(text.translate(CONTROLS).split())


def url_scheme(value):
    """The scheme a browser would see in an attribute URL, or None for a relative one."""
    cleaned = "".join(ch for ch in value if ord(ch) > 0x20 and ch not in "\x7f")
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else None


def markers_in(text):
    return sorted({m.group(0) for m in MARKER_RE.finditer(text)})


class Finding:
    def __init__(self, page, kind, detail, markers):
        self.page = page
        self.kind = kind
        self.detail = detail
        self.markers = markers

    def __repr__(self):
        return f"{self.page}: {self.kind}: {self.detail[:300]!r} (markers {', '.join(self.markers) or 'none'})"


class PageAudit(HTMLParser):
    """Parses one page and records findings, the text it shows and its attribute values."""

    def __init__(self, page, html):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.html = html
        self.findings = []
        self.texts = []
        self.attribute_values = []
        self.stack = []  # (tag, is_markdown_container)
        self.scripts = 0
        self.marks = []
        self._mark_text = None
        self._line_starts = [0]
        for match in re.finditer("\n", html):
            self._line_starts.append(match.end())
        self.feed(html)
        self.close()

    # -- helpers --------------------------------------------------------------------------
    def _offset(self):
        line, column = self.getpos()
        return self._line_starts[line - 1] + column if line - 1 < len(self._line_starts) else len(self.html)

    def _context_markers(self, raw):
        found = markers_in(raw)
        if found:
            return found
        offset = self._offset()
        return markers_in(self.html[max(0, offset - 300):offset + 300])

    def _find(self, kind, detail, raw=None):
        self.findings.append(Finding(self.page, kind, detail, self._context_markers(raw or detail)))

    def _in_markdown(self):
        return any(markdown for _, markdown in self.stack)

    # -- parser callbacks -------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        self._check_element(tag, attrs)
        if tag not in VOID:
            classes = (dict(attrs).get("class") or "").split()
            self.stack.append((tag, "post-body" in classes))
        if tag == "mark":
            if self._mark_text is not None:
                self._find("<mark> inside <mark>", self.get_starttag_text() or "<mark>")
            self._mark_text = []

    def handle_startendtag(self, tag, attrs):
        self._check_element(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "mark":
            if self._mark_text is None:
                offset = self._offset()
                self._find("</mark> that closes nothing", self.html[max(0, offset - 120):offset + 20])
            else:
                self.marks.append("".join(self._mark_text))
                self._mark_text = None
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style"):
            if data.strip():
                self._find("inline " + self.stack[-1][0], data)
            return
        self.texts.append(data)
        if self._mark_text is not None:
            self._mark_text.append(data)

    def handle_comment(self, data):
        self._find("HTML comment in the page", "<!--" + data + "-->")

    def handle_decl(self, decl):
        if decl.lower() != "doctype html" or self.getpos()[0] != 1:
            self._find("declaration", "<!" + decl + ">")

    def unknown_decl(self, data):
        self._find("declaration", "<![" + data + "]>")

    def handle_pi(self, data):
        self._find("processing instruction", "<?" + data + ">")

    def _check_element(self, tag, attrs):
        raw = self.get_starttag_text() or f"<{tag}>"
        in_markdown = self._in_markdown()
        in_head = any(t == "head" for t, _ in self.stack)
        names = [name.lower() for name, _ in attrs]
        values = {name.lower(): (value or "") for name, value in attrs}
        for _, value in attrs:
            if value:
                self.attribute_values.append(value)

        allowed_tags, allowed_attributes = allowed()
        if tag not in allowed_tags:
            self._find(f"element <{tag}> that no template writes", raw)
        elif in_markdown and tag not in MARKDOWN_TAGS:
            self._find(f"element <{tag}> inside rendered Markdown", raw)
        for name in names:
            if name.startswith("on"):
                self._find(f"event handler attribute {name}", raw)
            elif name == "style":
                self._find("style attribute", raw)
            elif name not in allowed_attributes:
                self._find(f"attribute {name} that no template writes", raw)
            elif in_markdown and name not in MARKDOWN_ATTRIBUTES.get(tag, set()):
                self._find(f"attribute {name} on <{tag}> inside rendered Markdown", raw)
        for name, value in values.items():
            if name in URL_ATTRIBUTES and value:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    self._find(f"{scheme}: URL in {name}", raw)
                if name == "srcdoc":
                    self._find("srcdoc attribute", raw)
            if MARKER_RE.search(name):
                self._find("attribute name made of input", raw)
            if value and MARKER_RE.search(value) and name not in USER_TEXT_ATTRIBUTES:
                self._find(f"input inside the {name} attribute", raw)

        href = values.get("href", "")
        src = values.get("src", "")
        if tag == "script":
            self.scripts += 1
            if src != "/assets/app.js" or not in_head or self.scripts > 1:
                self._find("script element", raw)
        elif tag == "link" and (not in_head or href not in ("/assets/style.css", "/assets/icon.svg")):
            self._find("link element", raw)
        elif tag == "meta" and (not in_head or not (set(values) <= {"charset", "name", "content"})):
            self._find("meta element", raw)
        elif tag == "iframe" and not re.fullmatch(r"/files/\d+/preview", src):
            self._find("iframe", raw)
        elif tag in ("img", "video") and not re.fullmatch(r"/files/\d+(/preview)?", src):
            self._find(f"{tag} with a source that is not an uploaded file", raw)
        elif tag == "form" and not re.fullmatch(r"/[^/\\].*|/|\?.*", values.get("action", "/")):
            self._find("form posting elsewhere", raw)
        elif tag == "a" and href.startswith("//"):
            self._find("protocol-relative link", raw)

    # -- results ---------------------------------------------------------------------------
    def shown(self):
        """Every text node and attribute value, normalised, for literal look-ups."""
        return "\x01".join(norm(t) for t in self.texts + self.attribute_values)

    def visible_text(self):
        return "".join(self.texts)


def audit_html(page, html):
    return PageAudit(page, html)


def unterminated_overrides(text):
    """Bidirectional embeddings/overrides/isolates left open inside one text node."""
    opened = 0
    for ch in text:
        if ch in "\u202a\u202b\u202d\u202e\u2066\u2067\u2068":
            opened += 1
        elif ch in "\u202c\u2069" and opened:
            opened -= 1
    return opened


def display_file_name(raw):
    """FileType.displayName: the last path component, no control characters, 200 at most."""
    parts = [p for p in re.split(r"[/\\]", raw) if p]
    last = parts[-1] if parts else "file"
    clean = "".join(ch for ch in last if ord(ch) >= 0x20 and ord(ch) != 0x7F)
    return clean[:200] if clean else "file"


def strip_combining(text):
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def self_test():
    """The checks must see what they are for; returns what they missed."""
    missed = []
    page = ('<!doctype html>\n<html lang="en"><head><title>t</title><script src="/assets/app.js" defer></script></head>'
            '<body><main><p>{}</p><div class="post-body"><p>{}</p></div></main></body></html>')
    cases = {
        "event handler": page.format("<img src=x onerror=alert('zxpo001q')>", ""),
        "script": page.format("<script>alert('zxpo001q')</script>", ""),
        "javascript: URL": page.format("", "<a href=\"javascript:alert('zxpo001q')\">x</a>"),
        "attribute breakout": page.format('<input value="" autofocus onfocus="alert(1)" x="zxpo001q">', ""),
        "element in Markdown": page.format("", "<details open>zxpo001q</details>"),
        "stray mark": page.format("<mark>a</mark></mark>zxpo001q", ""),
    }
    for name, html in cases.items():
        if not audit_html("self test", html).findings:
            missed.append(name)
    clean = audit_html("self test", page.format("&lt;b&gt;zxpo001q", '<p><a href="https://example.org/" rel="nofollow">x</a></p>'))
    if clean.findings:
        missed.append(f"a clean page was flagged: {clean.findings}")
    if norm("<b>zxpo001q") not in clean.shown():
        missed.append("escaped text not found as typed")
    return missed
