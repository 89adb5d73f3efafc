"""After the writers: where each kind of write leaves its marker, and the check that every
acknowledged write is stored once and no refused one at all; database integrity."""

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from writers_ledger import MARKER, RUN



# Where each kind of write leaves its marker: (table, column) pairs, each to hold it once.
PLACES = {
    "reply": [("post", "source")],
    "thread": [("topic", "title"), ("post", "source")],
    "feedback": [("feedback", "source")],
    "upload": [("artifact", "title")],
    "share": [("artifact", "title")],
}
SCANNED = sorted({place for places in PLACES.values() for place in places})


def scan_markers(db):
    """{(table, column): {marker: [row ids]}} for this run's markers."""
    found = {}
    for table, column in SCANNED:
        rows = defaultdict(list)
        for row_id, text in db.execute(f"SELECT id, {column} FROM {table} WHERE {column} LIKE ?", (f"%MK{RUN}%",)):
            for marker in set(MARKER.findall(text or "")):
                rows[marker].append(row_id)
        found[(table, column)] = rows
    return found


@dataclass
class MarkerReport:
    checked: int = 0
    lost: list = field(default_factory=list)
    duplicated: list = field(default_factory=list)
    misplaced: list = field(default_factory=list)
    refused_but_stored: list = field(default_factory=list)
    unknown_stored: int = 0
    phantom: list = field(default_factory=list)

    @property
    def ok(self):
        return not (self.lost or self.duplicated or self.misplaced or self.refused_but_stored or self.phantom)


def check_markers(db, writes, must_have):
    """Acknowledged writes in `must_have` are there once (with the id their 303 named);
    no write is there twice; refused ones are absent."""
    found = scan_markers(db)
    report = MarkerReport()
    by_marker = {w.marker: w for w in writes}
    for write in writes:
        places = PLACES[write.kind]
        counts = [len(found[place].get(write.marker, [])) for place in places]
        if any(c > 1 for c in counts):
            report.duplicated.append((write, counts))
        if write.marker in must_have:
            report.checked += 1
            if any(c == 0 for c in counts):
                report.lost.append((write, counts))
            elif write.row_id and write.row_id not in found[places[0]].get(write.marker, []):
                # Stored, but not as the row its 303 named.
                report.misplaced.append((write, found[places[0]].get(write.marker, [])))
        elif write.outcome == "refused" and any(counts):
            report.refused_but_stored.append((write, counts))
        elif write.outcome == "unknown" and any(counts):
            report.unknown_stored += 1
    for place, rows in found.items():
        for marker in rows:
            if marker not in by_marker:
                report.phantom.append((marker, place))
    return report


def describe(write, extra=""):
    return (f"{write.kind} {write.marker} by {write.account} (client {write.client}) target {write.target}: "
            f"{write.outcome} {write.status or ''} {write.location or write.error} {extra}").strip()


def integrity(db):
    """PRAGMA integrity_check, the foreign keys, and the search index's own check."""
    problems = []
    result = [r[0] for r in db.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        problems.append("integrity_check: " + "; ".join(result[:10]))
    keys = db.execute("PRAGMA foreign_key_check").fetchall()
    if keys:
        problems.append(f"foreign_key_check: {len(keys)} rows, e.g. {keys[:5]}")
    try:
        db.execute("INSERT INTO postSearch(postSearch) VALUES ('integrity-check')")
    except sqlite3.DatabaseError as error:
        problems.append(f"postSearch integrity-check: {error}")
    return problems


def open_copy(path):
    db = sqlite3.connect(path, timeout=30)
    db.execute("PRAGMA foreign_keys = OFF")
    return db
