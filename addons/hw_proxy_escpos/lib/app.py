"""The proxy's WSGI application (werkzeug): the routes an Odoo 19 POS calls, plus a status page.

POS routes (JSON-RPC 2.0, like Odoo's ``type='jsonrpc'``): ``/hw_proxy/handshake``,
``/hw_proxy/status_json``, ``/hw_proxy/default_printer_action``, ``/hw_proxy/scanner``;
``/hw_proxy/hello`` is plain HTTP. Printing never waits for a printer: the job is encoded, committed
to the queue and acknowledged; a worker thread per printer sends it.
"""

import json
import logging
import threading
import time

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from . import encoding, printers
from .queue import PrintQueue
from .scanner import ScannerRelay, start_source

_logger = logging.getLogger(__name__)
PRIORITY_DRAWER, PRIORITY_PRINT = 0, 10


class ProxyError(Exception):
    """An error reported to the POS as a JSON-RPC error, with a message for the cashier."""

    def __init__(self, message, name="ProxyError"):
        super().__init__(message)
        self.name = name


class ProxyApp:
    def __init__(self, config, start_workers=True):
        self.config = config
        self.queue = PrintQueue(config.queue_path)
        if self.queue.recovered:
            _logger.warning(
                "%d job(s) interrupted by the last stop are kept for a manual reprint", self.queue.recovered
            )
        self.workers = {
            name: printers.PrinterWorker(
                cfg, self.queue, config.retry_base_s, config.retry_max_s, config.probe_interval_s
            )
            for name, cfg in config.printers.items()
        }
        self.scanner = ScannerRelay()
        self.started_at = time.time()
        self.routes = {
            "/hw_proxy/handshake": self.handshake,
            "/hw_proxy/status_json": self.status_json,
            "/hw_proxy/default_printer_action": self.default_printer_action,
            "/hw_proxy/scanner": self.scanner_poll,
            "/hw_proxy_escpos/requeue": self.requeue,
            "/hw_proxy_escpos/scan": self.inject_scan,
        }
        if start_workers:
            self.start()

    def start(self):
        for worker in self.workers.values():
            if not worker.is_alive():
                worker.start()
        start_source(self.config.scanner, self.scanner)

    def close(self):
        for worker in self.workers.values():
            worker.stop()
        for worker in self.workers.values():
            if worker.is_alive():
                worker.join(timeout=5)
        self.queue.close()

    # --- JSON-RPC handlers ---------------------------------------------------------------------

    def handshake(self, params):
        return True

    def status_json(self, params):
        """Drivers in the shape the POS navbar reads (``printer``/``scanner`` with a ``status``)."""
        default = self.workers[self.config.default_printer].status()
        printer_status = "connected" if default["state"] == printers.ONLINE else "disconnected"
        if default["state"] == printers.CONNECTING:
            printer_status = "connecting"
        scanner_on = self.config.scanner.source != "none" or self.config.scanner.allow_injection
        return {
            "printer": {"status": printer_status, "state": default["state"], "messages": [default["message"]]},
            "scanner": {"status": "connected" if scanner_on else "disconnected", "messages": []},
            "escpos_printers": {name: worker.status() for name, worker in self.workers.items()},
        }

    def _worker(self, data):
        name = data.get("printer") or self.config.default_printer
        worker = self.workers.get(name)
        if worker is None:
            raise ProxyError(f"Unknown printer '{name}' on this proxy.", "UnknownPrinter")
        return worker

    def _encode(self, action, data, cfg):
        if action == "print_receipt":
            return encoding.receipt(
                data.get("receipt"), cfg.paper_mm, cfg.profile, cutter=cfg.cutter, width_px=cfg.width_px
            )
        if action == "cashbox":
            return encoding.cashbox(cfg.drawer_pin)
        if action == "print_text":
            return encoding.text_ticket(
                data.get("lines"), data.get("qr"), cfg.paper_mm, cfg.profile, cutter=cfg.cutter, width_px=cfg.width_px
            )
        raise ProxyError(f"Unknown printer action '{action}'.", "UnknownAction")

    def default_printer_action(self, params):
        data = params.get("data")
        if not isinstance(data, dict):
            raise ProxyError("The request has no 'data' object.", "BadRequest")
        action = data.get("action")
        worker = self._worker(data)
        try:
            payload = self._encode(action, data, worker.cfg)
        except encoding.EncodingError as error:
            raise ProxyError(str(error), "InvalidPrintData") from error
        priority = PRIORITY_DRAWER if action == "cashbox" else PRIORITY_PRINT
        idem_key = data.get("uuid") if isinstance(data.get("uuid"), str) else None
        job_id, created = self.queue.enqueue(worker.cfg.name, action, payload, priority, idem_key)
        worker.wake()
        state = worker.state
        return {
            "result": True,
            "job_id": job_id,
            "duplicate": not created,
            "printer_state": state,
            "message": "" if state in (printers.ONLINE, printers.CONNECTING) else worker.message,
        }

    def scanner_poll(self, params):
        return self.scanner.wait(self.config.scanner.poll_timeout)

    def requeue(self, params):
        job_id = params.get("job_id")
        if not isinstance(job_id, int) or not self.queue.requeue(job_id):
            raise ProxyError(f"Job {job_id} is not interrupted or failed; nothing to reprint.", "BadRequest")
        job = self.queue.get(job_id)
        self.workers[job["printer"]].wake()
        return True

    def inject_scan(self, params):
        if not self.config.scanner.allow_injection:
            raise ProxyError("Barcode injection is disabled on this proxy.", "Forbidden")
        self.scanner.push(str(params.get("barcode") or ""))
        return True

    def status_page(self):
        return {
            "uptime_s": round(time.time() - self.started_at),
            "default_printer": self.config.default_printer,
            "printers": {name: worker.status() for name, worker in self.workers.items()},
            "queue": self.queue.counts(),
            "recent_jobs": self.queue.recent(),
            "scanner_last_scan": self.scanner.last_scan,
        }

    # --- HTTP plumbing -------------------------------------------------------------------------

    def _cors(self, request, response):
        origins = self.config.cors_origins
        origin = request.headers.get("Origin")
        if "*" in origins:
            response.headers["Access-Control-Allow-Origin"] = "*"
        elif origin in origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Vary"] = "Origin"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, X-Requested-With"
        # Chrome's private/local network access checks: a POS served from the internet calls the box
        response.headers["Access-Control-Allow-Private-Network"] = "true"
        response.headers["Access-Control-Max-Age"] = "86400"
        return response

    @staticmethod
    def _json(body, status=200):
        return Response(json.dumps(body, default=str), status=status, mimetype="application/json")

    def _jsonrpc(self, request, handler):
        request_id = None
        try:
            body = json.loads(request.get_data(cache=False) or b"{}")
            if not isinstance(body, dict):
                raise ProxyError("A JSON-RPC request must be an object.", "BadRequest")
            request_id = body.get("id")
            params = body.get("params") or {}
            if not isinstance(params, dict):
                raise ProxyError("JSON-RPC params must be an object.", "BadRequest")
            result = handler(params)
        except RequestEntityTooLarge:
            limit = self.config.max_request_bytes // 1024
            error = ProxyError(f"The request is larger than the proxy accepts ({limit} KiB).", "PayloadTooLarge")
            return self._json(self._error_body(request_id, error))
        except ValueError as error:  # invalid JSON
            wrapped = ProxyError(f"The request is not valid JSON: {error}", "BadRequest")
            return self._json(self._error_body(request_id, wrapped))
        except ProxyError as error:
            _logger.info("refused %s: %s", request.path, error)
            return self._json(self._error_body(request_id, error))
        return self._json({"jsonrpc": "2.0", "id": request_id, "result": result})

    @staticmethod
    def _error_body(request_id, error):
        return {
            "jsonrpc": "2.0",
            "id": request_id,
            "error": {
                "code": 200,
                "message": str(error),
                "data": {"name": f"hw_proxy_escpos.{error.name}", "message": str(error), "arguments": [str(error)]},
            },
        }

    def dispatch(self, request):
        if request.method == "OPTIONS":
            return Response(status=204)
        if request.path == "/hw_proxy/hello":
            return Response("ping", mimetype="text/plain")
        if request.path == "/hw_proxy_escpos/status":
            return self._json(self.status_page())
        handler = self.routes.get(request.path)
        if handler is None:
            return self._json({"error": f"no route {request.path}"}, status=404)
        if request.method != "POST":
            return self._json({"error": "use POST"}, status=405)
        return self._jsonrpc(request, handler)

    def __call__(self, environ, start_response):
        request = Request(environ)
        request.max_content_length = self.config.max_request_bytes
        try:
            response = self.dispatch(request)
        except Exception:  # the proxy keeps serving whatever one request did
            _logger.exception("unexpected error on %s", request.path)
            response = self._json({"error": "internal error, see the proxy log"}, status=500)
        return self._cors(request, response)(environ, start_response)


class ProxyServer:
    """The app served by werkzeug's threaded server (HTTPS when a cert and key are configured)."""

    def __init__(self, config, app=None):
        self.app = app or ProxyApp(config)
        self.server = make_server(config.host, config.port, self.app, threaded=True, ssl_context=config.ssl_context)
        self.port = self.server.server_port
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self.server.serve_forever, name="hw-proxy-http", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.app.close()
