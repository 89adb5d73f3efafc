"""Checks of the exports, for xss.py: Atom feeds (well-formed XML, safe entry HTML),
meeting calendars (no smuggled iCalendar lines) and CSV files (no spreadsheet formulas)."""

import csv
import io
import re
import xml.etree.ElementTree as ElementTree

from xss_check import Finding, PageAudit, markers_in, norm, url_scheme


def audit_feed(page, xml_text):
    """An Atom feed: well-formed XML whose entry content is safe HTML once unescaped."""
    findings = []
    try:
        root = ElementTree.fromstring(xml_text.encode("utf-8"))
    except ElementTree.ParseError as error:
        line, column = error.position
        text = xml_text.split("\n")[line - 1] if line - 1 < len(xml_text.split("\n")) else ""
        bad = sorted({f"U+{ord(ch):04X}" for ch in text if ord(ch) < 0x20 and ch not in "\t\n\r"})
        detail = f"{error}; control characters {', '.join(bad) or 'none'} in: {text[max(0, column - 60):column + 60]!r}"
        return [Finding(page, "feed is not well-formed XML", detail, markers_in(text))], ""
    ns = "{http://www.w3.org/2005/Atom}"
    shown = []
    for element in root.iter():
        if element.text:
            shown.append(element.text)
    for content in root.iter(ns + "content"):
        audit = PageAudit(page + " (entry content)", '<div class="post-body">' + (content.text or "") + "</div>")
        findings += audit.findings
    for link in root.iter(ns + "link"):
        scheme = url_scheme(link.get("href", ""))
        if scheme not in ("http", "https"):
            findings.append(Finding(page, "feed link with a bad scheme", link.get("href", ""), []))
    return findings, "\x01".join(norm(s) for s in shown)


def audit_calendar(page, text):
    """An iCalendar file: one event, and no line that a value smuggled in."""
    findings = []
    lines = text.replace("\r\n", "\n").split("\n")
    known = re.compile(r"^(BEGIN|END|VERSION|PRODID|CALSCALE|METHOD|UID|DTSTAMP|DTSTART|DTEND|SUMMARY|DESCRIPTION|"
                       r"LOCATION|URL|TZID|X-[A-Z-]+|STATUS|SEQUENCE|TRANSP|RRULE|TZOFFSETFROM|TZOFFSETTO|TZNAME)[;:]")
    for line in lines:
        if not line or line.startswith((" ", "\t")):
            continue
        if not known.match(line):
            findings.append(Finding(page, "calendar line that is not an iCalendar property", line, markers_in(line)))
    if text.count("BEGIN:VEVENT") != 1:
        findings.append(Finding(page, "calendar does not hold exactly one event", str(text.count("BEGIN:VEVENT")),
                                markers_in(text)))
    return findings


def audit_csv(page, text):
    """A CSV export: no cell a spreadsheet would run as a formula."""
    findings = []
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-?\d+(\.\d+)?%?", cell):
                findings.append(Finding(page, "CSV cell a spreadsheet runs as a formula", cell, markers_in(cell)))
    return findings
