"""A fake ESC/POS network printer on 127.0.0.1 for tests and benchmarks.

It records every byte per connection, answers ``DLE EOT`` status requests like a real printer, and
can be told to refuse connections, to stall (stop reading and answering) after some bytes, or to
report that it is out of paper. A stalled printer stays stalled for every later connection, as a real
one whose buffer is full does, until its mode is changed.
"""

import contextlib
import socket
import threading
import time

from .decoder import decode_prefix

OK, REFUSE, STALL, PAPER_OUT = "ok", "refuse", "stall", "paper_out"


class FakePrinter:
    def __init__(self, port=0, mode=OK, stall_after=0):
        self.mode = mode
        self.stall_after = stall_after
        self.stalled = False  # the stall point was reached: nothing is read or answered any more
        self.jobs = []  # bytes received, one entry per connection
        self.events = []  # (time of the cut command, connection index)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", port))
        self._server.listen(16)
        self.port = self._server.getsockname()[1]
        self._closed = False
        self._clients = []
        self._thread = threading.Thread(target=self._accept_loop, name="fake-printer", daemon=True)
        self._thread.start()

    def close(self):
        self._closed = True
        with contextlib.suppress(OSError):
            self._server.close()
        for client in list(self._clients):
            with contextlib.suppress(OSError):
                client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _accept_loop(self):
        while not self._closed:
            try:
                client, _address = self._server.accept()
            except OSError:
                return
            if self.mode == REFUSE:
                client.close()
                continue
            self._clients.append(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _answer(self, client, query):
        if query == 1:
            client.sendall(b"\x16")  # online, no error
        elif query == 4:
            client.sendall(b"\x72" if self.mode == PAPER_OUT else b"\x12")
        else:
            client.sendall(b"\x12")

    def _serve(self, client):
        with self._changed:
            index = len(self.jobs)
            self.jobs.append(b"")
            self._changed.notify_all()
        buffer = bytearray()
        parsed = 0
        try:
            while True:
                if self.mode == STALL and (self.stalled or len(buffer) >= self.stall_after):
                    self.stalled = True
                    time.sleep(0.05)  # keep the connection open, read nothing, answer nothing
                    if self._closed:
                        return
                    continue
                chunk = client.recv(65536)
                if not chunk:
                    return
                buffer += chunk
                commands, parsed = decode_prefix(buffer, parsed)
                with self._changed:
                    self.jobs[index] = bytes(buffer)
                    for command in commands:
                        if command.name == "cut":
                            self.events.append((time.perf_counter(), index))
                    self._changed.notify_all()
                for command in commands:
                    stalled = self.mode == STALL and (self.stalled or len(buffer) >= self.stall_after)
                    if command.name == "status_query" and not stalled:
                        self._answer(client, command.args["n"])
        except OSError:
            return
        finally:
            client.close()

    @property
    def data(self):
        """Every byte received, all connections concatenated, without the status requests' answers."""
        with self._lock:
            return b"".join(self.jobs)

    def wait_for_connections(self, count, timeout=10.0):
        """Block until ``count`` connections were accepted; return True if they were."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.jobs) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True

    def wait_for_cuts(self, count, timeout=10.0):
        """Block until ``count`` cut commands arrived; return True if they did."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.events) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True
