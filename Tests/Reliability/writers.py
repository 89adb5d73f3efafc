"""Writers shared by crash.py and backup.py: signed-in clients that keep creating
replies, threads, artifact feedback, link-only artifacts ("shares", which have no
posting limit and fill in while an account is at its limits) and slow file uploads,
each carrying a unique marker, and a ledger of what the server acknowledged.

A write is *acknowledged* only when its success response (a 303 to the new thing)
was received in full. Anything else is *refused* (a complete 4xx answer: the server
said no, so it must not be stored) or *unknown* (connection error, timeout, 5xx:
it may or may not be stored, but at most once). Every attempt gets a new marker.
"""

# The parts live in writers_ledger.py (bookkeeping), writers_client.py (the writers) and
# writers_markers.py (the checks afterwards); crash.py and backup.py use them through here.
from writers_client import Writer, start_writers, stop_writers
from writers_ledger import (ARTIFACT, FEEDBACK, MARKER, REPLY, RUN, THREAD, Endpoint, Ledger, RateBudget,
                            Targets, UploadPlan, Write, client_accounts, discover_targets, free_port,
                            stop_on_sigterm)
from writers_markers import PLACES, SCANNED, MarkerReport, check_markers, describe, integrity, open_copy, scan_markers

__all__ = ["Writer", "start_writers", "stop_writers", "ARTIFACT", "FEEDBACK", "MARKER", "REPLY", "RUN", "THREAD",
           "Endpoint", "Ledger", "RateBudget", "Targets", "UploadPlan", "Write", "client_accounts", "discover_targets",
           "free_port", "stop_on_sigterm", "PLACES", "SCANNED", "MarkerReport", "check_markers", "describe", "integrity",
           "open_copy", "scan_markers"]
