"""Persistent print queue in SQLite (WAL).

Job life cycle::

    pending --(claimed just before the first byte is written)--> sending --> done
       ^                                                            |
       +---- printer unreachable / paper out (nothing was sent) ----+--> interrupted (bytes may be out)

Delivery semantics: a job is committed (``synchronous=FULL``) before the POS gets its answer, so an
acknowledged job is never lost. A job is moved to ``sending`` in its own commit *after* the printer
connection is open and its status is fine, and only then are bytes written; it becomes ``done`` once
the last byte is handed over. A crash or failure between those two commits leaves it ``sending``,
and we cannot know how much of it the printer printed: such jobs become ``interrupted`` and are
never resent automatically (at-most-once for bytes that may have left, at-least-once for jobs that
never started). The cashier or an admin can reprint an interrupted job on purpose (``requeue``).
Duplicated POS requests are folded by an optional idempotency key.
"""

import sqlite3
import threading
import time

PENDING, SENDING, DONE, INTERRUPTED, FAILED = "pending", "sending", "done", "interrupted", "failed"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS job (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    printer TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload BLOB NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    priority INTEGER NOT NULL DEFAULT 10,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    idem_key TEXT UNIQUE,
    created_at REAL NOT NULL,
    next_try_at REAL NOT NULL DEFAULT 0,
    done_at REAL
);
CREATE INDEX IF NOT EXISTS job_pending_idx ON job (printer, state, priority, id);
"""


class PrintQueue:
    """Thread-safe job store; one connection guarded by a lock (SQLite serialises writes anyway)."""

    def __init__(self, path, max_attempts=0):
        self.path = str(path)
        self.max_attempts = max_attempts  # 0 = retry forever (a printer out of paper comes back)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        self.recovered = self._recover()

    def close(self):
        with self._lock:
            self._db.close()

    def _recover(self):
        """After a crash, jobs caught mid-send may be on paper already: never resend them blindly."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE job SET state = ?, last_error = 'interrupted by a restart of the proxy' WHERE state = ?",
                (INTERRUPTED, SENDING),
            )
            return cursor.rowcount

    def enqueue(self, printer, kind, payload, priority=10, idem_key=None):
        """Store a job durably; return ``(job_id, created)``; an already seen ``idem_key`` is not re-added."""
        with self._lock:
            if idem_key:
                row = self._db.execute("SELECT id FROM job WHERE idem_key = ?", (idem_key,)).fetchone()
                if row:
                    return row["id"], False
            cursor = self._db.execute(
                "INSERT INTO job (printer, kind, payload, priority, idem_key, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (printer, kind, bytes(payload), priority, idem_key, time.time()),
            )
            return cursor.lastrowid, True

    def next_job(self, printer, now=None):
        """The next pending job of ``printer`` that is due, or None (not claimed yet)."""
        now = time.time() if now is None else now
        with self._lock:
            return self._db.execute(
                "SELECT id, kind, payload, attempts FROM job WHERE printer = ? AND state = ? AND next_try_at <= ?"
                " ORDER BY priority, id LIMIT 1",
                (printer, PENDING, now),
            ).fetchone()

    def claim(self, job_id):
        """pending -> sending, committed before any byte is written; False if someone else took it."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE job SET state = ?, attempts = attempts + 1 WHERE id = ? AND state = ?",
                (SENDING, job_id, PENDING),
            )
            return cursor.rowcount == 1

    def mark_done(self, job_id):
        with self._lock:
            self._db.execute(
                "UPDATE job SET state = ?, done_at = ?, last_error = NULL WHERE id = ? AND state = ?",
                (DONE, time.time(), job_id, SENDING),
            )

    def mark_interrupted(self, job_id, error):
        with self._lock:
            self._db.execute(
                "UPDATE job SET state = ?, last_error = ? WHERE id = ? AND state = ?",
                (INTERRUPTED, str(error)[:500], job_id, SENDING),
            )

    def postpone(self, job_id, error, delay):
        """Nothing was sent (printer unreachable, paper out): keep the job pending, try again later."""
        with self._lock:
            row = self._db.execute("SELECT attempts FROM job WHERE id = ?", (job_id,)).fetchone()
            attempts = (row["attempts"] if row else 0) + 1
            state = FAILED if self.max_attempts and attempts >= self.max_attempts else PENDING
            self._db.execute(
                "UPDATE job SET state = ?, attempts = ?, last_error = ?, next_try_at = ? WHERE id = ? AND state = ?",
                (state, attempts, str(error)[:500], time.time() + delay, job_id, PENDING),
            )

    def requeue(self, job_id):
        """Deliberate reprint of an interrupted or failed job (an operator decision)."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE job SET state = ?, next_try_at = 0 WHERE id = ? AND state IN (?, ?)",
                (PENDING, job_id, INTERRUPTED, FAILED),
            )
            return cursor.rowcount == 1

    def get(self, job_id):
        with self._lock:
            row = self._db.execute(
                "SELECT id, printer, kind, state, attempts, last_error, created_at, done_at FROM job WHERE id = ?",
                (job_id,),
            ).fetchone()
            return dict(row) if row else None

    def counts(self, printer=None):
        query = "SELECT state, COUNT(*) AS n FROM job"
        params = ()
        if printer:
            query += " WHERE printer = ?"
            params = (printer,)
        with self._lock:
            rows = self._db.execute(query + " GROUP BY state", params).fetchall()
        return {row["state"]: row["n"] for row in rows}

    def recent(self, limit=20):
        with self._lock:
            rows = self._db.execute(
                "SELECT id, printer, kind, state, attempts, last_error, created_at, done_at FROM job"
                " ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [dict(row) for row in rows]

    def purge(self, older_than_s=7 * 86400):
        """Forget done jobs older than a week (the queue file stays small)."""
        with self._lock:
            self._db.execute("DELETE FROM job WHERE state = ? AND done_at < ?", (DONE, time.time() - older_than_s))
